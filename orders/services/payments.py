"""Paying an order: the provider's signed confirmation is the only way to paid."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from core.money import quantize_yuan
from core.payments import callback_verified, provider_get, simulated_callback
from orders.models import (
    CheckoutPayment,
    Order,
    OrderStatus,
    Payment,
    PaymentStatus,
    PreSalePayment,
    TrustReview,
)
from orders.services.common import _check_buyer, _line_quantities, _locked_order, _move
from orders.services.notices import order_flag_notify, order_notify
from orders.services.rollups import month_of, sales_rollup_add
from shops.services import units_sold_add


@transaction.atomic
def payment_start(*, order_id: int, payer, idempotency_key: str) -> Payment:
    """Start paying an order with the configured provider; a replay with the same key returns the same payment.

    The order row lock serialises concurrent replays, and the (payer, key) unique constraint backs it.
    """
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise ValidationFailed(
            _("An Idempotency-Key (1 to 100 characters) is required."), fields={"idempotency_key": [_("Required.")]}
        )
    order = _locked_order(order_id)
    _check_buyer(payer, order)
    existing = Payment.objects.filter(payer=payer, idempotency_key=key).first()
    if existing is not None:
        if existing.order_id != order.pk or existing.checkout_payment_id is not None:
            raise Conflict(_("This Idempotency-Key was used for another order."), code="idempotency_key_reused")
        return existing
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise InvalidTransition(_("Order %(number)s is not waiting for payment.") % {"number": order.number})
    provider = provider_get()
    return Payment.objects.create(
        order=order,
        payer=payer,
        idempotency_key=key,
        provider=provider.name,
        reference=provider.new_reference(),
        amount=order.total,
    )


@transaction.atomic
def payment_confirm(*, reference: str, status: str, amount: Decimal) -> Payment:
    """Apply a provider confirmation (the signature is checked by the caller): pay the order once.

    Replays are harmless: a payment already decided is returned unchanged. Paying takes the order to paid,
    bumps the products' units sold and adds to the shop's monthly rollup, all in this transaction.
    """
    try:
        payment = Payment.objects.select_for_update().get(reference=reference)
    except Payment.DoesNotExist as exc:
        raise NotFound(_("Unknown payment.")) from exc
    if payment.checkout_payment_id is not None:  # a part: only its checkout payment's callback decides it
        raise NotFound(_("Unknown payment."))
    if payment.status != PaymentStatus.PENDING:
        return payment
    order = _locked_order(payment.order_id)
    if status != PaymentStatus.SUCCEEDED:
        payment.status, payment.failure_reason = PaymentStatus.FAILED, _("Declined by the provider.")
    elif quantize_yuan(amount) != payment.amount:
        payment.status, payment.failure_reason = PaymentStatus.FAILED, _("The amount does not match.")
        order_flag_notify(order, reason=f"payment {payment.reference}: {amount} confirmed for {payment.amount}")
    elif order.status != OrderStatus.PENDING_PAYMENT:
        payment.status, payment.failure_reason = PaymentStatus.FAILED, _("The order was no longer waiting for payment.")
        # The provider took the money all the same (paid twice, or after a cancellation): an admin refunds it there.
        order_flag_notify(order, reason=f"payment {payment.reference}: {amount} taken, order {order.status}: refund it")
    else:
        payment.status = PaymentStatus.SUCCEEDED
        _order_paid(order, payment)
    payment.confirmed_at = timezone.now()
    payment.save(update_fields=["status", "failure_reason", "confirmed_at"])
    return payment


def _order_paid(order, payment: Payment) -> None:
    """The order is paid by this payment: paid, units sold, the shop's monthly rollup, the notices."""
    from orders.services.group_buys import group_buy_member_paid  # group buys (issue 23): wait for the group

    if group_buy_member_paid(order, payment):
        return
    _move(order, OrderStatus.PAID, actor=payment.payer, note=payment.reference)
    units_sold_add(_line_quantities(order), sign=1)
    if not order.excluded_from_sales:  # a held order joins the rollups when a reviewer clears it
        sales_rollup_add(shop_id=order.shop_id, month=month_of(order.paid_at), volume=order.total, orders=1)
    order_notify(order, "order_paid", [order.buyer_id, order.shop.owner_id])
    if order.trust_review == TrustReview.HELD:  # paid, so worth a reviewer's look (the review queue)
        order_flag_notify(order, reason=", ".join(order.suspect_reason_labels()))


# --- one payment for the whole checkout (合并付款)


