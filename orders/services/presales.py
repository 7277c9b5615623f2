"""Pre-sale orders (预售, issue 23): reserve, pay the deposit, the farmer's call for the balance, pay the balance,
forfeit, ship, and the automatic refund when the farmer does not ship by the last shipping date.

Money: every deposit and balance comes through the payment provider's signed callback and sits in the shop's
ledger as unearned (PRESALE_UNEARNED, not withdrawable). At shipment it is released and an ordinary Order is
created (paid, then shipped at once): from there the order settles at completion like any sale, and counts in the
village's sales (certification) only then, paid in full and shipped. A forfeited deposit becomes the shop's, less
the platform commission (PRESALE_FORFEIT). Refunds go back through the provider. `presales_audit` balances it all.
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.money import money_bound_check, quantize_yuan
from core.payments import callback_verified, provider_get
from core.quantity import format_quantity
from notifications.services import notify
from orders.models import (
    PRESALE_HOLDING,
    PRESALE_ORDER_TRANSITIONS,
    LedgerKind,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    PreSaleOrder,
    PreSaleOrderStatus,
    PreSalePayment,
    PreSalePaymentKind,
    PreSaleRefund,
    ShopLedgerEntry,
    TrustReview,
)
from orders.services.common import InsufficientStock, ShipTo, _event
from orders.services.fulfilment import order_ship
from orders.services.payments import _order_paid
from orders.services.settlement import commission_rate_current
from orders.services.trust import own_shop_check, trade_suspect_reasons
from promotions.models import PreSale, PreSaleStatus
from promotions.services import presale_marks_changed
from shops.selectors import shop_can_manage
from shops.services import _decimal
from villages.models import Province

S = PreSaleOrderStatus
ZERO = Decimal("0.00")
QUANTITY_PLACES = Decimal("0.001")


# --- helpers


def _presale_order_number() -> str:
    return f"PS{timezone.localtime():%y%m%d}{secrets.token_hex(5).upper()}"


def _locked_presale_order(presale_order_id: int) -> PreSaleOrder:
    try:
        return (
            PreSaleOrder.objects.select_for_update(of=("self",))
            .select_related("presale", "shop")
            .get(pk=presale_order_id)
        )
    except PreSaleOrder.DoesNotExist as exc:
        raise NotFound(_("No such pre-sale order.")) from exc


def _locked_presale(presale_id: int) -> PreSale:
    try:
        return PreSale.objects.select_for_update(of=("self",)).select_related("product__shop").get(pk=presale_id)
    except PreSale.DoesNotExist as exc:
        raise NotFound(_("No such pre-sale.")) from exc


def _move(presale_order: PreSaleOrder, to_status: str, *, now: datetime.datetime | None = None) -> None:
    """One transition of PRESALE_ORDER_TRANSITIONS (or 409), its time stamped; a move out of the holding
    statuses gives the quantity back to the pre-sale (a conditional update: never below zero)."""
    if to_status not in PRESALE_ORDER_TRANSITIONS[presale_order.status]:
        raise InvalidTransition(
            _("Pre-sale order %(number)s is %(status)s: it cannot become %(to)s.")
            % {
                "number": presale_order.number,
                "status": presale_order.get_status_display(),
                "to": PreSaleOrderStatus(to_status).label,
            }
        )
    was_holding = presale_order.status in PRESALE_HOLDING
    presale_order.status = to_status
    fields = ["status"]
    stamp = {
        S.DEPOSIT_PAID: "deposit_paid_at",
        S.PAID_IN_FULL: "paid_in_full_at",
        S.SHIPPED: "shipped_at",
        S.CANCELLED: "cancelled_at",
        S.FORFEITED: "forfeited_at",
        S.REFUNDED: "refunded_at",
    }.get(to_status)
    if stamp:
        setattr(presale_order, stamp, now or timezone.now())
        fields.append(stamp)
    presale_order.save(update_fields=fields)
    if was_holding and to_status not in PRESALE_HOLDING:
        released = PreSale.objects.filter(
            pk=presale_order.presale_id, quantity_reserved__gte=presale_order.quantity
        ).update(quantity_reserved=F("quantity_reserved") - presale_order.quantity)
        if released != 1:  # the books would no longer add up: refuse rather than write it
            raise Conflict(_("The pre-sale's reserved quantity is inconsistent."), code="presale_books")


def _unearned(presale_order: PreSaleOrder, amount: Decimal, note: str) -> None:
    ShopLedgerEntry.objects.create(
        shop_id=presale_order.shop_id,
        kind=LedgerKind.PRESALE_UNEARNED,
        presale_order=presale_order,
        amount=amount,
        note=f"{presale_order.number} {note}"[:255],
    )


def _paid(presale_order: PreSaleOrder) -> Decimal:
    total = presale_order.payments.filter(status=PaymentStatus.SUCCEEDED).aggregate(total=Sum("amount"))["total"]
    return total if total is not None else ZERO


def presale_notify(presale_order: PreSaleOrder, event: str, recipients: list, **params) -> None:
    """One event about a pre-sale order (its key is the order: raised again, it tells nobody twice)."""
    notify(
        event=event,
        recipients=recipients,
        key=f"presale_order:{presale_order.pk}",
        params={"number": presale_order.number, "total": presale_order.total, **params},
        url=reverse("orders:presale_orders_mine"),
    )


def _quantity_check(presale: PreSale, quantity) -> Decimal:
    variant = presale.variant
    number = _decimal(quantity, field="quantity")
    if number <= 0 or number != number.quantize(QUANTITY_PLACES):
        raise ValidationFailed(
            _("The quantity must be more than zero."), fields={"quantity": [_("Enter more than 0.")]}
        )
    unit = presale.product.unit
    if number < variant.order_minimum:
        message = _("The minimum order is %(minimum)s.") % {"minimum": format_quantity(variant.order_minimum, unit)}
        raise ValidationFailed(message, code="below_minimum", fields={"quantity": [message]})
    if number % variant.order_step != 0:
        message = _("Order in steps of %(step)s.") % {"step": format_quantity(variant.order_step, unit)}
        raise ValidationFailed(message, code="off_step", fields={"quantity": [message]})
    return number


# --- the buyer's side


@transaction.atomic
def presale_reserve(*, buyer, presale_id: int, quantity, ship_to: ShipTo, accept_terms: bool) -> PreSaleOrder:
    """Reserve a quantity of a pre-sale (waiting for the deposit). The buyer must accept the terms shown (what
    happens to the deposit if the balance is not paid); they are copied on the order. The reserved quantity
    moves by one conditional UPDATE that never passes the quantity offered, so concurrent buyers never oversell.
    One unpaid reservation per buyer and pre-sale: a script cannot hold the whole harvest without paying."""
    presale = PreSale.objects.select_related("product__shop", "variant").filter(pk=presale_id).first()
    if presale is None or presale.product.status != "published" or not presale.variant.is_active:
        raise NotFound(_("No such pre-sale."))
    if presale.status != PreSaleStatus.OPEN or timezone.now() >= presale.ship_deadline():
        raise InvalidTransition(_("This pre-sale no longer takes reservations."), code="presale_closed")
    if not accept_terms:
        message = _("Read and accept the terms of the pre-sale before reserving.")
        raise ValidationFailed(message, code="terms_not_accepted", fields={"accept_terms": [message]})
    own_shop_check(buyer=buyer, shop_ids=[presale.product.shop_id])
    number = _quantity_check(presale, quantity)
    if not Province.objects.filter(pk=ship_to.province_id).exists():
        raise ValidationFailed(fields={"province": [_("Choose a province.")]})
    missing = {
        field: [_("Required.")]
        for field, value in (
            ("recipient_name", ship_to.recipient_name),
            ("recipient_phone", ship_to.recipient_phone),
            ("city", ship_to.city),
            ("address", ship_to.address),
        )
        if not (value or "").strip()
    }
    if missing:
        raise ValidationFailed(_("The address is incomplete."), fields=missing)
    if PreSaleOrder.objects.filter(presale=presale, buyer=buyer, status=S.AWAITING_DEPOSIT).exists():
        raise Conflict(
            _("You already have a reservation on this pre-sale waiting for its deposit: pay it or let it lapse."),
            code="presale_unpaid_reservation",
        )
    total = quantize_yuan(presale.final_price_per_unit * number)
    deposit = quantize_yuan(presale.deposit_per_unit * number)
    money_bound_check(total, field="quantity")
    taken = PreSale.objects.filter(
        pk=presale.pk, status=PreSaleStatus.OPEN, quantity_reserved__lte=F("quantity_offered") - number
    ).update(quantity_reserved=F("quantity_reserved") + number)
    if taken != 1:
        left = PreSale.objects.filter(pk=presale.pk).values_list("quantity_offered", "quantity_reserved").first()
        raise InsufficientStock(
            _("Only %(left)s of this pre-sale are left.")
            % {"left": format_quantity(left[0] - left[1], presale.product.unit)},
            fields={"quantity": [_("Not enough left in the pre-sale.")]},
        )
    return PreSaleOrder.objects.create(
        number=_presale_order_number(),
        presale=presale,
        buyer=buyer,
        shop_id=presale.product.shop_id,
        quantity=number,
        deposit_amount=deposit,
        balance_amount=total - deposit,
        total=total,
        recipient_name=ship_to.recipient_name.strip()[:100],
        recipient_phone=ship_to.recipient_phone.strip()[:32],
        ship_province_id=ship_to.province_id,
        ship_city=ship_to.city.strip()[:64],
        ship_county=(ship_to.county or "").strip()[:64],
        ship_address=ship_to.address.strip()[:255],
        terms_accepted=presale.terms,
    )


@transaction.atomic
def presale_payment_start(*, presale_order_id: int, payer, idempotency_key: str) -> PreSalePayment:
    """Start paying what is due on a pre-sale order (the deposit, or the balance once called) with the provider.
    A replay with the same key returns the same payment; only the signed callback moves the order on."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise ValidationFailed(
            _("An Idempotency-Key (1 to 100 characters) is required."), fields={"idempotency_key": [_("Required.")]}
        )
    presale_order = _locked_presale_order(presale_order_id)
    if not (payer.is_admin or presale_order.buyer_id == payer.pk):
        raise NotPermitted(_("Only the buyer may do this."))
    existing = PreSalePayment.objects.filter(payer=payer, idempotency_key=key).first()
    if existing is not None:
        if existing.presale_order_id != presale_order.pk:
            raise Conflict(_("This Idempotency-Key was used for another order."), code="idempotency_key_reused")
        return existing
    if presale_order.status == S.AWAITING_DEPOSIT:
        kind, amount = PreSalePaymentKind.DEPOSIT, presale_order.deposit_amount
    elif presale_order.status == S.BALANCE_DUE and timezone.now() < presale_order.balance_due_at:
        kind, amount = PreSalePaymentKind.BALANCE, presale_order.balance_amount
    else:
        raise InvalidTransition(
            _("Pre-sale order %(number)s has nothing to pay now.") % {"number": presale_order.number},
            code="presale_nothing_due",
        )
    provider = provider_get()
    return PreSalePayment.objects.create(
        presale_order=presale_order,
        kind=kind,
        payer=payer,
        idempotency_key=key,
        provider=provider.name,
        reference=provider.new_reference(),
        amount=amount,
    )


