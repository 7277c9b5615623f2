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
from django.db.models import F, Max
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
    publish: bool = False,
) -> Product:
    """List a product in a shop, as a draft (or published at once). Records who listed it."""
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
        }
    )
    _step_rule_check(order_step=values["order_step"], order_minimum=values["order_minimum"])
    unit_price_check(unit=values["unit"], price=values["unit_price"])
    if publish and shop.status != ShopStatus.OPEN:
        raise Conflict(_("This shop is not open: its products cannot be published."))
    return Product.objects.create(
        shop=shop,
        listed_by=actor,
        status=ProductStatus.PUBLISHED if publish else ProductStatus.DRAFT,
        **values,
    )


@transaction.atomic
def product_update(*, actor: User, product: Product, **changes) -> Product:
    """Change a product's details (not its stock: see product_stock_adjust). Only the given fields change."""
    unknown = sorted(set(changes) - set(PRODUCT_EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed(fields={field: [_("This field cannot be changed here.")] for field in unknown})
    product = Product.objects.select_for_update().select_related("shop").get(pk=product.pk)
    _require_manage(actor, product.shop)
    if product.status == ProductStatus.ARCHIVED:
        raise InvalidTransition(_("This product is archived: restore it as a draft before editing."))
    values = _product_values_check(changes)
    _step_rule_check(
        order_step=values.get("order_step", product.order_step),
        order_minimum=values.get("order_minimum", product.order_minimum),
    )
    if "unit" in values or "unit_price" in values:
        unit_price_check(unit=values.get("unit", product.unit), price=values.get("unit_price", product.unit_price))
    for field, value in values.items():
        setattr(product, field, value)
    product.save(update_fields=[*values, "updated_at"])
    return product


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
def product_stock_adjust(*, actor: User, product: Product, delta, reason: str = "") -> Product:
    """Add (harvest came in) or remove (spoiled, sold offline) stock, relative to what is there now.

    One conditional UPDATE: concurrent checkouts decrementing the same row are never overwritten, and
    stock never goes below zero.
    """
    shop = Shop.objects.get(pk=product.shop_id)
    _require_manage(actor, shop)
    delta = _decimal(delta, field="delta")
    if delta == 0:
        raise ValidationFailed(fields={"delta": [_("Enter a quantity to add (or a negative one to remove).")]})
    if delta != delta.quantize(QUANTITY_PLACES) or abs(delta) >= Decimal("1e7"):
        raise ValidationFailed(fields={"delta": [_("At most three decimals, less than ten million.")]})
    updated = Product.objects.filter(pk=product.pk, stock__gte=-delta).update(
        stock=F("stock") + delta, updated_at=timezone.now()
    )
    if not updated:
        current = Product.objects.get(pk=product.pk).stock
        message = _("Only %(stock)s left: you cannot remove %(delta)s.") % {
            "stock": format_quantity(current, product.unit),
            "delta": format_quantity(-delta, product.unit),
        }
        raise ValidationFailed(message, fields={"delta": [message]})
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
def product_image_add(*, actor: User, product: Product, upload) -> ProductImage:
    """Add a photo: its header checked, the original stored privately; the worker cleans it and makes thumbnails.

    Decoding is left to the worker (shops.photos): a web request never spends seconds of CPU on a large image.
    """
    from shops.tasks import product_image_process as process_task

    _require_manage(actor, Shop.objects.get(pk=product.shop_id))
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
