"""Reads for villages and stations: one query builder shared by pages and the API."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import NotFound
from villages.models import Address, City, County, District, Province, ServiceStation, Township, Village


def province_list() -> QuerySet[Province]:
    return Province.objects.annotate(county_count=Count("counties")).order_by("code")


def county_list() -> QuerySet[County]:
    return County.objects.select_related("province").annotate(township_count=Count("townships"))


def township_list() -> QuerySet[Township]:
    return Township.objects.select_related("county__province")


def village_list(*, search: str = "") -> QuerySet[Village]:
    """Villages with their whole address and station in one query (no N+1 on list pages)."""
    qs = Village.objects.select_related("township__county__province", "station__operator")
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(name_zh__icontains=search)
            | Q(township__name__icontains=search)
            | Q(township__county__name__icontains=search)
            | Q(township__county__name_zh__icontains=search)
        )
    return qs.order_by("name", "pk")


def station_list() -> QuerySet[ServiceStation]:
    return ServiceStation.objects.select_related("village__township__county__province", "operator").order_by(
        "village__name", "pk"
    )


def station_for_operator(*, user) -> ServiceStation | None:
    """The station this operator runs, or None."""
    if not user.is_authenticated or not user.is_operator:
        return None
    return station_list().filter(operator=user).first()


def operated_village_ids(*, user) -> set[int]:
    if not user.is_authenticated or not user.is_operator:
        return set()
    return set(ServiceStation.objects.filter(operator=user).values_list("village_id", flat=True))


def user_operates_village(*, user, village_id: int) -> bool:
    """True when the user is the operator of that village's station."""
    return village_id in operated_village_ids(user=user)


def village_residents(*, village_id: int) -> QuerySet[User]:
    """The active accounts whose home village this is: the people its station acts for."""
    return User.objects.filter(home_village_id=village_id, is_active=True).order_by("username", "pk")


def residents_managed_by(*, user) -> QuerySet[User]:
    """Villagers whose station this user runs (admins: everyone with a home village), with their village."""
    qs = User.objects.filter(home_village__isnull=False).select_related("home_village").order_by("username", "pk")
    if user.is_authenticated and user.is_admin:
        return qs
    return qs.filter(home_village_id__in=list(operated_village_ids(user=user)))


# --- the address book (writes in villages.services)


def address_list(*, user) -> QuerySet[Address]:
    """The user's addresses, the default first, with their places (one query)."""
    return Address.objects.filter(user=user).select_related("province", "city", "district")


def address_get(*, user, address_id) -> Address:
    """One of the user's own addresses (someone else's is not found)."""
    valid = str(address_id).isdigit() and len(str(address_id)) < 19
    address = address_list(user=user).filter(pk=address_id).first() if valid else None
    if address is None:
        raise NotFound(_("No such address."))
    return address


def address_default(*, user) -> Address | None:
    return address_list(user=user).filter(is_default=True).first()


def cities_of(*, province_id) -> QuerySet[City]:
    return City.objects.filter(province_id=province_id).order_by("code")


def districts_of(*, city_id) -> QuerySet[District]:
    return District.objects.filter(city_id=city_id).order_by("code")