@transaction.atomic
def presale_payment_confirm(*, reference: str, status: str, amount: Decimal) -> PreSalePayment:
    """Apply the provider's (signature-checked) confirmation of a deposit or balance, once: replays change
    nothing. The deposit needs the pre-sale still open and the order waiting for it; the balance needs the order
    still in its balance window (a forfeit that came first fails it)."""
    payment = PreSalePayment.objects.select_for_update().filter(reference=reference).first()
    if payment is None:
        raise NotFound(_("Unknown payment."))
    if payment.status != PaymentStatus.PENDING:
        return payment
    presale_order = _locked_presale_order(payment.presale_order_id)
    expected = S.AWAITING_DEPOSIT if payment.kind == PreSalePaymentKind.DEPOSIT else S.BALANCE_DUE
    reason = ""
    if status != PaymentStatus.SUCCEEDED:
        reason = _("Declined by the provider.")
    elif quantize_yuan(amount) != payment.amount:
        reason = _("The amount does not match.")
    elif presale_order.status != expected or (
        payment.kind == PreSalePaymentKind.DEPOSIT and presale_order.presale.status != PreSaleStatus.OPEN
    ):
        reason = _("The pre-sale order was no longer waiting for this payment.")
    if reason:
        payment.status, payment.failure_reason = PaymentStatus.FAILED, reason
    else:
        payment.status = PaymentStatus.SUCCEEDED
        if payment.kind == PreSalePaymentKind.DEPOSIT and presale_order.balance_amount == 0:
            _move(presale_order, S.PAID_IN_FULL)  # the full price up front
        elif payment.kind == PreSalePaymentKind.DEPOSIT:
            _move(presale_order, S.DEPOSIT_PAID)
        else:
            _move(presale_order, S.PAID_IN_FULL)
        _unearned(presale_order, payment.amount, payment.get_kind_display())
    payment.confirmed_at = timezone.now()
    payment.save(update_fields=["status", "failure_reason", "confirmed_at"])
    return payment


