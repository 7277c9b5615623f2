"""Write use cases for orders. Every function is one transaction."""

from __future__ import annotations

import datetime
import hmac
import json
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, DateField, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import audit_record
from core.errors import Conflict, DomainError, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.money import quantize_yuan
from orders.models import (
    ASSISTED_TRANSITIONS,
    ORDER_TRANSITIONS,
    SALE_STATUSES,
    AssistedPurchase,
    AssistedStatus,
    Cart,
    CartItem,
    CommissionRate,
    Dispute,
    DisputeStatus,
    LedgerKind,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    Refund,
    RefundKind,
    ShopLedgerEntry,
    ShopMonthlySales,
    VillageMonthlySales,
)
from orders.payments import SimulatedProvider, callback_signature_valid, provider_get
from shops.models import Product, ProductStatus, Shop, ShopStatus
from shops.services import quantity_validate
from villages.models import Province, ServiceStation
from villages.selectors import user_operates_village

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


def month_of(moment: datetime.datetime) -> datetime.date:
    """The first day of the calendar month of `moment` in Asia/Shanghai (the rollup key)."""
    local = moment.astimezone(LOCAL_TZ)
    return local.date().replace(day=1)


def sales_rollup_add(*, shop_id: int, month: datetime.date, volume: Decimal, orders: int) -> None:
    """Add to a shop's monthly rollup with one atomic upsert (safe under concurrency).

    Call inside the transaction that pays or refunds, so the rollup and the order move together.
    """
    updated = ShopMonthlySales.objects.filter(shop_id=shop_id, month=month).update(
        sales_volume=F("sales_volume") + volume, order_count=F("order_count") + orders
    )
    if updated:
        return
    with transaction.atomic():  # a savepoint: a concurrent insert of the same row is retried as an update
        _, created = ShopMonthlySales.objects.get_or_create(
            shop_id=shop_id, month=month, defaults={"sales_volume": volume, "order_count": orders}
        )
    if not created:
        ShopMonthlySales.objects.filter(shop_id=shop_id, month=month).update(
            sales_volume=F("sales_volume") + volume, order_count=F("order_count") + orders
        )


def _rollup_rows(orders):
    """(shop_id, month, volume, count) per shop and Shanghai month of payment, net of refunds."""
    return (
        orders.annotate(month=TruncMonth("paid_at", tzinfo=LOCAL_TZ, output_field=DateField()))
        .values("shop_id", "month")
        .annotate(
            volume=Coalesce(
                Sum(F("total") - F("refunded_amount"), output_field=DecimalField(max_digits=14, decimal_places=2)),
                Value(Decimal("0.00")),
            ),
            count=Count("pk", filter=Q(status__in=SALE_STATUSES)),
        )
        .values_list("shop_id", "month", "volume", "count")
        .order_by()
    )


@transaction.atomic
def sales_rollup_rebuild(*, shop_ids: Iterable[int] | None = None) -> int:
    """Recompute the monthly rollups from the orders in SQL (after bulk loads or to repair drift).

    Volume is what was paid less what was refunded; a fully refunded order does not count as an order.
    Returns the number of rollup rows written.
    """
    orders = Order.objects.filter(paid_at__isnull=False).exclude(status=OrderStatus.CANCELLED)
    rollups = ShopMonthlySales.objects.all()
    if shop_ids is not None:
        shop_ids = list(shop_ids)
        orders = orders.filter(shop_id__in=shop_ids)
        rollups = rollups.filter(shop_id__in=shop_ids)
    rollups.delete()
    rows = _rollup_rows(orders).values_list("shop_id", "shop__village_id", "month", "volume", "count")
    select_sql, params = rows.query.sql_with_params()
    table = ShopMonthlySales._meta.db_table
    with connection.cursor() as cursor:
        # INSERT ... SELECT: the aggregation never leaves the database. The village is given (the trigger
        # would copy it too, but bulk loads may run with triggers off).
        cursor.execute(
            f"INSERT INTO {table} (shop_id, village_id, month, sales_volume, order_count) {select_sql}",  # noqa: S608
            params,
        )
        return cursor.rowcount


def village_rollup_rebuild(*, village_ids: Iterable[int] | None = None) -> int:
    """Recompute the village rollups from the shop rollups in SQL (for loads that bypass the triggers).

    The triggers of orders migration 0004 keep them in step otherwise. Returns the number of rows written.
    """
    rollups = VillageMonthlySales.objects.all()
    shop_rows = ShopMonthlySales.objects.all()
    if village_ids is not None:
        village_ids = list(village_ids)
        rollups = rollups.filter(village_id__in=village_ids)
        shop_rows = shop_rows.filter(village_id__in=village_ids)
    with transaction.atomic():
        rollups.delete()
        select_sql, params = (
            shop_rows.values("village_id", "month")
            .annotate(volume=Sum("sales_volume"), count=Sum("order_count"))
            .values_list("village_id", "month", "volume", "count")
            .order_by()
            .query.sql_with_params()
        )
        table = VillageMonthlySales._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (village_id, month, sales_volume, order_count) {select_sql}",  # noqa: S608
                params,
            )
            return cursor.rowcount


# --- Checkout, payment, lifecycle, refunds, disputes, settlement, assisted purchases.
# Every write below is one transaction; the order row is locked (select_for_update) before it moves,
# stock moves with conditional UPDATEs in product pk order, and the rollup moves in the same transaction.

