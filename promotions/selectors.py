"""Coupon reads: what a buyer holds, what a shop offers, and the best valid combination for a checkout.

The combination is computed by a pure function (`coupon_plan`) over the buyer's usable claims and each shop's
goods subtotal, so that the quote, the checkout page, the API and the checkout itself agree to the cent.

Reading promotion offers: the live ones a buyer sees, the ones a farmer or station manages.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import UserDevice
from core.errors import Conflict, ValidationFailed
from core.money import format_yuan
from promotions.models import ClaimStatus, Coupon, CouponClaim, CouponScope, GroupBuyOffer
from shops.models import ProductStatus, ShopStatus
from shops.selectors import shops_managed_by

ZERO = Decimal("0.00")
# Two accounts seen on one device within this window count as one person for a coupon's limit (the same window
# as the trust rules of orders).
SHARED_DEVICE_WINDOW = datetime.timedelta(days=90)


def phone_key(phone: str) -> str:
    """The last 11 digits of a phone number, or "" when it has too few digits to identify anyone."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-11:] if len(digits) >= 7 else ""


def same_person_q(*, user) -> Q:
    """Claims held by this user or, by the anti-fraud rules, the same person: an account with the same phone
    number, or one seen on a device this user used lately."""
    condition = Q(user_id=user.pk)
    key = phone_key(getattr(user, "phone", ""))
    if key:
        condition |= Q(phone_key=key)
    since = timezone.now() - SHARED_DEVICE_WINDOW
    devices = UserDevice.objects.filter(user_id=user.pk, last_seen__gte=since).values("device")
    sharers = UserDevice.objects.filter(device__in=devices, last_seen__gte=since).values("user_id")
    return condition | Q(user_id__in=sharers)


def coupons_on_offer(
    *, shop_id: int | None = None, every_shop: bool = False, at: datetime.datetime | None = None
) -> QuerySet[Coupon]:
    """Coupons one may claim now: active, in their window, some left; a shop's, or the platform's (shop None),
    or all of them (`every_shop`). One query with the shop."""
    at = at or timezone.now()
    qs = Coupon.objects.filter(active=True, valid_from__lte=at, valid_until__gt=at)
    qs = qs.filter(claimed_count__lt=F("total_quantity"))
    if every_shop:
        return qs.select_related("shop").order_by("valid_until", "pk")
    if shop_id is None:
        return qs.filter(scope=CouponScope.PLATFORM).order_by("valid_until", "pk")
    return qs.filter(shop_id=shop_id).select_related("shop").order_by("valid_until", "pk")


def claims_of(*, user) -> QuerySet[CouponClaim]:
    """The buyer's coupons, newest first, with their coupon and shop (one query)."""
    return CouponClaim.objects.filter(user_id=user.pk).select_related("coupon__shop").order_by("-claimed_at", "-pk")


def claims_usable(*, user, shop_ids: Iterable[int], at: datetime.datetime | None = None) -> list[CouponClaim]:
    """The buyer's claims that could apply to a checkout of these shops now (one query)."""
    at = at or timezone.now()
    return list(
        CouponClaim.objects.filter(
            user_id=user.pk,
            status=ClaimStatus.AVAILABLE,
            coupon__active=True,
            coupon__valid_from__lte=at,
            coupon__valid_until__gt=at,
        )
        .filter(Q(coupon__scope=CouponScope.PLATFORM) | Q(coupon__shop_id__in=list(shop_ids)))
        .select_related("coupon")
        .order_by("pk")
    )


@dataclass(frozen=True)
class CouponPick:
    """One claim as it would apply: to which shop's goods (None: the whole checkout) and for how much."""

    claim_id: int
    coupon: Coupon
    shop_id: int | None
    discount: Decimal

    @property
    def funded_by(self) -> str:
        return self.coupon.scope

    @property
    def explanation(self) -> str:
        """ "满 99 减 10: −¥10"."""
        return f"{self.coupon.label}: −{format_yuan(self.discount)}"


