"""Paying an order: the provider's signed confirmation is the only way to paid."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.money import quantize_yuan
from core.payments import SimulatedProvider, callback_verified, provider_get
from orders.models import (
    OrderStatus,
    Payment,
    PaymentStatus,
    TrustReview,
)
from orders.services.common import _check_buyer, _locked_order, _move
from orders.services.notices import order_flag_notify, order_notify
from orders.services.rollups import month_of, sales_rollup_add
from shops.models import Product


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
        if existing.order_id != order.pk:
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
    else:
        payment.status = PaymentStatus.SUCCEEDED
        _move(order, OrderStatus.PAID, actor=payment.payer, note=payment.reference)
        for product_id, quantity in order.lines.order_by("product_id").values_list("product_id", "quantity"):
            Product.objects.filter(pk=product_id).update(units_sold=F("units_sold") + quantity)
        if not order.excluded_from_sales:  # a held order joins the rollups when a reviewer clears it
            sales_rollup_add(shop_id=order.shop_id, month=month_of(order.paid_at), volume=order.total, orders=1)
        order_notify(order, "order_paid", [order.buyer_id, order.shop.owner_id])
        if order.trust_review == TrustReview.HELD:  # paid, so worth a reviewer's look (the review queue)
            order_flag_notify(order, reason=", ".join(order.suspect_reason_labels()))
    payment.confirmed_at = timezone.now()
    payment.save(update_fields=["status", "failure_reason", "confirmed_at"])
    return payment


def payment_callback_handle(*, body: bytes, signature: str) -> Payment:
    """The provider's callback: verify the HMAC first (403 and nothing written if it is wrong), then confirm."""
    reference, status, amount = callback_verified(body=body, signature=signature)
    return payment_confirm(reference=reference, status=status, amount=amount)


def payment_simulate(*, payment: Payment, succeed: bool = True) -> Payment:
    """The simulated provider's "pay" button: it signs the confirmation and delivers it to our callback."""
    provider = provider_get(payment.provider)
    if not isinstance(provider, SimulatedProvider):
        raise NotPermitted(_("Only the simulated provider pays from here."))
    body, signature = provider.confirmation(reference=payment.reference, amount=payment.amount, succeed=succeed)
    return payment_callback_handle(body=body, signature=signature)
