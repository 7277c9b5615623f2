"""Coupon writes: create (a shop's farmer or station operator; admins for the platform), claim, grant, end;
and taking and giving back claims, which orders calls from checkout and cancellation.

Write use cases of the promotion offers (pre-sales here; the buyer's side is in orders.services.presales).

Writing promotion offers: a farmer (or the village's station operator) opens and ends a group-buy offer.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import audit_record
from core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from core.money import money_bound_check, money_parse, quantize_yuan
from promotions.models import (
    ClaimSource,
    ClaimStatus,
    Coupon,
    CouponClaim,
    CouponKind,
    CouponScope,
    GroupBuyOffer,
    PreSale,
)
from promotions.selectors import phone_key, same_person_q
from shops import catalogue_cache
from shops.models import ProductVariant, Shop
from shops.selectors import shop_can_manage
from shops.services import _decimal, unit_price_check

MAX_QUANTITY = 1_000_000
MAX_PER_USER = 10


def _coupon_values_check(
    *, kind, threshold, amount_off, percent_off, cap, valid_from, valid_until, total_quantity, per_user_limit
) -> dict:
    errors: dict[str, list[str]] = {}
    values = {"kind": kind, "valid_from": valid_from, "valid_until": valid_until}
    if kind not in CouponKind.values:
        errors["kind"] = [_("Choose amount or percent.")]
    try:
        values["threshold"] = money_parse(threshold or "0", field="threshold", allow_zero=True)
    except ValidationFailed as error:
        errors.update(error.fields)
    if kind == CouponKind.AMOUNT:
        try:
            values["amount_off"] = money_parse(amount_off, field="amount_off")
        except ValidationFailed as error:
            errors.update(error.fields)
        values["percent_off"] = values["cap"] = None
        if "amount_off" in values and "threshold" in values and 0 < values["threshold"] < values["amount_off"]:
            errors["amount_off"] = [_("The amount off cannot exceed the minimum spend.")]
    elif kind == CouponKind.PERCENT:
        try:
            percent = Decimal(str(percent_off))
            if not percent.is_finite() or not (Decimal("0") < percent < Decimal("100")) or percent != round(percent, 2):
                raise ValueError
            values["percent_off"] = percent
        except (ValueError, ArithmeticError):
            errors["percent_off"] = [_("A percentage between 0 and 100.")]
        try:
            values["cap"] = money_parse(cap, field="cap")
        except ValidationFailed as error:
            errors.update(error.fields)
        values["amount_off"] = None
    if not isinstance(valid_from, datetime.datetime) or not isinstance(valid_until, datetime.datetime):
        errors["valid_until"] = [_("Give both dates.")]
    elif valid_until <= valid_from:
        errors["valid_until"] = [_("The end must come after the start.")]
    elif valid_until <= timezone.now():
        errors["valid_until"] = [_("The end is already past.")]
    try:
        values["total_quantity"] = int(total_quantity)
        if not 1 <= values["total_quantity"] <= MAX_QUANTITY:
            raise ValueError
    except (TypeError, ValueError):
        errors["total_quantity"] = [_("Between 1 and %(max)s.") % {"max": MAX_QUANTITY}]
    try:
        values["per_user_limit"] = int(per_user_limit)
        if not 1 <= values["per_user_limit"] <= MAX_PER_USER:
            raise ValueError
    except (TypeError, ValueError):
        errors["per_user_limit"] = [_("Between 1 and %(max)s.") % {"max": MAX_PER_USER}]
    if errors:
        raise ValidationFailed(_("Check the coupon."), code="coupon_invalid", fields=errors)
    return values


@transaction.atomic
def coupon_create(
    *,
    actor: User,
    shop_id: int | None,
    kind: str,
    threshold=Decimal("0"),
    amount_off=None,
    percent_off=None,
    cap=None,
    valid_from: datetime.datetime | None = None,
    valid_until: datetime.datetime | None = None,
    total_quantity: int = 100,
    per_user_limit: int = 1,
    name: str = "",
) -> Coupon:
    """A shop coupon (shop_id given: its owner, member, village operator or an admin) or a platform coupon
    (no shop: admins only, funded by the platform)."""
    if shop_id is None:
        if not actor.is_admin:
            raise NotPermitted(_("Only admins create platform coupons."))
        shop = None
    else:
        shop = Shop.objects.filter(pk=shop_id).first()
        if shop is None:
            raise ValidationFailed(_("No such shop."), fields={"shop": [_("No such shop.")]})
        if not shop_can_manage(user=actor, shop=shop):
            raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))
    values = _coupon_values_check(
        kind=kind,
        threshold=threshold,
        amount_off=amount_off,
        percent_off=percent_off,
        cap=cap,
        valid_from=valid_from or timezone.now(),
        valid_until=valid_until,
        total_quantity=total_quantity,
        per_user_limit=per_user_limit,
    )
    coupon = Coupon.objects.create(
        scope=CouponScope.SHOP if shop else CouponScope.PLATFORM,
        shop=shop,
        name=(name or "").strip()[:60],
        created_by=actor,
        **values,
    )
    audit_record(actor=actor, action="coupon.create", target=coupon, summary=f"{coupon.scope} coupon {coupon.pk}")
    return coupon


@transaction.atomic
def coupon_end(*, actor: User, coupon_id: int) -> Coupon:
    """Stop a coupon: no more claims, and claims not yet used no longer apply (used ones stay as they were)."""
    coupon = Coupon.objects.select_for_update(of=("self",)).select_related("shop").filter(pk=coupon_id).first()
    if coupon is None:
        raise NotFound(_("No such coupon."))
    coupon_manage_check(actor, coupon)
    coupon.active = False
    coupon.save(update_fields=["active"])
    audit_record(actor=actor, action="coupon.end", target=coupon, summary=f"ended coupon {coupon.pk}")
    return coupon


def coupon_manage_check(actor: User, coupon: Coupon) -> None:
    """May this user end or grant the coupon? Its shop's managers; admins for platform coupons (403 if not)."""
    allowed = actor.is_admin if coupon.shop_id is None else shop_can_manage(user=actor, shop=coupon.shop)
    if not allowed:
        raise NotPermitted(_("You do not manage this coupon."))