def presale_payment_simulate(*, payment: PreSalePayment, succeed: bool = True) -> PreSalePayment:
    """The simulated provider's "pay" button: the signed confirmation, delivered to the ordinary callback."""
    from core.payments import SimulatedProvider
    from orders.services.payments import payment_callback_handle

    provider = provider_get(payment.provider)
    if not isinstance(provider, SimulatedProvider):
        raise NotPermitted(_("Only the simulated provider pays from here."))
    body, signature = provider.confirmation(reference=payment.reference, amount=payment.amount, succeed=succeed)
    return payment_callback_handle(body=body, signature=signature)


# --- the farmer's side


def _check_manager(actor, presale: PreSale) -> None:
    if not shop_can_manage(user=actor, shop=presale.product.shop):
        raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))


@transaction.atomic
def presale_call_balance(*, actor, presale_id: int) -> PreSale:
    """At harvest the farmer calls for the balance: reservations still without a deposit lapse, every buyer who
    paid a deposit owes the balance within the pre-sale's balance window and is told so. Refused when that window
    would end after the last shipping date (buyers would pay for a parcel the farmer can no longer send)."""
    presale = _locked_presale(presale_id)
    _check_manager(actor, presale)
    if presale.status != PreSaleStatus.OPEN:
        raise InvalidTransition(_("The balance of this pre-sale was already called, or it has ended."))
    now = timezone.now()
    due = now + datetime.timedelta(days=presale.balance_days)
    if due > presale.ship_deadline():
        message = _("Too late to call: the balance window would end after the last shipping date.")
        raise Conflict(message, code="presale_call_too_late")
    presale.status, presale.called_at, presale.balance_due_at = PreSaleStatus.CALLED, now, due
    presale.save(update_fields=["status", "called_at", "balance_due_at"])
    transaction.on_commit(presale_marks_changed)
    orders = list(
        PreSaleOrder.objects.select_for_update()
        .filter(presale=presale, status__in=(S.AWAITING_DEPOSIT, S.DEPOSIT_PAID))
        .order_by("pk")
    )
    for presale_order in orders:
        if presale_order.status == S.AWAITING_DEPOSIT:
            _move(presale_order, S.CANCELLED, now=now)
            continue
        _move(presale_order, S.BALANCE_DUE, now=now)
        presale_order.balance_due_at = due
        presale_order.save(update_fields=["balance_due_at"])
        presale_notify(
            presale_order,
            "presale_balance_called",
            [presale_order.buyer_id],
            balance=presale_order.balance_amount,
            due=timezone.localtime(due).strftime("%Y-%m-%d %H:%M"),
        )
    return presale


