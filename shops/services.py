"""Write use cases for shops, products and photos. Every function is one transaction."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Max, Min, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.services import device_seen
from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted, RateLimited, ValidationFailed
from core.money import MONEY_MAX, quantize_yuan
from core.quantity import format_number, format_quantity
from shops import catalogue_cache, search
from shops.models import (
    Category,
    ImageStatus,
    Product,
    ProductImage,
    ProductStatus,
    ProductVariant,
    SalesChannel,
    SearchSynonym,
    Shop,
    ShopStatus,
    Unit,
    unit_label,
)
from shops.photos import MAX_PHOTOS_PER_PRODUCT, THUMBNAIL_SIZES, photo_check, photo_clean, thumbnail_make
from shops.selectors import SYNONYMS_CACHE_KEY, shop_can_manage, unit_price_bounds
from villages.models import Village
from villages.selectors import user_operates_village

QUANTITY_PLACES = Decimal("0.001")

# Lifecycle of a product: which statuses each move starts from.
PRODUCT_TRANSITIONS = {
    "publish": ({ProductStatus.DRAFT}, ProductStatus.PUBLISHED),
    "unpublish": ({ProductStatus.PUBLISHED, ProductStatus.ARCHIVED}, ProductStatus.DRAFT),
    "archive": ({ProductStatus.DRAFT, ProductStatus.PUBLISHED}, ProductStatus.ARCHIVED),
}

# Fields a product update may change. Stock is not among them: it moves only through
# product_stock_adjust (a relative, conditional UPDATE) so that it never overwrites a checkout's decrement.
PRODUCT_EDITABLE_FIELDS = (
    "category",
    "name",
    "description",
    "unit",
    "unit_price",
    "order_step",
    "order_minimum",
    "is_local_specialty",
    "produced_on",
    "shelf_life_days",
    "shipping_weight_kg",
)


# --- quantities


def _decimal(value, *, field: str) -> Decimal:
    if isinstance(value, float):
        # A float already lost precision (0.1 + 0.2): quantities travel as Decimal or strings.
        value = str(value)
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationFailed(fields={field: [_("Enter a number.")]}) from None
    if not number.is_finite():
        raise ValidationFailed(fields={field: [_("Enter a number.")]})
    return number


def quantity_validate(product: Product, quantity) -> Decimal:
    """The quantity rule the cart and checkout share: > 0, at least the minimum, a multiple of the step.

    Returns the quantity as a Decimal; raises ValidationFailed with fields={"quantity": [...]}.
    So 1.5 kg of pickled cabbage (step 0.5) or 2 portions of soup (step 1) pass, 0.3 portions does not.
    """
    number = _decimal(quantity, field="quantity")
    if number <= 0:
        raise ValidationFailed(
            _("The quantity must be more than zero."),
            code="invalid_quantity",
            fields={"quantity": [_("Enter more than 0.")]},
        )
    if number != number.quantize(QUANTITY_PLACES):
        message = _("Quantities have at most three decimals.")
        raise ValidationFailed(message, code="off_step", fields={"quantity": [message]})
    if number < product.order_minimum:
        message = _("The minimum order is %(minimum)s.") % {
            "minimum": format_quantity(product.order_minimum, product.unit),
        }
        raise ValidationFailed(message, code="below_minimum", fields={"quantity": [message]})
    if number % product.order_step != 0:
        message = _("Order in steps of %(step)s (for example %(example)s).") % {
            "step": format_quantity(product.order_step, product.unit),
            "example": format_number(_nearest_valid(product, number)),
        }
        raise ValidationFailed(message, code="off_step", fields={"quantity": [message]})
    return number


def _nearest_valid(product: Product, quantity: Decimal) -> Decimal:
    steps = (quantity / product.order_step).to_integral_value()
    return max(product.order_minimum, steps * product.order_step)


# --- shops


def _require_manage(actor: User, shop: Shop) -> None:
    if not shop_can_manage(user=actor, shop=shop):
        raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))


def _unique_shop_slug(name: str) -> str:
    base = slugify(name)[:100] or "shop"
    slug, n = base, 1
    while Shop.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _channels(codes: Iterable[str] | None) -> list[SalesChannel]:
    codes = list(dict.fromkeys(codes or []))
    channels = list(SalesChannel.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {channel.code for channel in channels})
    if unknown:
        raise ValidationFailed(fields={"channels": [_("Unknown sales channel: %s.") % ", ".join(unknown)]})
    return channels


@transaction.atomic
def shop_open(
    *,
    actor: User,
    owner: User,
    name: str,
    description: str = "",
    village: Village | None = None,
    channels: Iterable[str] | None = None,
    is_cooperative: bool = False,
    members: Iterable[User] = (),
    opened_on: datetime.date | None = None,
) -> Shop:
    """Open a shop for a farmer.

    A farmer opens shops only for themselves in their home village; a station operator for a farmer of
    the village they operate; an admin for any farmer. Cooperative members are farmers of the same village.
    """
    if not (actor.is_admin or actor.is_farmer or actor.is_operator):
        raise NotPermitted(_("Only farmers, station operators and admins open shops."))
    if owner.role != Role.FARMER or owner.home_village_id is None:
        raise ValidationFailed(fields={"owner": [_("A shop belongs to a farmer with a home village.")]})
    village = village or owner.home_village
    if actor.is_admin:
        pass
    elif actor.is_farmer:
        if owner.pk != actor.pk:
            raise NotPermitted(_("A farmer opens shops only for themselves."))
        if village.pk != actor.home_village_id:
            raise NotPermitted(_("A farmer opens shops only in their home village."))
    else:
        if not user_operates_village(user=actor, village_id=owner.home_village_id):
            raise NotPermitted(_("An operator opens shops only for villagers of the village they operate."))
        if village.pk != owner.home_village_id:
            raise NotPermitted(_("The shop must be in the villager's home village."))
    # A shop counts for its village (active shops, sales: certification): only a resident the station confirmed.
    if not actor.is_admin and not owner.home_village_confirmed:
        message = _("The home village of %(name)s is not confirmed yet: the station operator confirms it.") % {
            "name": owner.display_name
        }
        raise ValidationFailed(message, code="home_village_unconfirmed", fields={"owner": [message]})

    name = (name or "").strip()
    if not name:
        raise ValidationFailed(fields={"name": [_("Give the shop a name.")]})
    members = list(members)
    if any(member.role != Role.FARMER or member.home_village_id != village.pk for member in members):
        raise ValidationFailed(fields={"members": [_("Cooperative members are farmers of the shop's village.")]})
    channel_rows = _channels(channels)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                shop = Shop.objects.create(
                    village=village,
                    owner=owner,
                    is_cooperative=is_cooperative or bool(members),
                    name=name,
                    slug=_unique_shop_slug(name),
                    description=(description or "").strip(),
                    status=ShopStatus.OPEN,
                    opened_on=opened_on or timezone.localdate(),
                    created_by=actor,
                )
            break
        except IntegrityError:  # two shops of the same name opened at once: take the next slug
            continue
    else:
        raise Conflict(_("Could not give the shop a unique address; try again."))
    shop.channels.set(channel_rows)
    if members:
        shop.members.set([member for member in members if member.pk != owner.pk])
    return shop


@transaction.atomic
def shop_update(
    *,
    actor: User,
    shop: Shop,
    name: str | None = None,
    description: str | None = None,
    channels: Iterable[str] | None = None,
) -> Shop:
    """Change a shop's name, description or sales channels (its address, the slug, stays)."""
    _require_manage(actor, shop)
    if name is not None:
        name = name.strip()
        if not name:
            raise ValidationFailed(fields={"name": [_("Give the shop a name.")]})
        shop.name = name
    if description is not None:
        shop.description = description.strip()
    shop.save(update_fields=["name", "description"])
    if channels is not None:
        shop.channels.set(_channels(channels))
    return shop