def _claim_add(*, coupon: Coupon, user: User, source: str) -> CouponClaim:
    """One more claim of a locked coupon for `user`, within its quantity and the per-person limit (the same
    person being this account and those sharing its phone or a recent device)."""
    if coupon.shop_id is not None and (
        coupon.shop.owner_id == user.pk or coupon.shop.members.filter(pk=user.pk).exists()
    ):
        raise Conflict(_("You cannot claim your own shop's coupon."), code="coupon_own_shop")
    held = CouponClaim.objects.filter(coupon=coupon).filter(same_person_q(user=user)).count()
    if held >= coupon.per_user_limit:
        raise Conflict(
            _("You already hold as many of this coupon as one person may (%(limit)s).")
            % {"limit": coupon.per_user_limit},
            code="coupon_limit",
        )
    if not Coupon.objects.filter(pk=coupon.pk, claimed_count__lt=F("total_quantity")).update(
        claimed_count=F("claimed_count") + 1
    ):
        raise Conflict(_("This coupon has all been claimed."), code="coupon_gone")
    return CouponClaim.objects.create(coupon=coupon, user=user, phone_key=phone_key(user.phone), source=source)


def _coupon_open_locked(coupon_id: int) -> Coupon:
    # The coupon row is locked for the whole claim: two accounts of one person claiming at once queue here, and
    # the second counts the first's claim.
    coupon = Coupon.objects.select_for_update().filter(pk=coupon_id).first()
    if coupon is None:
        raise NotFound(_("No such coupon."))
    now = timezone.now()
    if not coupon.active or not (coupon.valid_from <= now < coupon.valid_until):
        raise Conflict(_("This coupon is not on offer now."), code="coupon_not_on_offer")
    return coupon


@transaction.atomic
def coupon_claim(*, user: User, coupon_id: int) -> CouponClaim:
    """The buyer takes a coupon (shop page, product page, coupon centre)."""
    coupon = _coupon_open_locked(coupon_id)
    return _claim_add(coupon=coupon, user=user, source=ClaimSource.CLAIMED)


@transaction.atomic
def coupon_grant(*, admin: User, coupon_id: int, user_ids: Iterable[int]) -> list[CouponClaim]:
    """An admin (platform coupons) or the shop's manager (its coupons) grants one to each of these buyers; the
    same limits apply (a person over the limit is skipped, the grant goes on for the others)."""
    coupon = _coupon_open_locked(coupon_id)
    coupon_manage_check(admin, coupon)
    claims = []
    for user in User.objects.filter(pk__in=list(user_ids), is_active=True).order_by("pk"):
        try:
            claims.append(_claim_add(coupon=coupon, user=user, source=ClaimSource.GRANTED))
        except Conflict as error:
            if error.code == "coupon_gone":
                break
    audit_record(
        actor=admin, action="coupon.grant", target=coupon, summary=f"granted coupon {coupon.pk} to {len(claims)}"
    )
    return claims


