"""Checkout and the REST cart: one order per shop, prices from the catalogue, stock taken last."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import device_seen
from core.errors import ValidationFailed
from core.money import money_bound_check, quantize_yuan
from core.quantity import format_quantity
from logistics.freight import FreightLine, Undeliverable, parcel_freight
from logistics.freight_selectors import freight_schedules_for
from orders.models import (
    Cart,
    CartItem,
    Order,
    OrderLine,
    OrderStatus,
    TrustReview,
)
from orders.services.common import InsufficientStock, ShipTo, _event
from orders.services.coupons import coupons_apply
from orders.services.trust import own_shop_check, trade_suspect_reasons
from shops import catalogue_cache
from shops.models import Product, ProductStatus, Shop, ShopStatus
from shops.selectors import unit_price_bounds
from shops.services import quantity_validate, unit_price_check
from villages.models import Province


def quantity_check(product: Product, quantity: Decimal, *, field: str = "quantity") -> None:
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
        quantity_check(products[product_id], quantity)
    return {pk: (products[pk], merged[pk]) for pk in sorted(merged)}


@dataclass(frozen=True)
class ShopQuote:
    """One shop's part of a checkout: goods (rounded once), freight, and how the freight was reached."""

    shop_id: int
    lines: list[tuple[Product, Decimal]]
    subtotal: Decimal
    shipping_fee: Decimal
    freight_detail: dict

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_fee


def freight_lines(lines: Iterable[tuple[Product, Decimal]]) -> list[FreightLine]:
    return [
        FreightLine(
            product_id=product.pk,
            name=product.name,
            unit=product.unit,
            quantity=quantity,
            piece_weight_kg=product.shipping_weight_kg,
            unit_price=product.unit_price,
        )
        for product, quantity in lines
    ]


def checkout_quote(*, lines: dict[int, tuple[Product, Decimal]], province_id: int) -> dict[int, ShopQuote]:
    """Per shop: goods, freight to the province and total, exactly as checkout will charge them (the cart and
    the checkout page show this before paying). A product its template does not deliver there: 400
    `undeliverable`, naming it. A constant number of queries whatever the number of lines."""
    by_shop: dict[int, list[tuple[Product, Decimal]]] = {}
    for product, quantity in lines.values():
        by_shop.setdefault(product.shop_id, []).append((product, quantity))
    schedules = freight_schedules_for(product for product, _quantity in lines.values())
    quotes, refused = {}, []
    for shop_id in sorted(by_shop):
        shop_lines = by_shop[shop_id]
        subtotal = quantize_yuan(sum((p.unit_price * q for p, q in shop_lines), Decimal("0")))
        try:
            fee, detail = parcel_freight(freight_lines(shop_lines), schedules=schedules, province_id=province_id)
        except Undeliverable as exc:
            refused.extend(exc.products)
            continue
        quotes[shop_id] = ShopQuote(shop_id, shop_lines, subtotal, fee, detail)
    if refused:
        province = Province.objects.filter(pk=province_id).first()
        message = _("%(products)s cannot be shipped to %(province)s.") % {
            "products": "、".join(refused),
            "province": province.label if province else province_id,
        }
        raise ValidationFailed(message, code="undeliverable", fields={"ship_province": [message]})
    return quotes


def cart_quote(*, items: Iterable[tuple[int, Decimal]], province_id) -> dict[int, ShopQuote]:
    """What a cart would cost shipped to a province, per shop (reads only: the cart and checkout pages, the API's
    quote). The same checks and figures as checkout, stock aside."""
    if not Province.objects.filter(pk=province_id).exists():
        raise ValidationFailed(_("Choose a province."), fields={"ship_province": [_("Unknown province.")]})
    return checkout_quote(lines=cart_validate(items=items), province_id=int(province_id))


def _order_number() -> str:
    # Dated as the buyer and the village read the calendar (Asia/Shanghai), not UTC: an order at 07:30 in
    # Beijing is the day's order, not the day before's.
    return f"TC{timezone.localtime():%y%m%d}{secrets.token_hex(5).upper()}"