# --- products


def _product_values_check(values: dict) -> dict:
    """Validate product fields (all or some); return them normalised. Collects every error at once."""
    errors: dict[str, list[str]] = {}
    clean = dict(values)

    def number(field: str) -> Decimal | None:
        if field not in values:
            return None
        try:
            clean[field] = _decimal(values[field], field=field)
        except ValidationFailed as exc:
            errors.update(exc.fields)
            return None
        return clean[field]

    if "name" in values:
        clean["name"] = (values["name"] or "").strip()
        if not clean["name"]:
            errors["name"] = [_("Give the product a name.")]
        elif len(clean["name"]) > 120:
            errors["name"] = [_("At most 120 characters.")]
    if "description" in values:
        clean["description"] = (values["description"] or "").strip()
    if "unit" in values and values["unit"] not in Unit.values:
        errors["unit"] = [_("Choose a unit from the list.")]
    if "category" in values and not isinstance(values["category"], Category):
        errors["category"] = [_("Choose a category.")]
    price = number("unit_price")
    if price is not None:
        if price <= 0:
            errors["unit_price"] = [_("The price must be more than zero.")]
        elif price != quantize_yuan(price):
            errors["unit_price"] = [_("Prices are in yuan with at most two decimals (fen).")]
        elif price > MONEY_MAX:
            errors["unit_price"] = [_("This price is too large.")]
    for field in ("stock", "order_step", "order_minimum"):
        value = number(field)
        if value is None:
            continue
        if value < 0 or (field != "stock" and value == 0):
            errors[field] = [_("Must be more than zero.") if field != "stock" else _("Stock cannot be negative.")]
        elif value != value.quantize(QUANTITY_PLACES):
            errors[field] = [_("At most three decimals.")]
        elif value >= Decimal("1e7"):
            errors[field] = [_("This quantity is too large.")]
        else:
            clean[field] = value.quantize(QUANTITY_PLACES)
    if "shelf_life_days" in values and values["shelf_life_days"] is not None:
        try:
            days = int(values["shelf_life_days"])
        except (TypeError, ValueError):
            days = -1
        if days < 0:
            errors["shelf_life_days"] = [_("Enter a number of days (0 or more).")]
        else:
            clean["shelf_life_days"] = days
    if values.get("shipping_weight_kg") is not None:
        weight = number("shipping_weight_kg")
        if weight is not None:
            if weight <= 0 or weight != weight.quantize(QUANTITY_PLACES) or weight >= Decimal("1e6"):
                errors["shipping_weight_kg"] = [_("A weight in kg, more than zero, at most three decimals.")]
            else:
                clean["shipping_weight_kg"] = weight.quantize(QUANTITY_PLACES)
    elif "shipping_weight_kg" in values:
        clean["shipping_weight_kg"] = None  # cleared: freight counts 1 kg a unit
    produced_on = values.get("produced_on")
    if produced_on and produced_on > timezone.localdate():
        errors["produced_on"] = [_("The production or harvest date cannot be in the future.")]
    if errors:
        raise ValidationFailed(_("Some product details are not valid."), fields=errors)
    return clean