def claims_take(*, user: User, claim_ids: list[int], checkout_id: uuid.UUID) -> None:
    """Mark these claims used by the checkout, each with a conditional UPDATE in pk order: of two concurrent
    checkouts using one claim, the second waits for the first, finds it used and fails (409, rolled back).
    Called inside the checkout's transaction."""
    # Only the claim's own columns in the WHERE: PostgreSQL re-checks them on the row version it locked, whereas
    # a condition on the coupon would become a subquery read from a stale snapshot (the coupon's validity was
    # checked by the plan, in this transaction).
    now = timezone.now()
    for claim_id in sorted(claim_ids):
        if not CouponClaim.objects.filter(pk=claim_id, user_id=user.pk, status=ClaimStatus.AVAILABLE).update(
            status=ClaimStatus.USED, checkout_id=checkout_id, used_at=now
        ):
            raise Conflict(_("A coupon was used meanwhile by another checkout. Please try again."), code="coupon_used")


def claims_give_back(*, claim_ids: Iterable[int]) -> int:
    """Make used claims available again (their orders were all cancelled unpaid); idempotent."""
    return CouponClaim.objects.filter(pk__in=list(claim_ids), status=ClaimStatus.USED).update(
        status=ClaimStatus.AVAILABLE, checkout_id=None, used_at=None
    )


BALANCE_DAYS_MAX = 30
QUANTITY_PLACES = Decimal("0.001")


def _date(value, *, field: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationFailed(fields={field: [_("Enter a date such as 2026-09-15.")]}) from None


@transaction.atomic
def presale_open(
    *,
    actor,
    variant_id: int,
    quantity_offered,
    deposit_per_unit,
    final_price_per_unit,
    harvest_from,
    harvest_to,
    ship_by,
    terms: str,
    balance_days: int = 7,
) -> PreSale:
    """A farmer (or their station, or an admin) offers the coming harvest of one product option. Every field is
    checked and the errors are reported together; nothing is written unless all pass."""
    variant = ProductVariant.objects.select_related("product__shop").filter(pk=variant_id).first()
    if variant is None:
        raise NotFound(_("No such product option."))
    product = variant.product
    if not shop_can_manage(user=actor, shop=product.shop):
        raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))
    errors: dict[str, list[str]] = {}
    values: dict = {}
    for field, raw in (("deposit_per_unit", deposit_per_unit), ("final_price_per_unit", final_price_per_unit)):
        try:
            values[field] = money_parse(raw, field=field)
        except ValidationFailed as error:
            errors.update(error.fields or {})
    try:
        quantity = _decimal(quantity_offered, field="quantity_offered")
        if quantity <= 0 or quantity != quantity.quantize(QUANTITY_PLACES):
            errors["quantity_offered"] = [_("Enter more than 0, with at most three decimals.")]
        elif quantity % variant.order_step != 0:
            errors["quantity_offered"] = [_("Offer a multiple of the option's order step.")]
        values["quantity_offered"] = quantity
    except ValidationFailed as error:
        errors.update(error.fields or {})
    for field, raw in (("harvest_from", harvest_from), ("harvest_to", harvest_to), ("ship_by", ship_by)):
        try:
            values[field] = _date(raw, field=field)
        except ValidationFailed as error:
            errors.update(error.fields or {})
    try:
        days = int(balance_days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= BALANCE_DAYS_MAX:
        errors["balance_days"] = [_("Between 1 and %(max)s days.") % {"max": BALANCE_DAYS_MAX}]
    terms = (terms or "").strip()
    if len(terms) < 10:
        errors["terms"] = [_("Say what happens to the deposit if the balance is not paid (at least 10 characters).")]
    deposit, price = values.get("deposit_per_unit"), values.get("final_price_per_unit")
    if deposit is not None and price is not None and deposit > price:
        errors["deposit_per_unit"] = [_("The deposit cannot be more than the final price.")]
    if price is not None and "final_price_per_unit" not in errors:
        try:
            unit_price_check(unit=product.unit, price=price, field="final_price_per_unit")
        except ValidationFailed as error:
            errors.update(error.fields or {})
    start, end, ship = values.get("harvest_from"), values.get("harvest_to"), values.get("ship_by")
    today = timezone.localdate()
    if start and start < today:
        errors["harvest_from"] = [_("The harvest cannot start in the past.")]
    if start and end and end < start:
        errors["harvest_to"] = [_("The harvest window ends after it starts.")]
    if end and ship and ship < end:
        errors["ship_by"] = [_("The last shipping date is on or after the end of the harvest.")]
    if errors:
        raise ValidationFailed(_("The pre-sale could not be opened."), fields=errors)
    transaction.on_commit(presale_marks_changed)
    return PreSale.objects.create(
        product=product,
        variant=variant,
        balance_days=days,
        terms=terms[:4000],
        created_by=actor,
        **values,
    )


def presale_marks_changed() -> None:
    """The catalogue's pre-sale marks are cached (a minute, and in its drawn pages): drop them when a pre-sale
    opens or closes."""
    from django.core.cache import cache

    from promotions.templatetags.presale_tags import OPEN_PRODUCTS_KEY
    from shops import catalogue_cache

    cache.delete(OPEN_PRODUCTS_KEY)
    catalogue_cache.changed()  # the catalogue's drawn pages carry the marks


GROUP_SIZE_MAX = 50
FILL_HOURS_MAX = 24 * 7


def _require_manage(actor, shop) -> None:
    if not shop_can_manage(user=actor, shop=shop):
        raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))