@transaction.atomic
def checkout_payment_start(*, checkout_id, payer, idempotency_key: str) -> CheckoutPayment:
    """Start one payment for every order of the checkout still waiting for payment: one provider reference for
    their total, and one part (a Payment) per order. A replay with the same key returns the same payment."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise ValidationFailed(
            _("An Idempotency-Key (1 to 100 characters) is required."), fields={"idempotency_key": [_("Required.")]}
        )
    orders = list(
        Order.objects.select_for_update(of=("self",)).filter(checkout_id=checkout_id, buyer=payer).order_by("pk")
    )
    if not orders:
        raise NotFound(_("No such checkout."))
    existing = CheckoutPayment.objects.filter(payer=payer, idempotency_key=key).first()
    if existing is not None:
        if existing.checkout_id != orders[0].checkout_id:
            raise Conflict(_("This Idempotency-Key was used for another checkout."), code="idempotency_key_reused")
        return existing
    waiting = [order for order in orders if order.status == OrderStatus.PENDING_PAYMENT]
    if not waiting:
        raise InvalidTransition(_("No order of this checkout is waiting for payment."))
    provider = provider_get()
    reference = provider.new_reference()
    checkout_payment = CheckoutPayment.objects.create(
        checkout_id=orders[0].checkout_id,
        payer=payer,
        idempotency_key=key,
        provider=provider.name,
        reference=reference,
        amount=sum((order.total for order in waiting), Decimal("0.00")),
    )
    Payment.objects.bulk_create(
        Payment(
            order=order,
            payer=payer,
            checkout_payment=checkout_payment,
            idempotency_key=f"checkout:{reference}:{order.pk}",
            provider=provider.name,
            reference=f"{reference}-{order.number}",
            amount=order.total,
        )
        for order in waiting
    )
    return checkout_payment


@transaction.atomic
def checkout_payment_confirm(*, reference: str, status: str, amount: Decimal) -> CheckoutPayment:
    """Apply a provider confirmation of a checkout payment (the signature is checked by the caller): every order
    it covers is paid, or none is. A decline, an amount that does not match, or one order no longer waiting
    (cancelled, or paid on its own meanwhile) fails the payment and all its parts. Replays change nothing."""
    checkout_payment = CheckoutPayment.objects.select_for_update().filter(reference=reference).first()
    if checkout_payment is None:
        raise NotFound(_("Unknown payment."))
    if checkout_payment.status != PaymentStatus.PENDING:
        return checkout_payment
    parts = list(checkout_payment.parts.select_for_update().order_by("order_id"))
    orders = {
        order.pk: order
        for order in Order.objects.select_for_update(of=("self",))
        .select_related("shop")
        .filter(pk__in=[part.order_id for part in parts])
        .order_by("pk")
    }
    reason = ""
    if status != PaymentStatus.SUCCEEDED:
        reason = _("Declined by the provider.")
    elif quantize_yuan(amount) != checkout_payment.amount:
        reason = _("The amount does not match.")
        for order in orders.values():
            order_flag_notify(order, reason=f"payment {reference}: {amount} confirmed for {checkout_payment.amount}")
    elif any(
        orders[part.order_id].status != OrderStatus.PENDING_PAYMENT or orders[part.order_id].total != part.amount
        for part in parts
    ):
        reason = _("An order of the checkout was no longer waiting for payment.")
        # The provider took the money all the same (an order paid on its own meanwhile, or cancelled): an admin
        # refunds the whole payment there.
        for order in orders.values():
            order_flag_notify(order, reason=f"payment {reference}: {amount} taken, checkout not paid: refund it")
    now = timezone.now()
    for part in parts:
        if reason:
            part.status, part.failure_reason = PaymentStatus.FAILED, reason
        else:
            part.status = PaymentStatus.SUCCEEDED
            _order_paid(orders[part.order_id], part)
        part.confirmed_at = now
    Payment.objects.bulk_update(parts, ["status", "failure_reason", "confirmed_at"])
    checkout_payment.status = PaymentStatus.FAILED if reason else PaymentStatus.SUCCEEDED
    checkout_payment.failure_reason, checkout_payment.confirmed_at = reason, now
    checkout_payment.save(update_fields=["status", "failure_reason", "confirmed_at"])
    return checkout_payment


def payment_callback_handle(*, body: bytes, signature: str) -> Payment | CheckoutPayment | PreSalePayment:
    """The provider's callback: verify the HMAC first (403 and nothing written if it is wrong), then confirm
    the payment of one order or of a whole checkout, whichever the reference names."""
    reference, status, amount = callback_verified(body=body, signature=signature)
    if CheckoutPayment.objects.filter(reference=reference).exists():
        return checkout_payment_confirm(reference=reference, status=status, amount=amount)
    if PreSalePayment.objects.filter(reference=reference).exists():  # a pre-sale's deposit or balance (issue 23)
        from orders.services.presales import presale_payment_confirm

        return presale_payment_confirm(reference=reference, status=status, amount=amount)
    return payment_confirm(reference=reference, status=status, amount=amount)


def checkout_payment_simulate(*, checkout_payment: CheckoutPayment, succeed: bool = True) -> CheckoutPayment:
    """The simulated provider's "pay" button for a checkout payment (signed, then through our callback)."""
    body, signature = simulated_callback(checkout_payment, succeed=succeed)
    return payment_callback_handle(body=body, signature=signature)


def payment_simulate(*, payment: Payment, succeed: bool = True) -> Payment:
    """The simulated provider's "pay" button: it signs the confirmation and delivers it to our callback."""
    body, signature = simulated_callback(payment, succeed=succeed)
    return payment_callback_handle(body=body, signature=signature)
