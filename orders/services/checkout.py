"""Checkout and the REST cart: one order per shop, prices from the catalogue, stock taken last."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
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
    OrderEvent,
    OrderLine,
    OrderStatus,
    TrustReview,
)
from orders.services.common import InsufficientStock, ShipTo
from orders.services.coupons import coupons_apply
from orders.services.trust import own_shop_check, own_shops_refuse, trade_suspect_reasons_by_shop
from shops import catalogue_cache
from shops.models import Product, ProductStatus, ProductVariant, Shop, ShopStatus
from shops.selectors import unit_price_bounds
from shops.services import quantity_validate, unit_price_check, variant_for
from villages.models import City, Province


def quantity_check(item: Product | ProductVariant, quantity: Decimal, *, field: str = "quantity") -> None:
    """A quantity of an option (or a product's only option) one may buy: the product on sale in an open shop,
    the option on sale, and the shops app's rule (more than zero, at least the minimum, a multiple of the step)."""
    product = item.product if isinstance(item, ProductVariant) else item
    if product.status != ProductStatus.PUBLISHED or (isinstance(item, ProductVariant) and not item.is_active):
        raise ValidationFailed(_("%(name)s is not on sale.") % {"name": line_name(item)}, code="not_on_sale")
    if product.shop.status != ShopStatus.OPEN:
        raise ValidationFailed(_("The shop %(name)s is not open.") % {"name": product.shop.name}, code="shop_closed")
    try:
        quantity_validate(item, quantity)
    except ValidationFailed as error:
        if field == "quantity":
            raise
        raise ValidationFailed(error.detail, code=error.code, fields={field: error.fields["quantity"]}) from error


def line_name(item: Product | ProductVariant) -> str:
    """How a line reads to people: the product, and its option when it has a name (柑橘 · 10 斤装)."""
    if isinstance(item, ProductVariant):
        return f"{item.product.name} · {item.name}" if item.name else item.product.name
    return item.name


def _merge_items(items: Iterable[tuple[int, Decimal]]) -> dict[int, Decimal]:
    merged: dict[int, Decimal] = {}
    for variant_id, quantity in items:
        merged[int(variant_id)] = merged.get(int(variant_id), Decimal("0")) + Decimal(quantity)
    return merged


def variants_resolve(lines: Iterable[tuple[int, int | None, Decimal]]) -> list[tuple[int, Decimal]]:
    """(product id, option id or None, quantity) as clients send them -> (option id, quantity). No option named:
    the product's only option on sale; a product with several options needs one (400 on `variant`). An option
    of another product: 400. A constant number of queries."""
    lines = list(lines)
    # Only what choosing an option reads (a product's name, its options' ids and state): the search columns and
    # the description would cost more to read than the rest of the request.
    options = ProductVariant.objects.only("pk", "product_id", "is_active").order_by("position", "pk")
    products = (
        Product.objects.only("pk", "name")
        .prefetch_related(Prefetch("variants", queryset=options))
        .order_by()
        .in_bulk([int(product_id) for product_id, _v, _q in lines])
    )
    resolved = []
    for product_id, variant_id, quantity in lines:
        product = products.get(int(product_id))
        if product is None:
            raise ValidationFailed(
                _("Unknown product."), code="unknown_product", fields={"product": [_("No product %s.") % product_id]}
            )
        resolved.append((variant_for(product, variant_id).pk, quantity))
    return resolved


def cart_validate(*, variants: Iterable[tuple[int, Decimal]]) -> dict[int, tuple[ProductVariant, Decimal]]:
    """Check every (option id, quantity); unknown options and bad quantities raise ValidationFailed.
    Returns {option id: (option with its product and shop, quantity)}, in option id order."""
    merged = _merge_items(variants)
    if not merged:
        raise ValidationFailed(_("The cart is empty."), code="empty_cart")
    # order_by(): in_bulk answers a dict, and the options' default order (by product) costs a join and a sort.
    variants = ProductVariant.objects.select_related("product__shop").order_by().in_bulk(list(merged))
    unknown = sorted(set(merged) - set(variants))
    if unknown:
        raise ValidationFailed(
            _("Unknown product option."),
            code="unknown_variant",
            fields={"variant": [_("No product option %s.") % unknown[0]]},
        )
    for variant_id, quantity in merged.items():
        quantity_check(variants[variant_id], quantity)
    return {pk: (variants[pk], merged[pk]) for pk in sorted(merged)}


@dataclass(frozen=True)
class ShopQuote:
    """One shop's part of a checkout: goods (rounded once), freight, and how the freight was reached."""

    shop_id: int
    lines: list[tuple[ProductVariant, Decimal]]
    subtotal: Decimal
    shipping_fee: Decimal
    freight_detail: dict

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_fee


def freight_lines(lines: Iterable[tuple[ProductVariant, Decimal]]) -> list[FreightLine]:
    return [
        FreightLine(
            product_id=variant.product_id,
            name=line_name(variant),
            unit=variant.product.unit,
            quantity=quantity,
            piece_weight_kg=variant.shipping_weight_kg,
            unit_price=variant.unit_price,
            variant_id=variant.pk,
        )
        for variant, quantity in lines
    ]


def checkout_quote(
    *, lines: dict[int, tuple[ProductVariant, Decimal]], province_id: int, destination: Province | None = None
) -> dict[int, ShopQuote]:
    """Per shop: goods, freight to the province and total, exactly as checkout will charge them (the cart and
    the checkout page show this before paying). A product its template does not deliver there: 400
    `undeliverable`, naming it. A constant number of queries whatever the number of lines; one fewer when the
    caller has the province already (`destination`)."""
    by_shop: dict[int, list[tuple[ProductVariant, Decimal]]] = {}
    for variant, quantity in lines.values():
        by_shop.setdefault(variant.product.shop_id, []).append((variant, quantity))
    products = {variant.product_id: variant.product for variant, _quantity in lines.values()}
    schedules = freight_schedules_for(products.values(), destination=destination)
    quotes, refused = {}, []
    for shop_id in sorted(by_shop):
        shop_lines = by_shop[shop_id]
        subtotal = quantize_yuan(sum((v.unit_price * q for v, q in shop_lines), Decimal("0")))
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


def cart_quote(*, variants: Iterable[tuple[int, Decimal]], province_id) -> dict[int, ShopQuote]:
    """What a cart of (option id, quantity) would cost shipped to a province, per shop (reads only: the cart and
    checkout pages, the API's quote). The same checks and figures as checkout, stock aside."""
    destination = Province.objects.filter(pk=province_id).first()
    if destination is None:
        raise ValidationFailed(_("Choose a province."), fields={"ship_province": [_("Unknown province.")]})
    return checkout_quote(lines=cart_validate(variants=variants), province_id=destination.pk, destination=destination)


def ship_to_check(ship_to: ShipTo) -> Province:
    """An address an order may ship to: a known province, every field filled, and a city that is not known to lie
    in another province (freight is priced by province: Urumqi typed with Zhejiang chosen for its cheaper rate is
    refused; names the divisions do not know pass, as do names several provinces share). Checkout and group buys
    both ask it; returns the province (freight reads its code)."""
    chosen = Province.objects.filter(pk=ship_to.province_id).first()
    if chosen is None:
        raise ValidationFailed(_("Choose a province."), fields={"ship_province": [_("Unknown province.")]})
    for field in ("recipient_name", "recipient_phone", "city", "county", "address"):
        if not str(getattr(ship_to, field) or "").strip():
            raise ValidationFailed(_("The address is incomplete."), fields={field: [_("This field is required.")]})
    city = ship_to.city.strip()
    holding = set(
        # order_by(): the cities' default order would put their code into the DISTINCT, and one province's two
        # cities of a name would hide a second province.
        City.objects.filter(name_zh__in=(city, f"{city}市"))
        .order_by()
        .values_list("province_id", flat=True)
        .distinct()[:2]
    )
    if len(holding) == 1 and chosen.pk not in holding:
        message = _("This city is not in the province chosen: choose its own province.")
        raise ValidationFailed(message, code="city_not_in_province", fields={"ship_city": [message]})
    return chosen


def _order_number() -> str:
    # Dated as the buyer and the village read the calendar (Asia/Shanghai), not UTC: an order at 07:30 in
    # Beijing is the day's order, not the day before's.
    return f"TC{timezone.localtime():%y%m%d}{secrets.token_hex(5).upper()}"


# What the own-shop refusal and the household checks read of a shop (orders.services.trust): loading only these
# spares checkout a third of its cost of building the shops, their owners and their villages.
SELLER_CHECK_FIELDS = (
    "name",
    "owner_id",
    "village_id",
    "village__name",
    "village__name_zh",
    "owner__phone",
    "owner__home_village__name",
    "owner__home_village__name_zh",
)


@transaction.atomic
def order_place(
    *, buyer, variants: Iterable[tuple[int, Decimal]], ship_to: ShipTo, coupons: Iterable[int] | str = ()
) -> list[Order]:
    """Check out (option id, quantity) pairs (variants_resolve turns a client's product and option into them):
    one order per shop, prices from the catalogue (never the client), stock taken at once.
    `coupons`: claim ids to apply, `coupons.BEST` for the best valid combination, empty for none (issue 23).

    Stock moves with one conditional UPDATE of the options (and their products' totals), rows locked in
    (product, option) order, so it never goes below zero and two checkouts never deadlock; if any option runs
    short the whole checkout is rolled back (409).
    """
    destination = ship_to_check(ship_to)
    lines = cart_validate(variants=variants)
    by_shop: dict[int, list[tuple[ProductVariant, Decimal]]] = {}
    for variant, quantity in lines.values():
        by_shop.setdefault(variant.product.shop_id, []).append((variant, quantity))
    # The shops with their sellers, loaded once: the own-shop refusal and the household checks both read them.
    shops = (
        Shop.objects.select_related("owner__home_village", "village")
        .only(*SELLER_CHECK_FIELDS)
        .prefetch_related(Prefetch("members", queryset=User.objects.only("pk", "phone")))
        .order_by()
        .in_bulk(by_shop)
    )
    own_shops_refuse(buyer=buyer, shops=shops.values())
    quotes = checkout_quote(lines=lines, province_id=destination.pk, destination=destination)
    for quote in quotes.values():  # a line is never more than its order: one check covers both
        money_bound_check(quote.total, field="items")
    bounds = unit_price_bounds()
    for variant, _quantity in lines.values():  # an option priced before its unit's bounds were set or tightened
        unit_price_check(unit=variant.product.unit, price=variant.unit_price, bounds=bounds, field="items")
    device_seen(user=buyer)
    suspects = trade_suspect_reasons_by_shop(buyer=buyer, shops=shops.values(), ship_to=ship_to)
    checkout_id = uuid.uuid4()
    # One INSERT each for the orders, their lines and their first events, whatever the number of shops: every
    # statement is CPU on a busy harvest day (issue 25), on both sides of the connection.
    orders = Order.objects.bulk_create(
        Order(
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
            subtotal=quotes[shop_id].subtotal,
            shipping_fee=quotes[shop_id].shipping_fee,
            total=quotes[shop_id].total,
            freight_detail=quotes[shop_id].freight_detail,
            trust_review=TrustReview.HELD if suspects[shop_id] else TrustReview.NONE,
            suspect_reasons=suspects[shop_id],
        )
        for shop_id in sorted(by_shop)
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product=variant.product,
            variant=variant,
            product_name=variant.product.name,
            variant_name=variant.name,
            unit=variant.product.unit,
            unit_price=variant.unit_price,
            quantity=quantity,
            line_total=quantize_yuan(variant.unit_price * quantity),
        )
        for order in orders
        for variant, quantity in by_shop[order.shop_id]
    )
    OrderEvent.objects.bulk_create(
        OrderEvent(order=order, from_status="", to_status=OrderStatus.PENDING_PAYMENT, actor=buyer) for order in orders
    )
    coupons_apply(buyer=buyer, orders=orders, choice=coupons)  # issue 23: discounts, line shares, claims taken
    # Stock last, in one statement: the row locks are held only from here to the commit (two round trips, not
    # one per line and the commit), so concurrent checkouts of the same produce queue for the shortest time.
    # If one option runs short, everything above is rolled back.
    short = _stock_take({variant_id: quantity for variant_id, (_variant, quantity) in lines.items()})
    if short is not None:
        variant = lines[short][0]
        raise InsufficientStock(
            _("Only %(stock)s of %(name)s left.")
            % {
                "stock": format_quantity(ProductVariant.objects.get(pk=short).stock, variant.product.unit),
                "name": line_name(variant),
            },
            fields={"quantity": [_("Not enough stock.")]},
        )
    return orders