def _number(value, *, field: str, places: str = "0.001") -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationFailed(_("Enter a number."), fields={field: [_("Enter a number.")]}) from None
    if not number.is_finite():
        raise ValidationFailed(_("Enter a number."), fields={field: [_("Enter a number.")]})
    return number


def _whole(value, *, field: str, low: int, high: int, errors: dict) -> int:
    """A whole number within bounds, or an error for the field (collected with the others)."""
    try:
        number = int(str(value).strip())
    except (ValueError, TypeError):
        number = None
    if number is None or not low <= number <= high:
        errors[field] = [_("A whole number from %(low)s to %(high)s.") % {"low": low, "high": high}]
        return low
    return number


@transaction.atomic
def group_buy_offer_create(
    *,
    actor,
    variant_id: int,
    group_price,
    group_size,
    fill_hours=24,
    quantity=Decimal("1"),
    max_groups=None,
    max_quantity=None,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
) -> GroupBuyOffer:
    """Offer a group price on one of the shop's options: below the option's price, for groups of 2 to 50 buyers,
    filled within 1 hour to 7 days; optionally at most so many groups or so much stock in all."""
    variant = ProductVariant.objects.select_related("product__shop").filter(pk=variant_id).first()
    if variant is None:
        raise ValidationFailed(_("Unknown option."), fields={"variant": [_("Unknown option.")]})
    shop = variant.product.shop
    _require_manage(actor, shop)
    errors: dict[str, list[str]] = {}
    price = quantize_yuan(_number(group_price, field="group_price"))
    money_bound_check(price, field="group_price")
    if price <= 0:
        errors["group_price"] = [_("More than zero.")]
    elif price >= variant.unit_price:
        errors["group_price"] = [
            _("Below the option's price (¥%(price)s): otherwise nobody gains by forming a group.")
            % {"price": variant.unit_price}
        ]
    size = _whole(group_size, field="group_size", low=2, high=GROUP_SIZE_MAX, errors=errors)
    hours = _whole(fill_hours, field="fill_hours", low=1, high=FILL_HOURS_MAX, errors=errors)
    amount = _number(quantity, field="quantity")
    if amount <= 0 or amount != amount.quantize(Decimal("0.001")):
        errors["quantity"] = [_("More than zero, at most three decimals.")]
    groups = (
        None if max_groups in (None, "") else _whole(max_groups, field="max_groups", low=1, high=10**6, errors=errors)
    )
    stock = None
    if max_quantity not in (None, ""):
        stock = _number(max_quantity, field="max_quantity")
        if stock <= 0 or stock != stock.quantize(Decimal("0.001")) or stock > Decimal("999999999"):
            errors["max_quantity"] = [_("More than zero, at most three decimals.")]
    starts_at = starts_at or timezone.now()
    if ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = [_("After the start.")]
    if errors:
        raise ValidationFailed(_("Check the offer."), fields=errors)
    catalogue_cache.changed_after_commit()  # the catalogue's cards mark products with a group buy
    return GroupBuyOffer.objects.create(
        shop=shop,
        variant=variant,
        group_price=price,
        group_size=size,
        fill_hours=hours,
        quantity=amount,
        max_groups=groups,
        max_quantity=stock,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor,
    )


@transaction.atomic
def group_buy_offer_end(*, actor, offer_id: int) -> GroupBuyOffer:
    """Stop opening new groups on this offer; groups already open run to their deadline."""
    offer = GroupBuyOffer.objects.select_for_update(of=("self",)).select_related("shop").filter(pk=offer_id).first()
    if offer is None:
        raise NotFound(_("No such offer."))
    _require_manage(actor, offer.shop)
    if offer.is_active:
        offer.is_active = False
        offer.save(update_fields=["is_active"])
        catalogue_cache.changed_after_commit()
    return offer