WEIGHED_UNITS = ("kg", "jin")
WEIGHT_TOLERANCE = Decimal("0.20")


class InsufficientStock(Conflict):
    default_code = "insufficient_stock"
    default_detail = "Not enough stock left for this quantity."


@dataclass(frozen=True)
class ShipTo:
    recipient_name: str
    recipient_phone: str
    province_id: int
    city: str
    county: str
    address: str


def _quantity_check(product: Product, quantity: Decimal, *, field: str = "quantity") -> None:
    """A quantity of a product one may buy: the product on sale in an open shop, and the shops app's rule
    (more than zero, at least the minimum, a multiple of the step)."""
    if product.status != ProductStatus.PUBLISHED:
        raise ValidationFailed(_("%(name)s is not on sale.") % {"name": product.name}, code="not_on_sale")
    if product.shop.status != ShopStatus.OPEN:
        raise ValidationFailed(_("The shop %(name)s is not open.") % {"name": product.shop.name}, code="shop_closed")
    try:
        quantity_validate(product, quantity)
    except ValidationFailed as error:
        if field == "quantity":
            raise
        raise ValidationFailed(error.detail, code=error.code, fields={field: error.fields["quantity"]}) from error


def _merge_items(items: Iterable[tuple[int, Decimal]]) -> dict[int, Decimal]:
    merged: dict[int, Decimal] = {}
    for product_id, quantity in items:
        merged[int(product_id)] = merged.get(int(product_id), Decimal("0")) + Decimal(quantity)
    return merged


def cart_validate(*, items: Iterable[tuple[int, Decimal]]) -> dict[int, tuple[Product, Decimal]]:
    """Check every (product id, quantity); unknown products and bad quantities raise ValidationFailed."""
    merged = _merge_items(items)
    if not merged:
        raise ValidationFailed(_("The cart is empty."), code="empty_cart")
    products = Product.objects.select_related("shop").in_bulk(list(merged))
    unknown = sorted(set(merged) - set(products))
    if unknown:
        raise ValidationFailed(
            _("Unknown product."), code="unknown_product", fields={"product": [_("No product %s.") % unknown[0]]}
        )
    for product_id, quantity in merged.items():
        _quantity_check(products[product_id], quantity)
    return {pk: (products[pk], merged[pk]) for pk in sorted(merged)}


def _order_number() -> str:
    return f"TC{timezone.now():%y%m%d}{secrets.token_hex(5).upper()}"


def _event(order: Order, *, from_status: str, to_status: str, actor, note: str = "") -> None:
    OrderEvent.objects.create(
        order=order, from_status=from_status, to_status=to_status, actor=actor if actor else None, note=note[:255]
    )


@transaction.atomic
def order_place(*, buyer, items: Iterable[tuple[int, Decimal]], ship_to: ShipTo) -> list[Order]:
    """Check out: one order per shop, prices from the catalogue (never the client), stock taken at once.

    Stock moves with a conditional UPDATE per product in pk order, so it can never go below zero and two
    checkouts never deadlock; if any product runs short the whole checkout is rolled back (409).
    """
    if not Province.objects.filter(pk=ship_to.province_id).exists():
        raise ValidationFailed(_("Choose a province."), fields={"ship_province": [_("Unknown province.")]})
    for field in ("recipient_name", "recipient_phone", "city", "county", "address"):
        if not str(getattr(ship_to, field) or "").strip():
            raise ValidationFailed(_("The address is incomplete."), fields={field: [_("This field is required.")]})
    lines = cart_validate(items=items)
    by_shop: dict[int, list[tuple[Product, Decimal]]] = {}
    for product, quantity in lines.values():
        by_shop.setdefault(product.shop_id, []).append((product, quantity))
    checkout_id = uuid.uuid4()
    orders = []
    for shop_id in sorted(by_shop):
        raw_subtotal = sum((p.unit_price * q for p, q in by_shop[shop_id]), Decimal("0"))
        subtotal = quantize_yuan(raw_subtotal)
        order = Order.objects.create(
            number=_order_number(),
            buyer=buyer,
            shop_id=shop_id,
            checkout_id=checkout_id,
            recipient_name=ship_to.recipient_name.strip(),
            recipient_phone=ship_to.recipient_phone.strip(),
            ship_province_id=ship_to.province_id,
            ship_city=ship_to.city.strip(),
            ship_county=ship_to.county.strip(),
            ship_address=ship_to.address.strip(),
            subtotal=subtotal,
            shipping_fee=Decimal("0.00"),
            total=subtotal,
        )
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                product=product,
                product_name=product.name,
                unit=product.unit,
                unit_price=product.unit_price,
                quantity=quantity,
                line_total=quantize_yuan(product.unit_price * quantity),
            )
            for product, quantity in by_shop[shop_id]
        )
        _event(order, from_status="", to_status=OrderStatus.PENDING_PAYMENT, actor=buyer)
        orders.append(order)
    # Stock last: the row locks are held only from here to the commit, so concurrent checkouts of the same
    # produce queue for the shortest time. If one product runs short, everything above is rolled back.
    for product_id, (product, quantity) in lines.items():  # pk order
        # One table, no join: PostgreSQL then re-checks `stock >= q` on the row version it waited for
        # (a join would make Django filter through a subquery evaluated on a stale snapshot).
        taken = Product.objects.filter(pk=product_id, stock__gte=quantity, status=ProductStatus.PUBLISHED).update(
            stock=F("stock") - quantity
        )
        if not taken:
            raise InsufficientStock(
                _("Only %(stock)s %(unit)s of %(name)s left.")
                % {
                    "stock": Product.objects.get(pk=product_id).stock.normalize(),
                    "unit": product.unit,
                    "name": product.name,
                },
                fields={"quantity": [_("Not enough stock.")]},
            )
    return orders