@transaction.atomic
def presale_order_ship(*, presale_order_id: int, actor, carrier: str, tracking_number: str) -> Order:
    """The farmer ships a pre-sale order paid in full, by the last shipping date. An ordinary order is created for
    it (paid by the pre-sale's payments, then shipped through order_ship: waybill checks, tracking, the buyer
    told); the unearned money is released, and the order settles at completion like any sale."""
    presale_order = _locked_presale_order(presale_order_id)
    presale = presale_order.presale
    _check_manager(actor, presale)
    if presale_order.status != S.PAID_IN_FULL:
        raise InvalidTransition(
            _("Pre-sale order %(number)s is %(status)s: only an order paid in full ships.")
            % {"number": presale_order.number, "status": presale_order.get_status_display()}
        )
    if timezone.now() >= presale.ship_deadline():
        raise Conflict(_("The last shipping date has passed: the buyer is refunded."), code="presale_ship_too_late")
    paid = _paid(presale_order)
    if paid != presale_order.total:
        raise Conflict(_("The pre-sale's payments do not add up."), code="presale_books")
    product, variant = presale.product, presale.variant
    address = ShipTo(
        recipient_name=presale_order.recipient_name,
        recipient_phone=presale_order.recipient_phone,
        province_id=presale_order.ship_province_id,
        city=presale_order.ship_city,
        county=presale_order.ship_county,
        address=presale_order.ship_address,
    )
    suspect = trade_suspect_reasons(buyer=presale_order.buyer, shop=presale_order.shop, ship_to=address)
    order = Order.objects.create(
        number=f"TC{presale_order.number[2:]}",
        buyer_id=presale_order.buyer_id,
        shop_id=presale_order.shop_id,
        checkout_id=uuid.uuid4(),
        recipient_name=address.recipient_name,
        recipient_phone=address.recipient_phone,
        ship_province_id=address.province_id,
        ship_city=address.city,
        ship_county=address.county,
        ship_address=address.address,
        subtotal=presale_order.total,
        shipping_fee=ZERO,
        total=presale_order.total,
        trust_review=TrustReview.HELD if suspect else TrustReview.NONE,
        suspect_reasons=suspect,
    )
    OrderLine.objects.create(
        order=order,
        product=product,
        variant=variant,
        product_name=product.name,
        variant_name=variant.name,
        unit=product.unit,
        unit_price=presale.final_price_per_unit,
        quantity=presale_order.quantity,
        line_total=presale_order.total,
    )
    _event(order, from_status="", to_status=OrderStatus.PENDING_PAYMENT, actor=actor, note=presale_order.number)
    # The money already came through the provider (the deposit and balance payments): this row carries it over
    # to the order, so the order's own books (orders_audit) read as any paid order's.
    payment = Payment.objects.create(
        order=order,
        payer_id=presale_order.buyer_id,
        idempotency_key=f"presale:{presale_order.number}",
        provider="presale",
        reference=f"PRESALE-{presale_order.number}",
        amount=paid,
        status=PaymentStatus.SUCCEEDED,
        confirmed_at=timezone.now(),
    )
    _order_paid(order, payment)
    order_ship(order_id=order.pk, actor=actor, carrier=carrier, tracking_number=tracking_number)
    _move(presale_order, S.SHIPPED)
    presale_order.order = order
    presale_order.save(update_fields=["order"])
    _unearned(presale_order, -paid, _("released at shipment"))
    order.refresh_from_db()
    return order