def unit_price_check(*, unit: str, price: Decimal, bounds: dict | None = None, field: str = "unit_price") -> None:
    """A unit price within the bounds of its unit (UnitPriceBound, else the defaults), or ValidationFailed."""
    low, high = (bounds or unit_price_bounds()).get(unit, (None, None))
    if low is None or low <= price <= high:
        return
    message = _("A price per %(unit)s must be between %(low)s and %(high)s yuan.") % {
        "unit": unit_label(unit),
        "low": low,
        "high": high,
    }
    raise ValidationFailed(message, code="unit_price_out_of_bounds", fields={field: [message]})


def _step_rule_check(*, order_step: Decimal, order_minimum: Decimal) -> None:
    if order_minimum % order_step != 0:
        message = _("The minimum order must be a multiple of the order step (step %(step)s, minimum %(minimum)s).") % {
            "step": format_number(order_step),
            "minimum": format_number(order_minimum),
        }
        raise ValidationFailed(message, fields={"order_minimum": [message]})


@transaction.atomic
def product_create(
    *,
    actor: User,
    shop: Shop,
    category: Category,
    name: str,
    unit_price: Decimal,
    unit: str = Unit.KG,
    description: str = "",
    stock: Decimal = Decimal("0"),
    order_step: Decimal = Decimal("1"),
    order_minimum: Decimal | None = None,
    is_local_specialty: bool = False,
    produced_on: datetime.date | None = None,
    shelf_life_days: int | None = None,
    shipping_weight_kg: Decimal | None = None,
    publish: bool = False,
    variants: list[dict] | None = None,
) -> Product:
    """List a product in a shop, as a draft (or published at once). Records who listed it.

    Without `variants` the product has one option (no name) with the product's price, stock, step, minimum and
    weight; with them (a list of dicts: name, unit_price, stock, order_step, order_minimum, shipping_weight_kg),
    each is an option in that order and the product's own figures become their summary. Same transaction."""
    _require_manage(actor, shop)
    device_seen(user=actor)  # the seller's devices: a buyer account on one of them is the seller in disguise
    if shop.status == ShopStatus.CLOSED:
        raise Conflict(_("This shop is closed: it cannot list products."))
    values = _product_values_check(
        {
            "category": category,
            "name": name,
            "description": description,
            "unit": unit,
            "unit_price": unit_price,
            "stock": stock,
            "order_step": order_step,
            "order_minimum": order_minimum if order_minimum not in (None, "") else order_step,
            "is_local_specialty": bool(is_local_specialty),
            "produced_on": produced_on,
            "shelf_life_days": shelf_life_days,
            "shipping_weight_kg": shipping_weight_kg,
        }
    )
    _step_rule_check(order_step=values["order_step"], order_minimum=values["order_minimum"])
    unit_price_check(unit=values["unit"], price=values["unit_price"])
    if publish and shop.status != ShopStatus.OPEN:
        raise Conflict(_("This shop is not open: its products cannot be published."))
    options = [values for _pk, values in _variants_check(variants, unit=values["unit"])] if variants else None
    if options:  # the product's figures are the options' summary (written again below)
        values.update({field: options[0][field] for field in VARIANT_COPIED_FIELDS})
        values["stock"] = sum((option["stock"] for option in options), Decimal("0"))
    product = Product.objects.create(
        shop=shop,
        listed_by=actor,
        status=ProductStatus.PUBLISHED if publish else ProductStatus.DRAFT,
        **values,
    )
    if options is None:
        variants_default_create([product])
    else:
        ProductVariant.objects.bulk_create(
            ProductVariant(product=product, position=position, **option) for position, option in enumerate(options)
        )
        product_summary_write(product)
    return product