def _locked_order(order_id: int) -> Order:
    """The order row locked for this transaction (concurrent moves of one order serialise here)."""
    try:
        return Order.objects.select_for_update(of=("self",)).select_related("shop").get(pk=order_id)
    except Order.DoesNotExist as exc:
        raise NotFound(_("No such order.")) from exc


def _move(order: Order, to_status: str, *, actor, note: str = "") -> None:
    """Apply one transition of ORDER_TRANSITIONS (or raise 409), stamp its time, record the event."""
    if to_status not in ORDER_TRANSITIONS[order.status]:
        raise InvalidTransition(
            _("Order %(number)s is %(status)s: it cannot become %(to)s.")
            % {"number": order.number, "status": order.get_status_display(), "to": OrderStatus(to_status).label}
        )
    from_status = order.status
    order.status = to_status
    stamp = f"{to_status}_at"
    fields = ["status"]
    if hasattr(order, stamp):
        setattr(order, stamp, timezone.now())
        fields.append(stamp)
    order.save(update_fields=fields)
    _event(order, from_status=from_status, to_status=to_status, actor=actor, note=note)


def _stock_return(order: Order) -> None:
    for product_id, quantity in order.lines.order_by("product_id").values_list("product_id", "quantity"):
        Product.objects.filter(pk=product_id).update(stock=F("stock") + quantity)


def _is_seller(user, order: Order) -> bool:
    if not user or not user.is_authenticated:
        return False
    return (
        user.is_admin
        or order.shop.owner_id == user.pk
        or user_operates_village(user=user, village_id=order.shop.village_id)
    )


def _check_buyer(user, order: Order) -> None:
    if not (user.is_admin or order.buyer_id == user.pk):
        raise NotPermitted(_("Only the buyer may do this."))


def _check_seller(user, order: Order) -> None:
    if not _is_seller(user, order):
        raise NotPermitted(_("Only the seller may do this."))


# --- payment


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
    elif order.status != OrderStatus.PENDING_PAYMENT:
        payment.status, payment.failure_reason = PaymentStatus.FAILED, _("The order was no longer waiting for payment.")
    else:
        payment.status = PaymentStatus.SUCCEEDED
        _move(order, OrderStatus.PAID, actor=payment.payer, note=payment.reference)
        for product_id, quantity in order.lines.order_by("product_id").values_list("product_id", "quantity"):
            Product.objects.filter(pk=product_id).update(units_sold=F("units_sold") + quantity)
        sales_rollup_add(shop_id=order.shop_id, month=month_of(order.paid_at), volume=order.total, orders=1)
    payment.confirmed_at = timezone.now()
    payment.save(update_fields=["status", "failure_reason", "confirmed_at"])
    return payment


def payment_callback_handle(*, body: bytes, signature: str) -> Payment:
    """The provider's callback: verify the HMAC first (403 and nothing written if it is wrong), then confirm."""
    if not callback_signature_valid(body, signature):
        raise NotPermitted(_("The callback signature is not valid."), code="bad_signature")
    try:
        data = json.loads(body)
        reference, status, amount = str(data["reference"]), str(data["status"]), Decimal(str(data["amount"]))
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise ValidationFailed(_("The callback body is malformed.")) from exc
    return payment_confirm(reference=reference, status=status, amount=amount)


def payment_simulate(*, payment: Payment, succeed: bool = True) -> Payment:
    """The simulated provider's "pay" button: it signs the confirmation and delivers it to our callback."""
    provider = provider_get(payment.provider)
    if not isinstance(provider, SimulatedProvider):
        raise NotPermitted(_("Only the simulated provider pays from here."))
    body, signature = provider.confirmation(reference=payment.reference, amount=payment.amount, succeed=succeed)
    return payment_callback_handle(body=body, signature=signature)


# --- lifecycle


def _refund_record(order: Order, *, amount: Decimal, kind: str, reason: str, actor) -> Refund | None:
    """Record a refund and take it out of the rollup of the payment's month (a full one removes the order)."""
    amount = quantize_yuan(amount)
    if amount <= 0:
        return None
    if order.refunded_amount + amount > order.total:
        raise Conflict(_("The refund would exceed what was paid."))
    order.refunded_amount = order.refunded_amount + amount
    order.save(update_fields=["refunded_amount"])
    full = order.status == OrderStatus.REFUNDED
    sales_rollup_add(shop_id=order.shop_id, month=month_of(order.paid_at), volume=-amount, orders=-1 if full else 0)
    return Refund.objects.create(order=order, amount=amount, kind=kind, reason=reason[:255], created_by=actor or None)


def _refund_full(order: Order, *, actor, reason: str, kind: str = RefundKind.FULL) -> None:
    """Move to refunded and return what is left of the payment; stock comes back if nothing was shipped."""
    shipped = order.shipped_at is not None
    _move(order, OrderStatus.REFUNDED, actor=actor, note=reason)
    _refund_record(order, amount=order.total - order.refunded_amount, kind=kind, reason=reason, actor=actor)
    if not shipped:
        _stock_return(order)
    for product_id, quantity in order.lines.order_by("product_id").values_list("product_id", "quantity"):
        Product.objects.filter(pk=product_id).update(units_sold=F("units_sold") - quantity)