# One statement takes every line. `locked` locks the lines' products in pk order; the option rows are written only
# after it has run whole (the uncorrelated count below is evaluated once, before the first option row is read), so
# every writer of stock takes a product before its options (shops.services does the same) and no two checkouts
# deadlock: two options of one product queue on the product, as one product did before options. (A join locked
# FOR UPDATE would lock each option before its product, and deadlock.) The UPDATE of the options then re-checks
# `stock >= q` on the row version it writes (a join in Django's UPDATE would filter through a subquery evaluated
# on a stale snapshot); the products' totals go down by what was taken.
STOCK_TAKE_SQL = """
WITH locked AS (
    SELECT id FROM shops_product
     WHERE id IN (SELECT product_id FROM shops_productvariant WHERE id = ANY(%(ids)s::bigint[]))
     ORDER BY id FOR UPDATE
), taken AS (
    UPDATE shops_productvariant AS variant SET stock = variant.stock - wanted.quantity
      FROM unnest(%(ids)s::bigint[], %(quantities)s::numeric[]) AS wanted (id, quantity)
     WHERE variant.id = wanted.id AND (SELECT count(*) FROM locked) > 0
       AND variant.stock >= wanted.quantity AND variant.is_active
       AND EXISTS (SELECT 1 FROM shops_product AS p WHERE p.id = variant.product_id AND p.status = %(published)s)
    RETURNING variant.id, variant.product_id, wanted.quantity
), totals AS (
    UPDATE shops_product AS product SET stock = GREATEST(product.stock - per_product.quantity, 0)
      FROM (SELECT product_id, sum(quantity) AS quantity FROM taken GROUP BY product_id) AS per_product
     WHERE product.id = per_product.product_id
    RETURNING product.id
)
SELECT id FROM taken
"""