# --- the timers (beat): each order in its own transaction, idempotent


def _forfeit(presale_order: PreSaleOrder, *, now: datetime.datetime) -> None:
    """The balance was not paid in its window: the shop keeps the deposit, as the terms said, less commission."""
    deposit = _paid(presale_order)
    _move(presale_order, S.FORFEITED, now=now)
    _unearned(presale_order, -deposit, _("deposit forfeited"))
    rate = commission_rate_current(at=now)
    commission = quantize_yuan(deposit * rate)
    ShopLedgerEntry.objects.create(
        shop_id=presale_order.shop_id,
        kind=LedgerKind.PRESALE_FORFEIT,
        presale_order=presale_order,
        amount=deposit - commission,
        commission=commission,
        commission_rate=rate,
        note=presale_order.number,
    )
    presale_notify(presale_order, "presale_forfeited", [presale_order.buyer_id], deposit=deposit)


def presale_orders_expire(*, now: datetime.datetime | None = None) -> int:
    """Reservations unpaid past ORDERS_UNPAID_TIMEOUT_MINUTES lapse (the quantity returns); balances unpaid at the
    end of their window forfeit the deposit. Each order in its own transaction, under its row lock: a payment
    confirmed first wins, and running twice changes nothing."""
    now = now or timezone.now()
    unpaid_cutoff = now - datetime.timedelta(minutes=settings.ORDERS_UNPAID_TIMEOUT_MINUTES)
    ids = list(
        PreSaleOrder.objects.filter(
            Q(status=S.AWAITING_DEPOSIT, reserved_at__lt=unpaid_cutoff)
            | Q(status=S.BALANCE_DUE, balance_due_at__lte=now)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for presale_order_id in ids:
        with transaction.atomic():
            presale_order = _locked_presale_order(presale_order_id)
            if presale_order.status == S.AWAITING_DEPOSIT and presale_order.reserved_at < unpaid_cutoff:
                _move(presale_order, S.CANCELLED, now=now)
            elif presale_order.status == S.BALANCE_DUE and presale_order.balance_due_at <= now:
                _forfeit(presale_order, now=now)
            else:
                continue
            done += 1
    return done


def _refund_through_provider(presale_order: PreSaleOrder, *, reason: str) -> PreSaleRefund | None:
    """Everything the buyer paid goes back through the provider that took it (its payout interface). The refund
    is booked at once; the provider's signed confirmation, when it answers at once, is verified and stamped."""
    paid = _paid(presale_order)
    if paid <= 0:
        return None
    provider_name = presale_order.payments.filter(status=PaymentStatus.SUCCEEDED).values_list("provider", flat=True)[0]
    provider = provider_get(provider_name)
    refund = PreSaleRefund.objects.create(
        presale_order=presale_order,
        amount=paid,
        provider=provider.name,
        reference=provider.new_reference(),
        reason=reason[:255],
    )
    _unearned(presale_order, -paid, _("refunded"))
    confirmation = provider.request_payout(reference=refund.reference, amount=refund.amount)
    if confirmation is not None:
        reference, status, amount = callback_verified(body=confirmation[0], signature=confirmation[1])
        if reference == refund.reference and status == PaymentStatus.SUCCEEDED and amount == refund.amount:
            refund.confirmed_at = timezone.now()
            refund.save(update_fields=["confirmed_at"])
    return refund


def presales_refund_unshipped(*, now: datetime.datetime | None = None) -> int:
    """Past a pre-sale's last shipping date, every buyer whose order did not ship is refunded in full through the
    provider, and each such order counts as a late shipment on the farmer's record; unpaid reservations lapse; the
    pre-sale ends. One pre-sale per transaction (its orders locked in pk order); running twice changes nothing.
    Returns the number of orders refunded."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    ids = list(
        PreSale.objects.filter(status__in=(PreSaleStatus.OPEN, PreSaleStatus.CALLED), ship_by__lt=today)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    refunded = 0
    for presale_id in ids:
        with transaction.atomic():
            presale = _locked_presale(presale_id)
            if presale.status == PreSaleStatus.ENDED or now < presale.ship_deadline():
                continue
            orders = list(
                PreSaleOrder.objects.select_for_update()
                .select_related("presale", "shop")
                .filter(presale=presale, status__in=(S.AWAITING_DEPOSIT, S.DEPOSIT_PAID, S.BALANCE_DUE, S.PAID_IN_FULL))
                .order_by("pk")
            )
            for presale_order in orders:
                if presale_order.status == S.AWAITING_DEPOSIT:
                    _move(presale_order, S.CANCELLED, now=now)
                    continue
                _refund_through_provider(presale_order, reason=str(_("Not shipped by the last shipping date.")))
                _move(presale_order, S.REFUNDED, now=now)
                presale_order.refunded_late = True
                presale_order.save(update_fields=["refunded_late"])
                presale_notify(presale_order, "presale_refunded", [presale_order.buyer_id, presale_order.shop.owner_id])
                refunded += 1
            presale.status, presale.ended_at = PreSaleStatus.ENDED, now
            presale.save(update_fields=["status", "ended_at"])
            transaction.on_commit(presale_marks_changed)
    return refunded