@transaction.atomic
def order_cancel(*, order_id: int, actor, reason: str = "") -> Order:
    """Cancel: an unpaid order is cancelled and its stock returns; a paid, unshipped one is refunded in full.

    actor=None is the system (the unpaid-order timeout).
    """
    order = _locked_order(order_id)
    if actor is not None and not (order.buyer_id == actor.pk or _is_seller(actor, order)):
        raise NotPermitted(_("Only the buyer or the seller may cancel this order."))
    if order.status == OrderStatus.PENDING_PAYMENT:
        _move(order, OrderStatus.CANCELLED, actor=actor, note=reason)
        order.cancelled_by = actor or None
        order.cancel_reason = reason[:255]
        order.save(update_fields=["cancelled_by", "cancel_reason"])
        _stock_return(order)
    elif order.status == OrderStatus.PAID:
        _refund_full(order, actor=actor, reason=reason or str(_("Cancelled before shipment.")))
        order.cancelled_by = actor or None
        order.cancel_reason = reason[:255]
        order.save(update_fields=["cancelled_by", "cancel_reason"])
    else:
        raise InvalidTransition(
            _("Order %(number)s is %(status)s: it can no longer be cancelled.")
            % {"number": order.number, "status": order.get_status_display()}
        )
    return order


@transaction.atomic
def order_ship(
    *, order_id: int, actor, carrier: str, tracking_number: str, weighed: dict[int, Decimal] | None = None
) -> Order:
    """The seller ships with carrier and tracking number, optionally recording weighed quantities.

    A line sold by weight may weigh within 20 % of what was ordered; it is re-priced and, if lighter, the
    difference is refunded at once. The buyer never pays more than at checkout. The new total is rounded once.
    """
    order = _locked_order(order_id)
    _check_seller(actor, order)
    carrier, tracking_number = (carrier or "").strip(), (tracking_number or "").strip()
    if not carrier or not tracking_number:
        raise ValidationFailed(
            _("Carrier and tracking number are required."),
            fields={
                k: [_("This field is required.")]
                for k, v in (("carrier", carrier), ("tracking_number", tracking_number))
                if not v
            },
        )
    _move(order, OrderStatus.SHIPPED, actor=actor, note=f"{carrier} {tracking_number}")
    order.carrier, order.tracking_number = carrier[:64], tracking_number[:64]
    order.save(update_fields=["carrier", "tracking_number"])
    weighed = {int(k): Decimal(v) for k, v in (weighed or {}).items() if v not in (None, "")}
    if weighed:
        lines = list(order.lines.all())
        by_id = {line.pk: line for line in lines}
        for line_id, quantity in weighed.items():
            line = by_id.get(line_id)
            if line is None:
                raise ValidationFailed(
                    _("Unknown order line."), fields={f"weighed_{line_id}": [_("Not in this order.")]}
                )
            if line.unit not in WEIGHED_UNITS:
                raise ValidationFailed(
                    _("%(name)s is not sold by weight.") % {"name": line.product_name},
                    fields={f"weighed_{line_id}": [_("Not sold by weight.")]},
                )
            if not quantity.is_finite() or abs(quantity - line.quantity) > line.quantity * WEIGHT_TOLERANCE:
                raise ValidationFailed(
                    _("The weighed quantity must be within 20 %% of the %(quantity)s %(unit)s ordered.")
                    % {"quantity": line.quantity.normalize(), "unit": line.unit},
                    fields={f"weighed_{line_id}": [_("Within 20 % of the ordered quantity.")]},
                )
            line.shipped_quantity = quantity
            line.line_total = quantize_yuan(line.unit_price * min(quantity, line.quantity))
            line.save(update_fields=["shipped_quantity", "line_total"])
        raw = sum(
            (line.unit_price * min(line.shipped_quantity or line.quantity, line.quantity) for line in lines),
            Decimal("0"),
        )
        difference = order.subtotal - quantize_yuan(raw)
        if difference > 0:
            _refund_record(
                order, amount=difference, kind=RefundKind.WEIGHT, reason=str(_("Weighed lighter.")), actor=actor
            )
    return order


@transaction.atomic
def order_deliver(*, order_id: int, actor) -> Order:
    """Mark a shipped order delivered (the buyer, the seller or an admin)."""
    order = _locked_order(order_id)
    if not (order.buyer_id == actor.pk or _is_seller(actor, order)):
        raise NotPermitted(_("Only the buyer or the seller may do this."))
    _move(order, OrderStatus.DELIVERED, actor=actor)
    return order


def _settle(order: Order, *, actor) -> ShopLedgerEntry:
    """Credit the shop with what the buyer paid less refunds and the platform commission (rounded once)."""
    net = order.total - order.refunded_amount
    rate = commission_rate_current()
    commission = quantize_yuan(net * rate)
    return ShopLedgerEntry.objects.create(
        shop_id=order.shop_id,
        kind=LedgerKind.SALE,
        order=order,
        amount=net - commission,
        commission=commission,
        commission_rate=rate,
        note=order.number,
        created_by=actor or None,
    )


