"""Review use cases (writes) and the rating counters they keep.

A review is recorded by orders.services.review_post once it has checked the purchase (the author's own line of a
completed order); this module only knows products, shops and users. Every write that changes what counts in an
average (a new review, a hidden one, a held order cleared) recomputes the product's and the shop's
`rating_average` / `rating_count` in the same transaction, under the shop row lock, so the catalogue reads them
as columns and never aggregates per page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from shops.models import ImageStatus, Product, Review, ReviewPhoto, Shop
from shops.photos import THUMBNAIL_SIZES, photo_check, photo_clean, thumbnail_make

MAX_PHOTOS_PER_REVIEW = 3
MAX_REVIEW_TEXT = 1000

_VISIBLE = Q(hidden=False, counts=True)


def _rating_clean(rating) -> int:
    try:
        value = int(str(rating).strip())
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5 or str(rating).strip() not in {str(n) for n in range(1, 6)}:
        message = _("Give 1 to 5 stars.")
        raise ValidationFailed(message, fields={"rating": [message]})
    return value


def rating_refresh(*, shop_id: int, product_ids: Iterable[int]) -> None:
    """Recompute the averages of these products and of their shop from the reviews that count (caller holds the
    shop row lock). Two queries per product plus two for the shop: a review touches one product."""
    for product_id in set(product_ids):
        figures = Review.objects.filter(_VISIBLE, product_id=product_id).aggregate(avg=Avg("rating"), n=Count("pk"))
        Product.objects.filter(pk=product_id).update(
            rating_average=round(figures["avg"] or 0, 2), rating_count=figures["n"]
        )
    figures = Review.objects.filter(_VISIBLE, shop_id=shop_id).aggregate(avg=Avg("rating"), n=Count("pk"))
    Shop.objects.filter(pk=shop_id).update(rating_average=round(figures["avg"] or 0, 2), rating_count=figures["n"])


def _lock_shop(shop_id: int) -> Shop:
    return Shop.objects.select_for_update().get(pk=shop_id)


@transaction.atomic
def review_record(
    *,
    author,
    product_id: int,
    order_line_id: int,
    rating,
    text: str = "",
    anonymous: bool = False,
    counts: bool = True,
    uploads: Iterable = (),
) -> Review:
    """Record a buyer's review of a purchased line (called by orders.services.review_post, which checked the
    purchase). One review per line: a second one, concurrent or not, is a 409. Photos go through the product
    photo pipeline (header checked here, cleaned by the worker)."""
    from shops.tasks import review_photo_process

    rating = _rating_clean(rating)
    text = (text or "").strip()
    if len(text) > MAX_REVIEW_TEXT:
        message = _("At most %(max)d characters.") % {"max": MAX_REVIEW_TEXT}
        raise ValidationFailed(message, fields={"text": [message]})
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_PHOTOS_PER_REVIEW:
        message = _("At most %(max)d photos.") % {"max": MAX_PHOTOS_PER_REVIEW}
        raise ValidationFailed(message, fields={"photos": [message]})
    checked = [photo_check(upload) for upload in uploads]
    product = Product.objects.filter(pk=product_id).only("pk", "shop_id").first()
    if product is None:
        raise NotFound(_("No such product."))
    _lock_shop(product.shop_id)
    try:
        with transaction.atomic():
            review = Review.objects.create(
                product_id=product.pk,
                shop_id=product.shop_id,
                author=author,
                order_line_id=order_line_id,
                rating=rating,
                text=text,
                anonymous=bool(anonymous),
                has_photos=bool(checked),
                counts=counts,
            )
    except IntegrityError:
        raise Conflict(_("This purchase is already reviewed."), code="already_reviewed") from None
    photos = []
    for photo in checked:
        row = ReviewPhoto(review=review)
        row.original.save(photo.name, ContentFile(photo.data), save=False)
        row.save()
        photos.append(row)
    rating_refresh(shop_id=product.shop_id, product_ids=[product.pk])
    for row in photos:
        transaction.on_commit(lambda pk=row.pk: review_photo_process.delay(pk))
    return review


def review_photo_process(*, photo_id: int) -> ReviewPhoto | None:
    """Clean a review photo (full decode, metadata dropped) and make its 320 px thumbnail; safe to run twice."""
    with transaction.atomic():
        photo = ReviewPhoto.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None or photo.status != ImageStatus.PROCESSING:
            return photo
        original = photo.original.name
        try:
            with photo.original.open("rb") as source:
                clean = photo_clean(source)
            photo.image.save(clean.content.name, clean.content, save=False)
            clean.content.seek(0)
            edge = THUMBNAIL_SIZES["small"]
            thumb = thumbnail_make(clean.content, edge=edge, name=f"r{photo.pk}-{edge}.jpg")
            photo.thumbnail_small.save(thumb.name, thumb, save=False)
            photo.status = ImageStatus.READY
        except (ValidationFailed, OSError, ValueError):
            photo.status = ImageStatus.FAILED
        photo.original = ""
        photo.save(update_fields=["original", "image", "thumbnail_small", "status"])
        if original:
            storage = ReviewPhoto._meta.get_field("original").storage
            transaction.on_commit(lambda: storage.delete(original))
        return photo


def _review_locked(review_id: int) -> Review:
    shop_id = Review.objects.filter(pk=review_id).values_list("shop_id", flat=True).first()
    if shop_id is None:
        raise NotFound(_("No such review."))
    _lock_shop(shop_id)
    return Review.objects.select_for_update().get(pk=review_id)


@transaction.atomic
def review_reply(*, seller, review_id: int, text: str) -> Review:
    """The shop's owner answers a review, once."""
    review = _review_locked(review_id)
    if review.shop.owner_id != seller.pk:
        raise NotPermitted(_("Only the shop's owner answers its reviews."))
    text = (text or "").strip()
    if not text or len(text) > MAX_REVIEW_TEXT:
        message = _("Write an answer of at most %(max)d characters.") % {"max": MAX_REVIEW_TEXT}
        raise ValidationFailed(message, fields={"text": [message]})
    if review.reply:
        raise Conflict(_("This review is already answered."), code="already_answered")
    review.reply = text
    review.replied_at = timezone.now()
    review.save(update_fields=["reply", "replied_at"])
    return review


