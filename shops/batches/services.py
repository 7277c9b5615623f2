"""Write use cases of traceability batches: record, add a photo (and clean it, in the worker), count a scan."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import Conflict, NotPermitted, ValidationFailed
from shops.batches.models import BatchPhoto, FarmerShown, ProduceBatch
from shops.models import Product
from shops.photos import photo_check, photo_clean, thumbnail_make
from shops.selectors import shop_can_manage

# No 0/O, 1/I/L: a code is also read aloud on the phone and typed from a label. 31 ** 10 ≈ 8 × 10^14 codes:
# guessing one of a few million batches takes hundreds of millions of requests.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
MAX_BATCH_PHOTOS = 4
BATCH_THUMBNAIL_EDGE = 320
QUANTITY_MAX = Decimal("1e7")


def batch_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def batch_code_normalise(code: str) -> str:
    """What a person typed from a label, in the codes' case, spaces and dashes dropped."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]


def _require_manage(actor: User, product: Product) -> None:
    if not shop_can_manage(user=actor, shop=product.shop):
        raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))


@transaction.atomic
def batch_record(
    *,
    actor: User,
    product: Product,
    harvested_on: datetime.date,
    quantity,
    place: str = "",
    notes: str = "",
    farmer_shown: str = FarmerShown.FAMILY,
) -> ProduceBatch:
    """Record a batch of a product (its manager: the farmer, the village's operator, an admin) under a new code."""
    product = Product.objects.select_related("shop").get(pk=product.pk)
    _require_manage(actor, product)
    errors: dict[str, list[str]] = {}
    if harvested_on is None:
        errors["harvested_on"] = [_("Give the harvest or production date.")]
    elif harvested_on > timezone.localdate():
        errors["harvested_on"] = [_("The production or harvest date cannot be in the future.")]
    try:
        quantity = Decimal(str(quantity))
        if not quantity.is_finite() or quantity <= 0 or quantity >= QUANTITY_MAX:
            raise ValueError
        if quantity != quantity.quantize(Decimal("0.001")):
            raise ValueError
    except (ArithmeticError, ValueError):
        errors["quantity"] = [_("Enter a quantity more than zero, with at most three decimals.")]
    if farmer_shown not in FarmerShown.values:
        errors["farmer_shown"] = [_("Choose what the buyer sees of you.")]
    if len(notes or "") > 1000:
        errors["notes"] = [_("At most 1,000 characters.")]
    if errors:
        raise ValidationFailed(_("Some batch details are not valid."), fields=errors)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return ProduceBatch.objects.create(
                    product=product,
                    code=batch_code_new(),
                    harvested_on=harvested_on,
                    quantity=quantity,
                    place=(place or "").strip()[:120],
                    notes=(notes or "").strip(),
                    farmer_shown=farmer_shown,
                    created_by=actor,
                )
        except IntegrityError:  # the same code drawn twice: draw again
            continue
    raise Conflict(_("Could not give the batch a unique code; try again."))


@transaction.atomic
def batch_photo_add(*, actor: User, batch: ProduceBatch, upload) -> BatchPhoto:
    """Add a photo to a batch: the header checked now (shops.photos.photo_check), cleaned by the worker."""
    from shops.services import _upload_allowance_take
    from shops.tasks import batch_photo_process

    batch = ProduceBatch.objects.select_for_update().select_related("product__shop").get(pk=batch.pk)
    _require_manage(actor, batch.product)
    _upload_allowance_take(actor)
    checked = photo_check(upload)
    if batch.photos.count() >= MAX_BATCH_PHOTOS:
        message = _("A batch has at most %(max)s photos.") % {"max": MAX_BATCH_PHOTOS}
        raise ValidationFailed(message, fields={"image": [message]})
    photo = BatchPhoto(batch=batch)
    photo.original.save(checked.name, ContentFile(checked.data), save=False)
    photo.save()
    transaction.on_commit(lambda: batch_photo_process.delay(photo.pk))
    return photo


def batch_photo_process(*, photo_id: int) -> BatchPhoto | None:
    """Clean the photo (full decode, metadata dropped) into a small public thumbnail; drop the original."""
    with transaction.atomic():
        photo = BatchPhoto.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None or photo.status != "processing":
            return photo
        original = photo.original.name
        try:
            with photo.original.open("rb") as source:
                clean = photo_clean(source)
            content = thumbnail_make(clean.content, edge=BATCH_THUMBNAIL_EDGE, name=f"{photo.pk}.jpg")
            photo.thumbnail.save(content.name, content, save=False)
            photo.status = "ready"
        except (ValidationFailed, OSError, ValueError):
            photo.status = "failed"
        photo.original = ""
        photo.save(update_fields=["original", "thumbnail", "status"])
        if original:
            storage = BatchPhoto._meta.get_field("original").storage
            transaction.on_commit(lambda: storage.delete(original))
        return photo


SCANS_PER_CLIENT = 3  # scans of one batch counted per client (address, IPv6 /64) per SCAN_WINDOW_SECONDS
SCAN_WINDOW_SECONDS = 3600


def batch_scan_count(*, batch_id: int, client: str = "") -> None:
    """One more scan: a single conditional UPDATE, no read, no lock held beyond the statement. With `client`,
    one client's scans of the batch count SCANS_PER_CLIENT times per window: a script reloading the page neither
    inflates the farmer's figure nor queues an UPDATE of the one row per request."""
    if client:
        key = f"trace-scans:{batch_id}:{client}"
        cache.add(key, 0, timeout=SCAN_WINDOW_SECONDS)
        try:
            seen = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=SCAN_WINDOW_SECONDS)
            seen = 1
        if seen > SCANS_PER_CLIENT:
            return
    ProduceBatch.objects.filter(pk=batch_id).update(scan_count=F("scan_count") + 1)