@dataclass
class CouponPlan:
    """The coupons a checkout applies, and every other valid one the buyer might choose instead."""

    shop_picks: dict[int, CouponPick] = field(default_factory=dict)
    platform_pick: CouponPick | None = None
    options: dict[int | None, list[CouponPick]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def picks(self) -> list[CouponPick]:
        return [*self.shop_picks.values(), *([self.platform_pick] if self.platform_pick else [])]

    @property
    def claim_ids(self) -> list[int]:
        return sorted(pick.claim_id for pick in self.picks)

    @property
    def total_discount(self) -> Decimal:
        return sum((pick.discount for pick in self.picks), ZERO)


def _platform_pick(claim: CouponClaim, subtotals: dict[int, Decimal], shop_picks: dict[int, CouponPick], keep):
    """A platform coupon's threshold is read on the checkout's goods before shop coupons (so that the two choices
    are independent and the best combination is found greedily); it never takes more than what is left."""
    goods = sum(subtotals.values(), ZERO)
    left = goods - sum((pick.discount for pick in shop_picks.values()), ZERO) - keep * len(subtotals)
    return CouponPick(claim.pk, claim.coupon, None, max(ZERO, min(claim.coupon.discount_on(goods), left)))


def coupon_plan(
    *,
    claims: list[CouponClaim],
    subtotals: dict[int, Decimal],
    choice: list[int] | None = None,
    platform_allowed: bool = True,
    keep: Decimal = ZERO,
) -> CouponPlan:
    """The coupons for a checkout of `subtotals` (shop id -> goods): the best valid combination when `choice`
    is None, else exactly the claims chosen (an empty list: none), checked. At most one shop coupon per shop and
    one platform coupon per checkout. `platform_allowed` False (a self-purchase by the trust rules): no platform
    coupon is proposed, and one chosen is refused (409 `coupon_self_purchase`). Each shop's goods keep at least `keep`
    to pay (a payment of zero is no payment)."""
    plan = CouponPlan()
    for claim in claims:
        coupon = claim.coupon
        if coupon.scope == CouponScope.SHOP and coupon.shop_id in subtotals:
            discount = min(coupon.discount_on(subtotals[coupon.shop_id]), subtotals[coupon.shop_id] - keep)
            if discount > 0:
                plan.options.setdefault(coupon.shop_id, []).append(
                    CouponPick(claim.pk, coupon, coupon.shop_id, discount)
                )
    for options in plan.options.values():
        options.sort(key=lambda pick: (-pick.discount, pick.coupon.valid_until, pick.claim_id))
    platform_claims = [claim for claim in claims if claim.coupon.scope == CouponScope.PLATFORM]
    by_id = {claim.pk: claim for claim in claims}
    if choice is None:
        plan.shop_picks = {shop_id: options[0] for shop_id, options in plan.options.items()}
    else:
        chosen = list(dict.fromkeys(int(claim_id) for claim_id in choice))
        unknown = [claim_id for claim_id in chosen if claim_id not in by_id]
        if unknown:
            message = _("This coupon is not yours, already used or no longer valid.")
            raise ValidationFailed(message, code="coupon_unavailable", fields={"coupons": [message]})
        for claim_id in chosen:
            coupon = by_id[claim_id].coupon
            if coupon.scope != CouponScope.SHOP:
                continue
            pick = next((p for p in plan.options.get(coupon.shop_id, []) if p.claim_id == claim_id), None)
            if pick is None:
                message = _("%(coupon)s: the goods of this shop do not reach the minimum spend.") % {
                    "coupon": coupon.label
                }
                raise ValidationFailed(message, code="coupon_threshold", fields={"coupons": [message]})
            if coupon.shop_id in plan.shop_picks:
                message = _("One shop coupon per shop.")
                raise ValidationFailed(message, code="coupon_one_per_shop", fields={"coupons": [message]})
            plan.shop_picks[coupon.shop_id] = pick
    platform_options = sorted(
        (
            pick
            for pick in (_platform_pick(c, subtotals, plan.shop_picks, keep) for c in platform_claims)
            if pick.discount > 0
        ),
        key=lambda pick: (-pick.discount, pick.coupon.valid_until, pick.claim_id),
    )
    if platform_allowed:
        plan.options[None] = platform_options
    elif platform_options:
        plan.notes.append(_("Platform coupons do not apply to a purchase from your own household's shop."))
    if choice is None:
        plan.platform_pick = plan.options.get(None, [None])[0] if plan.options.get(None) else None
        return plan
    platform_chosen = [
        claim_id for claim_id in dict.fromkeys(map(int, choice)) if claim_id in {c.pk for c in platform_claims}
    ]
    if len(platform_chosen) > 1:
        message = _("One platform coupon per checkout.")
        raise ValidationFailed(message, code="coupon_one_platform", fields={"coupons": [message]})
    if platform_chosen:
        if not platform_allowed:
            raise Conflict(
                _("Platform coupons do not apply to a purchase from your own household's shop."),
                code="coupon_self_purchase",
            )
        pick = next((p for p in platform_options if p.claim_id == platform_chosen[0]), None)
        if pick is None:
            coupon = by_id[platform_chosen[0]].coupon
            message = _("%(coupon)s: this checkout does not reach the minimum spend.") % {"coupon": coupon.label}
            raise ValidationFailed(message, code="coupon_threshold", fields={"coupons": [message]})
        plan.platform_pick = pick
    return plan


def coupons_managed_by(*, user) -> QuerySet[Coupon]:
    """The coupons a user manages: their shops' (owners, members, the village's operator) and, for admins, every
    coupon, platform ones included. One query with the shop."""
    from shops.selectors import shops_managed_by

    if not user.is_authenticated:
        return Coupon.objects.none()
    qs = Coupon.objects.select_related("shop").order_by("-created_at", "-pk")
    if user.is_admin:
        return qs
    return qs.filter(shop__in=shops_managed_by(user=user))


def group_buy_offers_live(*, product_ids: Iterable[int] | None = None) -> QuerySet[GroupBuyOffer]:
    """Offers one may open a group on now: active, started, not ended, on a published product of an open shop."""
    now = timezone.now()
    offers = (
        GroupBuyOffer.objects.filter(
            is_active=True,
            starts_at__lte=now,
            variant__is_active=True,
            variant__product__status=ProductStatus.PUBLISHED,
            shop__status=ShopStatus.OPEN,
        )
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .select_related("variant__product", "shop")
        .order_by("group_price", "pk")
    )
    if product_ids is not None:
        offers = offers.filter(variant__product_id__in=list(product_ids))
    return offers


def group_buy_offers_managed(*, user) -> QuerySet[GroupBuyOffer]:
    """Every offer of the shops the user may manage, ended ones included (the farmer's offers list)."""
    return (
        GroupBuyOffer.objects.filter(shop__in=shops_managed_by(user=user))
        .select_related("variant__product", "shop")
        .order_by("-is_active", "-created_at", "-pk")
    )


def product_ids_with_group_buy(product_ids: Iterable[int]) -> set[int]:
    """Which of these products have a live group-buy offer (the catalogue cards' mark), in one query."""
    return set(group_buy_offers_live(product_ids=product_ids).values_list("variant__product_id", flat=True))