@transaction.atomic
def order_complete(*, order_id: int, actor) -> Order:
    """The buyer confirms (or the system, some days after delivery): the order completes and the shop is credited.

    An order with an undecided dispute cannot complete.
    """
    order = _locked_order(order_id)
    if actor is not None:
        _check_buyer(actor, order)
    if Dispute.objects.filter(order=order, status__in=(DisputeStatus.OPEN, DisputeStatus.ANSWERED)).exists():
        raise Conflict(_("A dispute on this order is still open."), code="dispute_open")
    _move(order, OrderStatus.COMPLETED, actor=actor)
    _settle(order, actor=actor)
    return order


@transaction.atomic
def order_refund(*, order_id: int, actor, reason: str = "") -> Order:
    """The seller (or an admin) refunds a paid, shipped or delivered order in full."""
    order = _locked_order(order_id)
    _check_seller(actor, order)
    _refund_full(order, actor=actor, reason=reason or str(_("Refunded by the seller.")))
    return order


def orders_cancel_unpaid(*, now: datetime.datetime | None = None) -> int:
    """Cancel every order unpaid for longer than the timeout (each in its own transaction). Idempotent."""
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=settings.ORDERS_UNPAID_TIMEOUT_MINUTES)
    ids = list(
        Order.objects.filter(status=OrderStatus.PENDING_PAYMENT, placed_at__lt=cutoff).values_list("pk", flat=True)
    )
    done = 0
    for order_id in ids:
        try:
            order_cancel(order_id=order_id, actor=None, reason=str(_("Not paid in time.")))
            done += 1
        except InvalidTransition:  # paid meanwhile
            continue
    return done


def orders_auto_complete(*, now: datetime.datetime | None = None) -> int:
    """Complete delivered orders after ORDERS_AUTO_COMPLETE_DAYS unless a dispute is undecided. Idempotent."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ORDERS_AUTO_COMPLETE_DAYS)
    ids = list(
        Order.objects.filter(status=OrderStatus.DELIVERED, delivered_at__lt=cutoff)
        .exclude(dispute__status__in=(DisputeStatus.OPEN, DisputeStatus.ANSWERED))
        .values_list("pk", flat=True)
    )
    done = 0
    for order_id in ids:
        try:
            order_complete(order_id=order_id, actor=None)
            done += 1
        except Conflict:
            continue
    return done


# --- disputes


@transaction.atomic
def dispute_open(*, order_id: int, buyer, reason: str) -> Dispute:
    """The buyer opens a dispute on a delivered order within ORDERS_DISPUTE_DAYS of delivery."""
    order = _locked_order(order_id)
    if order.buyer_id != buyer.pk:
        raise NotPermitted(_("Only the buyer may open a dispute."))
    if not (reason or "").strip():
        raise ValidationFailed(_("Say what went wrong."), fields={"reason": [_("This field is required.")]})
    if order.status != OrderStatus.DELIVERED:
        raise InvalidTransition(_("A dispute can be opened on a delivered order only."))
    if order.delivered_at < timezone.now() - datetime.timedelta(days=settings.ORDERS_DISPUTE_DAYS):
        raise Conflict(_("The %(days)s days to open a dispute have passed.") % {"days": settings.ORDERS_DISPUTE_DAYS})
    if Dispute.objects.filter(order=order).exists():
        raise Conflict(_("This order already has a dispute."))
    dispute = Dispute.objects.create(order=order, opened_by=buyer, reason=reason.strip())
    _event(order, from_status=order.status, to_status=order.status, actor=buyer, note=str(_("Dispute opened")))
    return dispute


def _locked_dispute(dispute_id: int) -> Dispute:
    try:
        return Dispute.objects.select_for_update(of=("self",)).select_related("order__shop").get(pk=dispute_id)
    except Dispute.DoesNotExist as exc:
        raise NotFound(_("No such dispute.")) from exc


@transaction.atomic
def dispute_answer(*, dispute_id: int, seller, answer: str) -> Dispute:
    """The seller answers an open dispute."""
    dispute = _locked_dispute(dispute_id)
    _check_seller(seller, dispute.order)
    if not (answer or "").strip():
        raise ValidationFailed(_("Write an answer."), fields={"answer": [_("This field is required.")]})
    if dispute.status not in (DisputeStatus.OPEN, DisputeStatus.ANSWERED):
        raise InvalidTransition(_("This dispute is already decided."))
    dispute.seller_answer, dispute.status, dispute.answered_at = answer.strip(), DisputeStatus.ANSWERED, timezone.now()
    dispute.save(update_fields=["seller_answer", "status", "answered_at"])
    return dispute


@transaction.atomic
def dispute_decide(*, dispute_id: int, admin, refund: bool, note: str = "") -> Dispute:
    """An admin decides: refund (the order is refunded in full) or reject (the order may complete)."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins decide disputes."))
    dispute = _locked_dispute(dispute_id)
    if dispute.status not in (DisputeStatus.OPEN, DisputeStatus.ANSWERED):
        raise InvalidTransition(_("This dispute is already decided."))
    if refund:
        order = _locked_order(dispute.order_id)
        _refund_full(
            order, actor=admin, reason=note or str(_("Dispute decided for the buyer.")), kind=RefundKind.DISPUTE
        )
    dispute.status = DisputeStatus.REFUNDED if refund else DisputeStatus.REJECTED
    dispute.decided_by, dispute.decision_note, dispute.decided_at = admin, note.strip(), timezone.now()
    dispute.save(update_fields=["status", "decided_by", "decision_note", "decided_at"])
    return dispute


# --- settlement