@transaction.atomic
def product_update(*, actor: User, product: Product, variants: list[dict] | None = None, **changes) -> Product:
    """Change a product's details (not its stock: see product_stock_adjust). Only the given fields change.

    Price, step, minimum and weight belong to the options: a product with one option on sale changes that
    option's (and its summary); a product with several changes them through `variants` (product_variants_save,
    same transaction), which also adds, reorders and retires options."""
    unknown = sorted(set(changes) - set(PRODUCT_EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed(fields={field: [_("This field cannot be changed here.")] for field in unknown})
    product = Product.objects.select_for_update().select_related("shop").get(pk=product.pk)
    _require_manage(actor, product.shop)
    if product.status == ProductStatus.ARCHIVED:
        raise InvalidTransition(_("This product is archived: restore it as a draft before editing."))
    values = _product_values_check(changes)
    per_option = {field: values[field] for field in VARIANT_COPIED_FIELDS if field in values}
    options = list(product.variants.select_for_update().filter(is_active=True))
    if variants is None and per_option and len(options) > 1:
        per_option = {field: value for field, value in per_option.items() if getattr(product, field) != value}
        if per_option:  # the summary sent back unchanged is fine; a change must say which option
            message = _("This product has several options: change the price, step, minimum or weight of each option.")
            raise ValidationFailed(message, code="has_options", fields={field: [message] for field in per_option})
    if variants is None and options:
        only = options[0] if len(options) == 1 else None
        _step_rule_check(
            order_step=values.get("order_step", product.order_step),
            order_minimum=values.get("order_minimum", product.order_minimum),
        )
        if "unit" in values or "unit_price" in values:
            unit = values.get("unit", product.unit)
            for option in options:  # a new unit: every option's price within its bounds
                unit_price_check(unit=unit, price=values.get("unit_price", option.unit_price))
        if only is not None and per_option:
            for field, value in per_option.items():
                setattr(only, field, value)
            only.save(update_fields=[*per_option, "updated_at"])
    own = values if not options else {f: v for f, v in values.items() if f not in VARIANT_COPIED_FIELDS}
    for field, value in own.items():
        setattr(product, field, value)
    product.save(update_fields=[*own, "updated_at"])
    if not options and not product.variants.exists():  # a product inserted without its option: give it one
        variants_default_create([product])
    if variants is not None:
        return product_variants_save(actor=actor, product=product, variants=variants)
    product_summary_write(product)
    product.refresh_from_db()
    return product


# --- options (variants)

VARIANT_COPIED_FIELDS = ("unit_price", "order_step", "order_minimum", "shipping_weight_kg")
VARIANT_FIELDS = ("name", *VARIANT_COPIED_FIELDS, "stock", "is_active")
MAX_VARIANTS = 20


def variants_default_create(products: Iterable[Product]) -> list[ProductVariant]:
    """The one option (no name) of products listed without options, from their own figures (one INSERT).
    Every code path that inserts products calls it in the same transaction."""
    return ProductVariant.objects.bulk_create(
        ProductVariant(
            product=product,
            name="",
            position=0,
            unit_price=product.unit_price,
            stock=product.stock,
            order_step=product.order_step,
            order_minimum=product.order_minimum,
            shipping_weight_kg=product.shipping_weight_kg,
            units_sold=product.units_sold or Decimal("0"),
        )
        for product in products
    )


def _variants_check(
    variants: list[dict], *, unit: str, existing: dict[int, ProductVariant] | None = None
) -> list[tuple[int | None, dict]]:
    """Validate a list of options, in the order they are shown: [(id or None for a new one, values)].

    Each is checked like a product (price within the unit's bounds, the step divides the minimum...); errors
    are collected and keyed `variants.<index>.<field>`. An existing option's stock is not set here (it moves only
    by adjustment, never overwriting a checkout's decrement). Several options each need a distinct name."""
    existing = existing or {}
    errors: dict[str, list[str]] = {}
    if not isinstance(variants, list | tuple) or not variants:
        raise ValidationFailed(fields={"variants": [_("Give at least one option.")]})
    if len(variants) > MAX_VARIANTS:
        raise ValidationFailed(fields={"variants": [_("At most %(count)s options.") % {"count": MAX_VARIANTS}]})
    bounds = unit_price_bounds()
    cleaned, names, seen_ids = [], {}, set()
    for index, raw in enumerate(variants):
        prefix = f"variants.{index}."
        if not isinstance(raw, dict):
            errors[f"variants.{index}"] = [_("Give the option's details.")]
            continue
        pk = raw.get("id")
        current = None
        if pk not in (None, ""):
            try:
                current = existing.get(int(pk))
            except (TypeError, ValueError):
                current = None
            if current is None or current.pk in seen_ids:
                errors[prefix + "id"] = [_("This product has no option %(id)s.") % {"id": pk}]
                continue
            seen_ids.add(current.pk)
        given = {field: raw[field] for field in VARIANT_FIELDS if field in raw}
        if current is not None and "stock" in given:
            try:
                unchanged = _decimal(given["stock"], field="stock") == current.stock
            except ValidationFailed:
                unchanged = False
            if not unchanged:
                errors[prefix + "stock"] = [_("Change an option's stock by adding or removing a quantity.")]
            given.pop("stock")
        if current is None:
            if given.get("unit_price") in (None, ""):
                errors[prefix + "unit_price"] = [_("Give the option a price.")]
                continue
            given.setdefault("order_step", Decimal("1"))
            if given.get("order_minimum") in (None, ""):
                given["order_minimum"] = given["order_step"]
            given.setdefault("stock", Decimal("0"))
        name = str(given.get("name", current.name if current else "") or "").strip()
        if len(name) > 60:
            errors[prefix + "name"] = [_("At most 60 characters.")]
        elif len(variants) > 1 and not name:
            errors[prefix + "name"] = [_("Name each option (5 斤装, 10 斤装, grade A...).")]
        elif name.casefold() in names:
            errors[prefix + "name"] = [_("Two options have the same name.")]
        names[name.casefold()] = index
        numbers = {
            field: given[field] for field in ("unit_price", "stock", "order_step", "order_minimum") if field in given
        }
        if "shipping_weight_kg" in given:
            numbers["shipping_weight_kg"] = given["shipping_weight_kg"] if given["shipping_weight_kg"] != "" else None
        try:
            numbers = _product_values_check(numbers)
        except ValidationFailed as exc:
            errors.update({prefix + field: messages for field, messages in exc.fields.items()})
            continue
        values = {"name": name, **numbers}
        if current is None:
            values.setdefault("shipping_weight_kg", None)
        if "is_active" in given:
            values["is_active"] = given["is_active"] not in (False, "false", "False", "0", 0, "", None)
        merged = {field: values.get(field, getattr(current, field, None)) for field in VARIANT_COPIED_FIELDS}
        try:
            _step_rule_check(order_step=merged["order_step"], order_minimum=merged["order_minimum"])
            unit_price_check(unit=unit, price=merged["unit_price"], bounds=bounds)
        except ValidationFailed as exc:
            errors.update({prefix + field: messages for field, messages in exc.fields.items()})
            continue
        cleaned.append((current.pk if current else None, values))
    for pk, option in existing.items():  # a retired option keeps its name: a new one may not take it
        if pk not in seen_ids and option.name.casefold() in names:
            index = names[option.name.casefold()]
            errors[f"variants.{index}.name"] = [
                _("A retired option has this name: send its id to put it back on sale.")
            ]
    if not errors and not any(
        values.get("is_active", existing[pk].is_active if pk else True) for pk, values in cleaned
    ):
        errors["variants"] = [_("Keep at least one option on sale (or archive the product).")]
    if errors:
        raise ValidationFailed(_("Some options are not valid."), code="invalid_options", fields=errors)
    return cleaned


@transaction.atomic
def product_variants_save(*, actor: User, product: Product, variants: list[dict]) -> Product:
    """Make the product's options these, in this order: existing ones (by id) changed, new ones added, the ones
    left out retired (kept for past orders, off sale). The product's summary is written in the same
    transaction. The product row is locked first, then its options: the order checkout takes them in."""
    product = _product_locked(product)
    _require_manage(actor, product.shop)
    if product.status == ProductStatus.ARCHIVED:
        raise InvalidTransition(_("This product is archived: restore it as a draft before editing."))
    existing = {option.pk: option for option in product.variants.select_for_update().order_by("pk")}
    cleaned = _variants_check(variants, unit=product.unit, existing=existing)
    kept = {pk for pk, _values in cleaned if pk}
    renamed = [pk for pk, values in cleaned if pk and values["name"] != existing[pk].name]
    if renamed:  # two options swapping names would collide with each other on the way
        ProductVariant.objects.filter(pk__in=renamed).update(name=Concat(Value("~"), Cast("pk", CharField())))
    for position, (pk, values) in enumerate(cleaned):
        if pk is None:
            ProductVariant.objects.create(product=product, position=position, **values)
            continue
        option = existing[pk]
        for field, value in values.items():
            setattr(option, field, value)
        option.position = position
        option.save()
    ProductVariant.objects.filter(product=product, is_active=True).exclude(pk__in=kept).filter(
        pk__in=list(existing)
    ).update(is_active=False, updated_at=timezone.now())
    product_summary_write(product)
    product.refresh_from_db()
    return product


def product_summary_write(product: Product) -> None:
    """The product's catalogue figures from its options on sale: lowest and highest price, total stock, and the
    first option's step, minimum and weight. Called in the transaction that changed an option."""
    on_sale = ProductVariant.objects.filter(product=product.pk, is_active=True)
    first = on_sale.order_by("position", "pk").first()
    if first is None:
        return
    figures = on_sale.aggregate(low=Min("unit_price"), high=Max("unit_price"), stock=Sum("stock"))
    Product.objects.filter(pk=product.pk).update(
        unit_price=figures["low"],
        price_max=figures["high"],
        stock=figures["stock"],
        order_step=first.order_step,
        order_minimum=first.order_minimum,
        shipping_weight_kg=first.shipping_weight_kg,
        updated_at=timezone.now(),
    )
    catalogue_cache.changed_after_commit()


def variants_stock_return(lines: Iterable[tuple[int, int, Decimal]]) -> None:
    """Put (product id, option id, quantity) back in stock (an order cancelled or refunded before shipping). The
    products are locked first, in pk order, then their options: the order checkout locks them in, so the two
    never deadlock. The products' totals are summed again from their options on sale."""
    lines = sorted(lines)
    if not lines:
        return
    product_ids = sorted({product_id for product_id, _variant_id, _quantity in lines})
    list(Product.objects.select_for_update().filter(pk__in=product_ids).order_by("pk").values_list("pk"))
    for _product_id, variant_id, quantity in lines:
        ProductVariant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity, updated_at=timezone.now())
    on_sale_stock = (
        ProductVariant.objects.filter(product=OuterRef("pk"), is_active=True)
        .values("product")
        .annotate(total=Sum("stock"))
        .values("total")
    )
    Product.objects.filter(pk__in=product_ids).update(stock=Coalesce(Subquery(on_sale_stock), F("stock")))
    catalogue_cache.changed_after_commit()


def units_sold_add(lines: Iterable[tuple[int, int, Decimal]], *, sign: int) -> None:
    """Count (product id, option id, quantity) as sold (sign 1: paid) or not any more (-1: refunded), on the
    option and on its product (the best-selling sort). Products first, then options, each in pk order."""
    lines = sorted(lines)
    per_product: dict[int, Decimal] = {}
    for product_id, _variant_id, quantity in lines:
        per_product[product_id] = per_product.get(product_id, Decimal("0")) + quantity
    for product_id, quantity in per_product.items():
        Product.objects.filter(pk=product_id).update(units_sold=F("units_sold") + sign * quantity)
    for _product_id, variant_id, quantity in lines:
        if variant_id is not None:
            ProductVariant.objects.filter(pk=variant_id).update(units_sold=F("units_sold") + sign * quantity)


def variant_for(product: Product, variant_id=None, *, field: str = "variant") -> ProductVariant:
    """The option a buyer or a seller means: the given one (of this product), or the product's only option on
    sale when none is given. Several options and none named: ValidationFailed on `field`."""
    options = [option for option in product.variants.all() if option.is_active or option.pk == _int_or_none(variant_id)]
    if variant_id not in (None, ""):
        pk = _int_or_none(variant_id)
        for option in options:
            if option.pk == pk:
                return option
        raise ValidationFailed(
            _("%(name)s has no such option.") % {"name": product.name},
            code="unknown_variant",
            fields={field: [_("Choose one of the product's options.")]},
        )
    if len(options) == 1:
        return options[0]
    message = _("%(name)s comes in several options: choose one.") % {"name": product.name}
    raise ValidationFailed(message, code="variant_required", fields={field: [message]})


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _product_move(*, actor: User, product: Product, move: str) -> Product:
    sources, target = PRODUCT_TRANSITIONS[move]
    shop = Shop.objects.get(pk=product.shop_id)
    _require_manage(actor, shop)
    if target == ProductStatus.PUBLISHED and shop.status != ShopStatus.OPEN:
        raise Conflict(_("This shop is not open: its products cannot be published."))
    # A conditional UPDATE: of two concurrent moves, only the one that finds the expected status wins.
    moved = Product.objects.filter(pk=product.pk, status__in=sources).update(status=target, updated_at=timezone.now())
    if not moved:
        current = Product.objects.filter(pk=product.pk).values_list("status", flat=True).first()
        raise InvalidTransition(
            _("Cannot %(move)s a product that is %(status)s.")
            % {"move": move, "status": ProductStatus(current).label if current else "?"}
        )
    product.refresh_from_db()
    return product


@transaction.atomic
def product_publish(*, actor: User, product: Product) -> Product:
    """Put a draft on sale in the catalogue (its shop must be open)."""
    return _product_move(actor=actor, product=product, move="publish")


@transaction.atomic
def product_unpublish(*, actor: User, product: Product) -> Product:
    """Take a product off the catalogue (back to draft); also restores an archived product as a draft."""
    return _product_move(actor=actor, product=product, move="unpublish")


@transaction.atomic
def product_archive(*, actor: User, product: Product) -> Product:
    """Retire a product for good from the shop's list; past orders keep pointing at it."""
    return _product_move(actor=actor, product=product, move="archive")


@transaction.atomic
def product_stock_adjust(*, actor: User, product: Product, delta, reason: str = "", variant=None) -> Product:
    """Add (harvest came in) or remove (spoiled, sold offline) stock of one option (`variant`: an id or an
    option; the product's only option on sale when not given), relative to what is there now.

    A conditional UPDATE: concurrent checkouts decrementing the same row are never overwritten, and stock never
    goes below zero. The product row is locked first, then the option (checkout's order), and the product's
    total follows in the same transaction.
    """
    shop = Shop.objects.get(pk=product.shop_id)
    _require_manage(actor, shop)
    product = _product_locked(product)
    option = variant_for(product, getattr(variant, "pk", variant))
    delta = _decimal(delta, field="delta")
    if delta == 0:
        raise ValidationFailed(fields={"delta": [_("Enter a quantity to add (or a negative one to remove).")]})
    if delta != delta.quantize(QUANTITY_PLACES) or abs(delta) >= Decimal("1e7"):
        raise ValidationFailed(fields={"delta": [_("At most three decimals, less than ten million.")]})
    updated = ProductVariant.objects.filter(pk=option.pk, stock__gte=-delta).update(
        stock=F("stock") + delta, updated_at=timezone.now()
    )
    if not updated:
        current = ProductVariant.objects.get(pk=option.pk).stock
        message = _("Only %(stock)s left: you cannot remove %(delta)s.") % {
            "stock": format_quantity(current, product.unit),
            "delta": format_quantity(-delta, product.unit),
        }
        raise ValidationFailed(message, fields={"delta": [message]})
    product_summary_write(product)
    product.refresh_from_db()
    return product


# --- photos


def _product_locked(product: Product) -> Product:
    return Product.objects.select_for_update().select_related("shop").get(pk=product.pk)


def _upload_allowance_take(actor: User) -> None:
    """Count one upload against the actor's hourly allowance (atomic in the shared cache); refuse beyond it."""
    limit = settings.SHOPS_PHOTO_UPLOADS_PER_HOUR
    key = f"photo-uploads:{actor.pk}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > limit:
        message = _("You have sent %(limit)s photos in the last hour: wait a while before sending more.") % {
            "limit": limit
        }
        raise RateLimited(message, fields={"image": [message]})


@transaction.atomic
def product_image_add(*, actor: User, product: Product, upload, count_allowance: bool = True) -> ProductImage:
    """Add a photo: its header checked, the original stored privately; the worker cleans it and makes thumbnails.

    Decoding is left to the worker (shops.photos): a web request never spends seconds of CPU on a large image.
    A spreadsheet import's photo zip (shops.imports) has limits of its own and passes count_allowance=False.
    """
    from shops.tasks import product_image_process as process_task

    _require_manage(actor, Shop.objects.get(pk=product.shop_id))
    if count_allowance:
        _upload_allowance_take(actor)
    checked = photo_check(upload)
    product = _product_locked(product)  # serialises concurrent uploads: the 9th photo is refused, not raced in
    if product.images.count() >= MAX_PHOTOS_PER_PRODUCT:
        message = _("A product has at most %(max)s photos: remove one first.") % {"max": MAX_PHOTOS_PER_PRODUCT}
        raise ValidationFailed(message, code="too_many_images", fields={"image": [message]})
    last = product.images.aggregate(last=Max("position"))["last"]
    image = ProductImage(product=product, position=0 if last is None else last + 1, status=ImageStatus.PROCESSING)
    try:
        image.original.save(checked.name, ContentFile(checked.data), save=False)
        image.save()
    except Exception:
        # The row could not be written: do not leave its file behind.
        if image.original.name:
            image.original.storage.delete(image.original.name)
        raise
    transaction.on_commit(lambda: process_task.delay(image.pk))
    return image


def product_image_process(*, image_id: int) -> ProductImage | None:
    """Clean a photo as uploaded (full decode, metadata dropped), store it and its 320 px and 960 px thumbnails
    in the public storage, drop the original, and mark it ready; a photo that cannot be decoded is marked failed.
    Safe to run twice."""
    with transaction.atomic():
        image = ProductImage.objects.select_for_update().filter(pk=image_id).first()
        if image is None or image.status != ImageStatus.PROCESSING:
            return image
        original = image.original.name
        try:
            if original:
                with image.original.open("rb") as source:
                    clean = photo_clean(source)
                image.image.save(clean.content.name, clean.content, save=False)
                image.width, image.height = clean.width, clean.height
                pixels = clean.content
            else:  # stored before photos were cleaned by the worker: the image is already clean
                image.image.open("rb")
                try:
                    pixels = ContentFile(image.image.read())
                finally:
                    image.image.close()
            for size_name, edge in THUMBNAIL_SIZES.items():
                pixels.seek(0)
                content = thumbnail_make(pixels, edge=edge, name=f"{image.pk}-{edge}.jpg")
                getattr(image, f"thumbnail_{size_name}").save(content.name, content, save=False)
            image.status = ImageStatus.READY
        except (ValidationFailed, OSError, ValueError):
            image.status = ImageStatus.FAILED
        image.original = ""
        image.save(
            update_fields=["original", "image", "width", "height", "thumbnail_small", "thumbnail_large", "status"]
        )
        if original:
            storage = ProductImage._meta.get_field("original").storage
            transaction.on_commit(lambda: storage.delete(original))
        return image


@transaction.atomic
def product_image_delete(*, actor: User, image: ProductImage) -> None:
    """Remove a photo and its files; the others keep their order."""
    product = _product_locked(image.product)
    _require_manage(actor, product.shop)
    image = ProductImage.objects.filter(pk=image.pk, product=product).first()
    if image is None:  # deleted by a concurrent request while this one waited for the product's lock
        raise NotFound(_("Not found."))
    files = [f for f in (image.original, image.image, image.thumbnail_small, image.thumbnail_large) if f]
    # The demo's village shops show one photo file per kind of lot: a file another photo uses stays.
    shared = (
        bool(image.image.name) and ProductImage.objects.exclude(pk=image.pk).filter(image=image.image.name).exists()
    )
    names = [] if shared else [(f.storage, f.name) for f in files]
    image.delete()
    _renumber(product)
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def _renumber(product: Product) -> None:
    for position, image in enumerate(product.images.order_by("position", "pk")):
        if image.position != position:
            ProductImage.objects.filter(pk=image.pk).update(position=position)


@transaction.atomic
def product_images_reorder(*, actor: User, product: Product, image_ids: list[int]) -> list[ProductImage]:
    """Put the product's photos in this order (every photo exactly once); the first is the cover."""
    product = _product_locked(product)
    _require_manage(actor, product.shop)
    current = list(product.images.order_by("position", "pk"))
    try:
        wanted = [int(pk) for pk in image_ids]
    except (TypeError, ValueError):
        raise ValidationFailed(fields={"order": [_("Give the photo ids in the new order.")]}) from None
    if sorted(wanted) != sorted(image.pk for image in current) or len(set(wanted)) != len(wanted):
        raise ValidationFailed(fields={"order": [_("List every photo of this product exactly once.")]})
    by_id = {image.pk: image for image in current}
    ordered = []
    for position, pk in enumerate(wanted):
        image = by_id[pk]
        image.position = position
        ordered.append(image)
    ProductImage.objects.bulk_update(ordered, ["position"])
    return ordered


@transaction.atomic
def product_image_move(*, actor: User, image: ProductImage, offset: int) -> list[ProductImage]:
    """Move one photo earlier (offset -1) or later (+1): the buttons of the edit page."""
    ids = list(image.product.images.order_by("position", "pk").values_list("pk", flat=True))
    if image.pk not in ids:  # deleted by a concurrent request since the page loaded it
        raise NotFound(_("Not found."))
    index = ids.index(image.pk)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    return product_images_reorder(actor=actor, product=image.product, image_ids=ids)


# --- search synonyms


@transaction.atomic
def search_synonyms_save(*, group: SearchSynonym) -> SearchSynonym:
    """Save a group of synonyms (two words or more); searches use it at once."""
    words = group.word_list
    if len(words) < 2:
        raise ValidationFailed(fields={"words": [_("Give at least two words for the same produce.")]})
    group.words = " ".join(dict.fromkeys(words))
    group.save()
    transaction.on_commit(search_synonyms_changed)
    return group


@transaction.atomic
def search_synonyms_delete(*, groups: Iterable[SearchSynonym]) -> None:
    SearchSynonym.objects.filter(pk__in=[group.pk for group in groups]).delete()
    transaction.on_commit(search_synonyms_changed)


def search_synonyms_changed() -> None:
    """Forget the cached synonym map (selectors.search_synonyms builds it again on the next search)."""
    cache.delete(SYNONYMS_CACHE_KEY)


def product_search_fields_refresh(*, chunk_size: int = 2_000) -> int:
    """Write every product's search fields again (search.product_search_fields), a chunk per transaction: after
    a change to how they are made (a new pypinyin dictionary, a new token), or rows written around the ORM.
    Returns how many products changed. Each chunk is short, so the catalogue stays writable meanwhile."""
    changed, last_pk = 0, 0
    while True:
        with transaction.atomic():
            chunk = list(
                Product.objects.filter(pk__gt=last_pk)
                .order_by("pk")
                .only("pk", "name", "description", "search_document", "search_words")[:chunk_size]
            )
            if not chunk:
                break
            stale = []
            for product in chunk:
                fields = search.product_search_fields(product.name, product.description)
                # PostgreSQL gives a tsvector back with its lexemes sorted: compared as sets of entries.
                if any(
                    sorted(getattr(product, field).split()) != sorted(value.split()) for field, value in fields.items()
                ):
                    for field, value in fields.items():
                        setattr(product, field, value)
                    stale.append(product)
            Product.objects.bulk_update(stale, ["search_document", "search_words"])
            changed += len(stale)
            last_pk = chunk[-1].pk
    if changed:
        catalogue_cache.changed()
    return changed