@transaction.atomic
def order_place(
    *, buyer, items: Iterable[tuple[int, Decimal]], ship_to: ShipTo, coupons: Iterable[int] | str = ()
) -> list[Order]:
    """Check out: one order per shop, prices from the catalogue (never the client), stock taken at once.
    `coupons`: claim ids to apply, `coupons.BEST` for the best valid combination, empty for none (issue 23).

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
    own_shop_check(buyer=buyer, shop_ids=by_shop)
    quotes = checkout_quote(lines=lines, province_id=ship_to.province_id)
    for quote in quotes.values():  # a line is never more than its order: one check covers both
        money_bound_check(quote.total, field="items")
    bounds = unit_price_bounds()
    for product, _quantity in lines.values():  # a product listed before its unit's bounds were set or tightened
        unit_price_check(unit=product.unit, price=product.unit_price, bounds=bounds, field="items")
    device_seen(user=buyer)
    shops = Shop.objects.select_related("owner__home_village", "village").prefetch_related("members").in_bulk(by_shop)
    checkout_id = uuid.uuid4()
    orders = []
    for shop_id in sorted(by_shop):
        quote = quotes[shop_id]
        suspect = trade_suspect_reasons(buyer=buyer, shop=shops[shop_id], ship_to=ship_to)
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
            subtotal=quote.subtotal,
            shipping_fee=quote.shipping_fee,
            total=quote.total,
            freight_detail=quote.freight_detail,
            trust_review=TrustReview.HELD if suspect else TrustReview.NONE,
            suspect_reasons=suspect,
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
    coupons_apply(buyer=buyer, orders=orders, choice=coupons)  # issue 23: discounts, line shares, claims taken
    # Stock last, in one statement: the row locks are held only from here to the commit (two round trips, not
    # one per product and the commit), so concurrent checkouts of the same produce queue for the shortest time.
    # If one product runs short, everything above is rolled back.
    short = _stock_take({product_id: quantity for product_id, (_product, quantity) in lines.items()})
    if short is not None:
        product = lines[short][0]
        raise InsufficientStock(
            _("Only %(stock)s of %(name)s left.")
            % {"stock": format_quantity(Product.objects.get(pk=short).stock, product.unit), "name": product.name},
            fields={"quantity": [_("Not enough stock.")]},
        )
    return orders


# Rows are locked in pk order by the CTE (no two checkouts deadlock); the UPDATE then re-checks `stock >= q`
# on the row version it locked, on one table (a join in Django's UPDATE would filter through a subquery
# evaluated on a stale snapshot).
STOCK_TAKE_SQL = """
WITH locked AS (
    SELECT id FROM shops_product WHERE id = ANY(%(ids)s::bigint[]) ORDER BY id FOR UPDATE
)
UPDATE shops_product AS product SET stock = product.stock - wanted.quantity
  FROM unnest(%(ids)s::bigint[], %(quantities)s::numeric[]) AS wanted (id, quantity), locked
 WHERE product.id = wanted.id AND locked.id = product.id
   AND product.stock >= wanted.quantity AND product.status = %(published)s
RETURNING product.id
"""


def _stock_take(quantities: dict[int, Decimal]) -> int | None:
    """Take every quantity from stock, or report the first product (in pk order) that has not enough left.
    Conditional: stock never goes below zero. Called inside the checkout's transaction."""
    ids = sorted(quantities)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            params = {"ids": ids, "quantities": [quantities[pk] for pk in ids], "published": ProductStatus.PUBLISHED}
            cursor.execute(STOCK_TAKE_SQL, params)
            taken = {row[0] for row in cursor.fetchall()}
        if taken:  # raw SQL: the catalogue's cached answers (stock, sold out) are not told by the ORM
            catalogue_cache.changed_after_commit()
        return next((pk for pk in ids if pk not in taken), None)
    for pk in ids:  # SQLite locks the whole database for the transaction anyway
        if not Product.objects.filter(pk=pk, stock__gte=quantities[pk], status=ProductStatus.PUBLISHED).update(
            stock=F("stock") - quantities[pk]
        ):
            return pk
    return None


@transaction.atomic
def cart_item_set(*, user, product_id: int, quantity: Decimal) -> CartItem:
    """Put a product in the user's cart with this quantity (replacing the previous one)."""
    product = Product.objects.select_related("shop").filter(pk=product_id).first()
    if product is None:
        raise ValidationFailed(
            _("Unknown product."), code="unknown_product", fields={"product": [_("Unknown product.")]}
        )
    quantity_check(product, Decimal(quantity))
    own_shop_check(buyer=user, shop_ids=[product.shop_id])
    cart, _created = Cart.objects.get_or_create(user=user)
    item, _created = CartItem.objects.update_or_create(
        cart=cart, product=product, defaults={"quantity": quantity, "unit_price_seen": product.unit_price}
    )
    return item


@transaction.atomic
def cart_item_remove(*, user, product_id: int) -> None:
    CartItem.objects.filter(cart__user=user, product_id=product_id).delete()


@transaction.atomic
def cart_checkout(*, user, ship_to: ShipTo, coupons: Iterable[int] | str = ()) -> list[Order]:
    """Check out the REST cart and empty it.

    The cart is emptied first: order_place takes the stock last, so that its row locks are held only until the
    commit; a statement after it would hold them one more round trip. A failed checkout rolls the cart back."""
    items = list(CartItem.objects.filter(cart__user=user).values_list("product_id", "quantity"))
    CartItem.objects.filter(cart__user=user).delete()
    return order_place(buyer=user, items=items, ship_to=ship_to, coupons=coupons)