def _stock_take(quantities: dict[int, Decimal]) -> int | None:
    """Take every quantity from its option's stock, or report the first option (in pk order) that has not
    enough left. Conditional: stock never goes below zero. Called inside the checkout's transaction."""
    ids = sorted(quantities)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            params = {"ids": ids, "quantities": [quantities[pk] for pk in ids], "published": ProductStatus.PUBLISHED}
            cursor.execute(STOCK_TAKE_SQL, params)
            taken = {row[0] for row in cursor.fetchall()}
        if taken:  # raw SQL: the catalogue's cached answers (stock, sold out) are not told by the ORM
            catalogue_cache.changed_after_commit()
        return next((pk for pk in ids if pk not in taken), None)
    variants = ProductVariant.objects.select_related("product").in_bulk(ids)
    for pk in ids:  # SQLite locks the whole database for the transaction anyway
        variant = variants[pk]
        if variant.product.status != ProductStatus.PUBLISHED or not ProductVariant.objects.filter(
            pk=pk, stock__gte=quantities[pk], is_active=True
        ).update(stock=F("stock") - quantities[pk]):
            return pk
        Product.objects.filter(pk=variant.product_id).update(stock=F("stock") - quantities[pk])
    return None


@transaction.atomic
def cart_item_set(*, user, product_id: int, quantity: Decimal, variant_id: int | None = None) -> CartItem:
    """Put an option of a product in the user's cart with this quantity (replacing the previous one). No option
    named: the product's only option; several: 400 on `variant`."""
    product = Product.objects.select_related("shop").prefetch_related("variants").filter(pk=product_id).first()
    if product is None:
        raise ValidationFailed(
            _("Unknown product."), code="unknown_product", fields={"product": [_("Unknown product.")]}
        )
    variant = variant_for(product, variant_id)
    variant.product = product
    quantity_check(variant, Decimal(quantity))
    own_shop_check(buyer=user, shop_ids=[product.shop_id])
    cart, _created = Cart.objects.get_or_create(user=user)
    item, _created = CartItem.objects.update_or_create(
        cart=cart,
        variant=variant,
        defaults={"product": product, "quantity": quantity, "unit_price_seen": variant.unit_price},
    )
    return item


@transaction.atomic
def cart_item_remove(*, user, product_id: int, variant_id: int | None = None) -> None:
    """Take a product out of the user's cart: one option of it, or all of them when none is named."""
    items = CartItem.objects.filter(cart__user=user, product_id=product_id)
    if variant_id not in (None, ""):
        items = items.filter(variant_id=variant_id)
    items.delete()


@transaction.atomic
def cart_checkout(*, user, ship_to: ShipTo, coupons: Iterable[int] | str = ()) -> list[Order]:
    """Check out the REST cart and empty it.

    The cart is emptied first: order_place takes the stock last, so that its row locks are held only until the
    commit; a statement after it would hold them one more round trip. A failed checkout rolls the cart back."""
    variants = list(CartItem.objects.filter(cart__user=user).values_list("variant_id", "quantity"))
    CartItem.objects.filter(cart__user=user).delete()
    return order_place(buyer=user, variants=variants, ship_to=ship_to, coupons=coupons)