def commission_rate_current(*, at: datetime.datetime | None = None) -> Decimal:
    rate = (
        CommissionRate.objects.filter(effective_from__lte=at or timezone.now())
        .order_by("-effective_from", "-pk")
        .values_list("rate", flat=True)
        .first()
    )
    return rate if rate is not None else Decimal("0")


@transaction.atomic
def commission_rate_set(*, admin, rate: Decimal, effective_from: datetime.datetime | None = None) -> CommissionRate:
    """An admin sets the platform commission (a fraction, 0 <= rate < 1) from a moment on."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins set the commission."))
    rate = Decimal(rate)
    if not (Decimal("0") <= rate < Decimal("1")):
        raise ValidationFailed(_("A rate is a fraction between 0 and 1."), fields={"rate": [_("0 <= rate < 1.")]})
    return CommissionRate.objects.create(rate=rate, effective_from=effective_from or timezone.now(), created_by=admin)


@transaction.atomic
def payout_record(*, admin, shop_id: int, amount: Decimal, note: str = "") -> ShopLedgerEntry:
    """An admin records a payout to the farmer; never more than the balance (the shop row is locked)."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins record payouts."))
    amount = quantize_yuan(amount)
    if amount <= 0:
        raise ValidationFailed(_("A payout is more than zero."), fields={"amount": [_("Must be > 0.")]})
    if not Shop.objects.select_for_update().filter(pk=shop_id).exists():
        raise NotFound(_("No such shop."))
    balance = shop_balance(shop_id=shop_id)
    if amount > balance:
        raise Conflict(_("The payout exceeds the balance of %(balance)s.") % {"balance": balance}, code="over_balance")
    entry = ShopLedgerEntry.objects.create(
        shop_id=shop_id, kind=LedgerKind.PAYOUT, amount=-amount, note=note.strip()[:255], created_by=admin
    )
    audit_record(
        actor=admin,
        action="payout",
        target=entry,
        summary=f"shop {shop_id}: payout of {amount}",
        details={"shop_id": shop_id, "amount": str(amount), "note": entry.note},
    )
    return entry


def shop_balance(*, shop_id: int) -> Decimal:
    total = ShopLedgerEntry.objects.filter(shop_id=shop_id).aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal("0.00")


# (order condition name, message) in the order they are checked; the SQL below computes one flag per name.
_ORDER_CHECKS = (
    ("refunds_mismatch", "{number}: refunds {refund_sum} != refunded_amount {refunded}"),
    ("unpaid_with_money", "{number}: {status} but paid {paid}, refunds {refund_sum}, credit {credit}"),
    ("paid_not_total", "{number}: paid {paid} != total {total}"),
    ("completed_unbalanced", "{number}: paid {paid} != credit+commission {credit} + refunds {refund_sum}"),
    ("refunded_unbalanced", "{number}: refunded but paid {paid} != refunds {refund_sum} (credit {credit})"),
    ("in_progress_unbalanced", "{number}: {status} with credit {credit} and refunds {refund_sum} of {paid}"),
)


def _orders_audit_sql(order_ids: list[int] | None) -> tuple[str, list]:
    """One statement: every order with its payments, refunds and sale credit summed per order (hash joins,
    no per-order lookups), the conditions as flags, and only the orders breaking one of them returned.
    Sums are rounded to the cent before comparing: SQLite adds decimals as floats."""
    orders, payments, refunds, ledger = (
        Order._meta.db_table,
        Payment._meta.db_table,
        Refund._meta.db_table,
        ShopLedgerEntry._meta.db_table,
    )
    unpaid = (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED)
    flags = {
        "refunds_mismatch": "ROUND(COALESCE(r.total, 0), 2) <> ROUND(o.refunded_amount, 2)",
        "unpaid_with_money": "o.status IN (%s, %s) AND (COALESCE(p.total, 0) <> 0 OR COALESCE(r.total, 0) <> 0"
        " OR c.total IS NOT NULL)",
        "paid_not_total": "o.status NOT IN (%s, %s) AND ROUND(COALESCE(p.total, 0), 2) <> ROUND(o.total, 2)",
        "completed_unbalanced": "o.status = %s AND (c.total IS NULL"
        " OR ROUND(COALESCE(p.total, 0), 2) <> ROUND(c.total + COALESCE(r.total, 0), 2))",
        "refunded_unbalanced": "o.status = %s AND (c.total IS NOT NULL"
        " OR ROUND(COALESCE(p.total, 0), 2) <> ROUND(COALESCE(r.total, 0), 2))",
        "in_progress_unbalanced": "o.status NOT IN (%s, %s, %s, %s) AND (c.total IS NOT NULL"
        " OR ROUND(COALESCE(r.total, 0), 2) > ROUND(COALESCE(p.total, 0), 2))",
    }
    flag_params = {
        "refunds_mismatch": [],
        "unpaid_with_money": list(unpaid),
        "paid_not_total": list(unpaid),
        "completed_unbalanced": [OrderStatus.COMPLETED],
        "refunded_unbalanced": [OrderStatus.REFUNDED],
        "in_progress_unbalanced": [*unpaid, OrderStatus.COMPLETED, OrderStatus.REFUNDED],
    }
    names = [name for name, _message in _ORDER_CHECKS]
    flag_columns = ", ".join(f"CASE WHEN {flags[name]} THEN 1 ELSE 0 END AS {name}" for name in names)
    only = f"WHERE o.id IN ({', '.join(['%s'] * len(order_ids))})" if order_ids else ""
    sql = f"""
        SELECT * FROM (
            SELECT o.number, o.status, o.total, o.refunded_amount, p.total AS paid, r.total AS refund_sum,
                   c.total AS credit, {flag_columns}
            FROM {orders} o
            LEFT JOIN (SELECT order_id, SUM(amount) AS total FROM {payments} WHERE status = %s GROUP BY order_id) p
                   ON p.order_id = o.id
            LEFT JOIN (SELECT order_id, SUM(amount) AS total FROM {refunds} GROUP BY order_id) r ON r.order_id = o.id
            LEFT JOIN (SELECT order_id, SUM(amount + commission) AS total FROM {ledger} WHERE kind = %s
                       GROUP BY order_id) c ON c.order_id = o.id
            {only}
        ) checked
        WHERE {" OR ".join(f"{name} = 1" for name in names)}
        ORDER BY number
    """  # noqa: S608 (table names come from the models, values are parameters)
    params = [p for name in names for p in flag_params[name]]
    params += [PaymentStatus.SUCCEEDED, LedgerKind.SALE, *(order_ids or [])]
    return sql, params