@transaction.atomic
def review_hide(*, admin, review_id: int, reason: str) -> Review:
    """An admin hides an abusive review, with a reason kept in the audit log; it leaves pages and averages."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins hide reviews."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Give a reason."), fields={"reason": [_("Give a reason.")]})
    review = _review_locked(review_id)
    if review.hidden:
        return review
    review.hidden, review.hidden_reason = True, reason[:255]
    review.hidden_by, review.hidden_at = admin, timezone.now()
    review.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
    rating_refresh(shop_id=review.shop_id, product_ids=[review.product_id])
    audit_record(
        actor=admin,
        action="review_hide",
        target=review,
        summary=f"review {review.pk} hidden",
        details={"reason": review.hidden_reason, "product_id": review.product_id},
    )
    return review


@transaction.atomic
def reviews_count_set(*, order_line_ids: Iterable[int], counts: bool) -> int:
    """The orders app cleared (or confirmed as fraud) a held order: its reviews now count (or not) in averages."""
    rows = list(
        Review.objects.filter(order_line_id__in=list(order_line_ids))
        .exclude(counts=counts)
        .values_list("pk", "shop_id", "product_id")
    )
    for shop_id in sorted({shop_id for _pk, shop_id, _product in rows}):
        _lock_shop(shop_id)
    Review.objects.filter(pk__in=[pk for pk, _shop, _product in rows]).update(counts=counts)
    for shop_id in {shop_id for _pk, shop_id, _product in rows}:
        rating_refresh(shop_id=shop_id, product_ids=[p for _pk, s, p in rows if s == shop_id])
    return len(rows)
