"""Assisted purchases: the station buys for a villager, who collects with a single-use code."""

from __future__ import annotations

import hmac
import secrets
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.money import money_bound_check, money_parse, quantize_yuan
from orders.models import (
    ASSISTED_TRANSITIONS,
    AssistedPurchase,
    AssistedStatus,
)
from orders.services.checkout import line_name, quantity_check
from orders.services.notices import parcel_arrived_notify
from shops.models import Product
from shops.services import variant_for
from villages.models import ServiceStation
from villages.selectors import village_residents

PICKUP_MAX_FAILURES = 5
PICKUP_LOCKOUT_SECONDS = 15 * 60
# A lockout that lifts every 15 minutes still lets a counter guess all day, on every parcel at once: a parcel takes
# PICKUP_MAX_FAILURES_PER_DAY wrong codes a day, a station PICKUP_FAILURES_PER_STATION an hour over all its parcels.
PICKUP_MAX_FAILURES_PER_DAY = 10
PICKUP_FAILURES_PER_STATION = 20
PICKUP_STATION_WINDOW_SECONDS = 3600


class TooManyAttempts(DomainError):
    status_code = 429
    default_code = "too_many_attempts"
    default_detail = "Too many wrong attempts; try again later."


def _pickup_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _pickup_failure_keys(parcel_key: str, station_id: int) -> tuple[tuple[str, int, int], ...]:
    """(cache key, window seconds, ceiling) of the wrong codes counted against a parcel and its station."""
    return (
        (parcel_key, PICKUP_LOCKOUT_SECONDS, PICKUP_MAX_FAILURES),
        (f"{parcel_key}:day", 24 * 3600, PICKUP_MAX_FAILURES_PER_DAY),
        (f"orders:pickup-failures:station:{station_id}", PICKUP_STATION_WINDOW_SECONDS, PICKUP_FAILURES_PER_STATION),
    )


def pickup_guess_check(*, parcel_key: str, station_id: int) -> None:
    """TooManyAttempts (429) when the parcel or its station is past a ceiling of wrong pickup codes."""
    (parcel, *wider) = _pickup_failure_keys(parcel_key, station_id)
    if cache.get(parcel[0], 0) >= parcel[2]:
        raise TooManyAttempts(_("Too many wrong codes for this parcel: try again in 15 minutes."))
    if any(cache.get(key, 0) >= ceiling for key, _window, ceiling in wider):
        raise TooManyAttempts(_("Too many wrong pickup codes at this station: try again later."))


def pickup_guess_failed(*, parcel_key: str, station_id: int) -> None:
    """Count a wrong pickup code (in the cache, not the row: a wrong code changes nothing of the parcel)."""
    for key, window, _ceiling in _pickup_failure_keys(parcel_key, station_id):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)


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
    variant_id: int | None = None,
    quantity: Decimal = Decimal("1"),
    description: str = "",
    link: str = "",
    price: Decimal | None = None,
    deposit: Decimal = Decimal("0"),
) -> AssistedPurchase:
    """The operator records a villager's request: a Taocun product (priced from the catalogue: the option named,
    or its only option) or an outside item described with a link and a price; the deposit the villager paid is
    kept."""
    station = ServiceStation.objects.filter(pk=station_id).first()
    if station is None:
        raise NotFound(_("No such station."))
    _check_operator(operator, station)
    # One answer for an unknown id and for anyone living elsewhere: the refusal tells nothing about them.
    villager = village_residents(village_id=station.village_id).filter(pk=villager_id).first()
    if villager is None:
        message = _("Choose a villager of the station's village.")
        raise ValidationFailed(message, fields={"villager": [message]})
    quantity = Decimal(quantity)
    deposit = money_parse(deposit or Decimal("0"), field="deposit", allow_zero=True)
    if product_id:
        product = Product.objects.select_related("shop").prefetch_related("variants").filter(pk=product_id).first()
        if product is None:
            raise ValidationFailed(_("Unknown product."), fields={"product": [_("Unknown product.")]})
        variant = variant_for(product, variant_id)
        variant.product = product
        quantity_check(variant, quantity)
        description, price = line_name(variant), quantize_yuan(variant.unit_price * quantity)
        money_bound_check(price, field="quantity")
    else:
        product = variant = None
        if quantity <= 0:
            raise ValidationFailed(_("The quantity must be more than zero."), fields={"quantity": [_("Must be > 0.")]})
        if not (description or "").strip():
            raise ValidationFailed(_("Describe the item."), fields={"description": [_("This field is required.")]})
        if price is None:
            raise ValidationFailed(_("Give the item's price."), fields={"price": [_("Must be > 0.")]})
        price = money_parse(price, field="price")
    if deposit < 0 or deposit > price:
        raise ValidationFailed(_("The deposit is between 0 and the price."), fields={"deposit": [_("0 to the price.")]})
    return AssistedPurchase.objects.create(
        station=station,
        villager=villager,
        product=product,
        variant=variant,
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
    parcel_arrived_notify(purchase)
    return purchase


@transaction.atomic
def assisted_collect(*, purchase_id: int, operator, code: str) -> AssistedPurchase:
    """The villager collects with the code (single use). A wrong code is refused and nothing changes."""
    purchase = _assisted_move(purchase_id, AssistedStatus.COLLECTED, operator=operator)
    failures_key = f"orders:pickup-failures:{purchase.pk}"
    pickup_guess_check(parcel_key=failures_key, station_id=purchase.station_id)
    code = (code or "").strip()
    if not purchase.pickup_code or not hmac.compare_digest(code, purchase.pickup_code):
        pickup_guess_failed(parcel_key=failures_key, station_id=purchase.station_id)
        raise ValidationFailed(_("Wrong pickup code."), code="wrong_code", fields={"code": [_("Wrong pickup code.")]})
    purchase.save(update_fields=["status", "collected_at"])
    return purchase


@transaction.atomic
def assisted_cancel(*, purchase_id: int, operator) -> AssistedPurchase:
    """The operator cancels a request not yet arrived."""
    purchase = _assisted_move(purchase_id, AssistedStatus.CANCELLED, operator=operator)
    purchase.save(update_fields=["status", "cancelled_at"])
    return purchase