def orders_audit(*, order_ids: Iterable[int] | None = None) -> list[str]:
    """Money conservation, per order: what the buyer paid = shop credit + commission + refunds (completed),
    = refunds (refunded), >= refunds and not yet credited (in progress), nothing for unpaid ones.
    The monthly rollups are checked against the orders too. Returns one message per mismatch (empty when
    the books balance). The checks run in SQL; Python only words the orders that break one."""
    ids = None if order_ids is None else list(order_ids)
    if ids == []:
        return []
    sql, params = _orders_audit_sql(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    problems = []
    for row in rows:
        values = {
            "number": row["number"],
            "status": row["status"],
            "total": quantize_yuan(Decimal(str(row["total"]))),
            "refunded": quantize_yuan(Decimal(str(row["refunded_amount"]))),
            "paid": quantize_yuan(Decimal(str(row["paid"] or 0))),
            "refund_sum": quantize_yuan(Decimal(str(row["refund_sum"] or 0))),
            "credit": None if row["credit"] is None else quantize_yuan(Decimal(str(row["credit"]))),
        }
        problems.extend(message.format(**values) for name, message in _ORDER_CHECKS if row[name])
    if order_ids is None:
        problems.extend(rollups_audit())
    return problems


def rollups_audit() -> list[str]:
    """The shop rollups against what the orders say (the rebuild's own query, read only), and the village
    rollups against the sums of their shops' rollups."""
    orders = Order.objects.filter(paid_at__isnull=False).exclude(status=OrderStatus.CANCELLED)
    expected = {(shop, month): (volume, count) for shop, month, volume, count in _rollup_rows(orders)}
    actual = {
        (shop, month): (volume, count)
        for shop, month, volume, count in ShopMonthlySales.objects.values_list(
            "shop_id", "month", "sales_volume", "order_count"
        )
    }
    nothing = (Decimal("0.00"), 0)
    problems = [
        f"rollup shop {shop} {month:%Y-%m}: stored {actual.get((shop, month), nothing)}, "
        f"orders say {expected.get((shop, month), nothing)}"
        for shop, month in sorted(set(expected) | set(actual))
        if actual.get((shop, month), nothing) != expected.get((shop, month), nothing)
    ]
    shop_sums = {
        (village, month): (volume, count)
        for village, month, volume, count in ShopMonthlySales.objects.values("shop__village_id", "month")
        .annotate(volume=Sum("sales_volume"), count=Sum("order_count"))
        .values_list("shop__village_id", "month", "volume", "count")
        .order_by()
    }
    villages = {
        (village, month): (volume, count)
        for village, month, volume, count in VillageMonthlySales.objects.values_list(
            "village_id", "month", "sales_volume", "order_count"
        )
    }
    problems += [
        f"rollup village {village} {month:%Y-%m}: stored {villages.get((village, month), nothing)}, "
        f"its shops' rollups say {shop_sums.get((village, month), nothing)}"
        for village, month in sorted(set(shop_sums) | set(villages))
        if villages.get((village, month), nothing) != shop_sums.get((village, month), nothing)
    ]
    return problems


# --- assisted purchases


PICKUP_MAX_FAILURES = 5
PICKUP_LOCKOUT_SECONDS = 15 * 60


class TooManyAttempts(DomainError):
    status_code = 429
    default_code = "too_many_attempts"
    default_detail = "Too many wrong attempts; try again later."


def _pickup_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _check_operator(user, station: ServiceStation) -> None:
    if not (user.is_admin or station.operator_id == user.pk):
        raise NotPermitted(_("Only the station's operator may do this."))


@transaction.atomic
def assisted_request(
    *,
    operator,
    station_id: int,
    villager_id: int,
    product_id: int | None = None,
    quantity: Decimal = Decimal("1"),
    description: str = "",
    link: str = "",
    price: Decimal | None = None,
    deposit: Decimal = Decimal("0"),
) -> AssistedPurchase:
    """The operator records a villager's request: a Taocun product (priced from the catalogue) or an
    outside item described with a link and a price; the deposit the villager paid is kept."""
    station = ServiceStation.objects.filter(pk=station_id).first()
    if station is None:
        raise NotFound(_("No such station."))
    _check_operator(operator, station)
    villager = User.objects.filter(pk=villager_id).first()
    if villager is None:
        raise ValidationFailed(_("Unknown villager."), fields={"villager": [_("Unknown villager.")]})
    quantity = Decimal(quantity)
    deposit = quantize_yuan(deposit or Decimal("0"))
    if product_id:
        product = Product.objects.select_related("shop").filter(pk=product_id).first()
        if product is None:
            raise ValidationFailed(_("Unknown product."), fields={"product": [_("Unknown product.")]})
        _quantity_check(product, quantity)
        description, price = product.name, quantize_yuan(product.unit_price * quantity)
    else:
        product = None
        if quantity <= 0:
            raise ValidationFailed(_("The quantity must be more than zero."), fields={"quantity": [_("Must be > 0.")]})
        if not (description or "").strip():
            raise ValidationFailed(_("Describe the item."), fields={"description": [_("This field is required.")]})
        if price is None or Decimal(price) <= 0:
            raise ValidationFailed(_("Give the item's price."), fields={"price": [_("Must be > 0.")]})
        price = quantize_yuan(price)
    if deposit < 0 or deposit > price:
        raise ValidationFailed(_("The deposit is between 0 and the price."), fields={"deposit": [_("0 to the price.")]})
    return AssistedPurchase.objects.create(
        station=station,
        villager=villager,
        product=product,
        description=description.strip()[:200],
        link=(link or "").strip(),
        quantity=quantity,
        price=price,
        deposit=deposit,
        recorded_by=operator,
    )


def _assisted_move(purchase_id: int, to_status: str, *, operator) -> AssistedPurchase:
    try:
        purchase = (
            AssistedPurchase.objects.select_for_update(of=("self",)).select_related("station").get(pk=purchase_id)
        )
    except AssistedPurchase.DoesNotExist as exc:
        raise NotFound(_("No such assisted purchase.")) from exc
    _check_operator(operator, purchase.station)
    if to_status not in ASSISTED_TRANSITIONS[purchase.status]:
        raise InvalidTransition(
            _("This purchase is %(status)s: it cannot become %(to)s.")
            % {"status": purchase.get_status_display(), "to": AssistedStatus(to_status).label}
        )
    purchase.status = to_status
    setattr(purchase, f"{to_status}_at", timezone.now())
    return purchase


@transaction.atomic
def assisted_order(*, purchase_id: int, operator) -> AssistedPurchase:
    """The operator has placed the order with the seller."""
    purchase = _assisted_move(purchase_id, AssistedStatus.ORDERED, operator=operator)
    purchase.save(update_fields=["status", "ordered_at"])
    return purchase


@transaction.atomic
def assisted_arrive(*, purchase_id: int, operator) -> AssistedPurchase:
    """The parcel reached the station: issue the 6-digit pickup code the villager will show."""
    purchase = _assisted_move(purchase_id, AssistedStatus.ARRIVED, operator=operator)
    purchase.pickup_code = _pickup_code()
    purchase.save(update_fields=["status", "arrived_at", "pickup_code"])
    return purchase


@transaction.atomic
def assisted_collect(*, purchase_id: int, operator, code: str) -> AssistedPurchase:
    """The villager collects with the code (single use). A wrong code is refused and nothing changes."""
    purchase = _assisted_move(purchase_id, AssistedStatus.COLLECTED, operator=operator)
    failures_key = f"orders:pickup-failures:{purchase.pk}"
    if cache.get(failures_key, 0) >= PICKUP_MAX_FAILURES:
        raise TooManyAttempts(_("Too many wrong codes for this parcel: try again in 15 minutes."))
    code = (code or "").strip()
    if not purchase.pickup_code or not hmac.compare_digest(code, purchase.pickup_code):
        # Counted in the cache, not the row: a wrong code changes nothing of the purchase.
        cache.add(failures_key, 0, timeout=PICKUP_LOCKOUT_SECONDS)
        cache.incr(failures_key)
        raise ValidationFailed(_("Wrong pickup code."), code="wrong_code", fields={"code": [_("Wrong pickup code.")]})
    purchase.save(update_fields=["status", "collected_at"])
    return purchase


@transaction.atomic
def assisted_cancel(*, purchase_id: int, operator) -> AssistedPurchase:
    """The operator cancels a request not yet arrived."""
    purchase = _assisted_move(purchase_id, AssistedStatus.CANCELLED, operator=operator)
    purchase.save(update_fields=["status", "cancelled_at"])
    return purchase


# --- REST cart


@transaction.atomic
def cart_item_set(*, user, product_id: int, quantity: Decimal) -> CartItem:
    """Put a product in the user's cart with this quantity (replacing the previous one)."""
    product = Product.objects.select_related("shop").filter(pk=product_id).first()
    if product is None:
        raise ValidationFailed(
            _("Unknown product."), code="unknown_product", fields={"product": [_("Unknown product.")]}
        )
    _quantity_check(product, Decimal(quantity))
    cart, _created = Cart.objects.get_or_create(user=user)
    item, _created = CartItem.objects.update_or_create(cart=cart, product=product, defaults={"quantity": quantity})
    return item


@transaction.atomic
def cart_item_remove(*, user, product_id: int) -> None:
    CartItem.objects.filter(cart__user=user, product_id=product_id).delete()


@transaction.atomic
def cart_checkout(*, user, ship_to: ShipTo) -> list[Order]:
    """Check out the REST cart and empty it."""
    items = list(CartItem.objects.filter(cart__user=user).values_list("product_id", "quantity"))
    orders = order_place(buyer=user, items=items, ship_to=ship_to)
    CartItem.objects.filter(cart__user=user).delete()
    return orders
