"""Writes of the villages app: what a station operator does for the people of the village.

The operator of a village's station (or an admin) confirms that a villager really lives there, and lifts a
villager's login lockout; the operator registers a villager who has no account (a name, a number or
none). Anyone else, or a villager of another village, gets NotFound: the refusal tells nothing
about the person.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PhoneCodePurpose, Role, User
from accounts.services import (
    login_lockout_clear,
    phone_account,
    phone_code_send,
    phone_number_clean,
    username_new,
)
from core.audit import audit_record
from core.errors import DomainError, NotFound, NotPermitted, ValidationFailed
from core.sms import phone_normalise
from villages.models import Address, City, District, Province
from villages.selectors import address_get, station_for_operator, user_operates_village

logger = logging.getLogger(__name__)


def _resident_for(*, actor: User, villager_id: int, lock: bool = False) -> User:
    """The villager, if `actor` is an admin or the operator of the villager's (claimed) home village."""
    users = User.objects.select_for_update() if lock else User.objects.all()
    villager = users.filter(pk=villager_id, home_village__isnull=False).first()
    if villager is None or not (
        actor.is_admin or user_operates_village(user=actor, village_id=villager.home_village_id)
    ):
        raise NotFound(_("No such villager in your village."))
    return villager


@transaction.atomic
def resident_confirm(*, actor: User, villager_id: int) -> User:
    """Confirm that the villager lives in the home village they claimed (idempotent; kept in the audit log)."""
    villager = _resident_for(actor=actor, villager_id=villager_id, lock=True)
    if villager.home_village_confirmed_at is None:
        villager.home_village_confirmed_at = timezone.now()
        villager.home_village_confirmed_by = actor
        villager.save(update_fields=["home_village_confirmed_at", "home_village_confirmed_by"])
        audit_record(
            actor=actor,
            action="home_village_confirm",
            target=villager,
            summary=f"{villager.username}: home village {villager.home_village_id} confirmed",
            details={"village_id": villager.home_village_id},
        )
    return villager


@transaction.atomic
def resident_login_unlock(*, actor: User, villager_id: int) -> User:
    """Lift the villager's login lockout, from every address (kept in the audit log)."""
    villager = _resident_for(actor=actor, villager_id=villager_id)
    login_lockout_clear(user=villager)
    audit_record(
        actor=actor,
        action="login_unlock",
        target=villager,
        summary=f"{villager.username}: login lockout lifted",
        details={"village_id": villager.home_village_id},
    )
    return villager


@transaction.atomic
def resident_register(
    *, actor: User, first_name: str, last_name: str = "", phone: str = "", role: str = Role.BUYER, client_ip: str = ""
) -> User:
    """The station operator registers a villager in person: a name and a mobile number, or no number at all.

    The account has no password and its home village is the station's, confirmed (the operator sees them). With a
    number, a log-in code is texted to it: the villager confirms the number by logging in with it. With none,
    their text messages go to the station's phone (notifications). Kept in the audit log."""
    station = station_for_operator(user=actor)
    if station is None:
        raise NotPermitted(_("Only a station operator registers villagers, for their own village."))
    if role not in (Role.BUYER, Role.FARMER):
        raise ValidationFailed(_("Unknown role."), fields={"role": [_("Unknown role.")]})
    first_name, last_name = first_name.strip(), last_name.strip()
    if not (first_name or last_name):
        raise ValidationFailed(
            _("Enter the villager's name."), fields={"first_name": [_("Enter the villager's name.")]}
        )
    number = phone_number_clean(phone) if phone.strip() else ""
    if number and phone_account(number) is not None:
        raise ValidationFailed(
            _("This number already has an account: the villager logs in with it."),
            fields={"phone": [_("This number already has an account: the villager logs in with it.")]},
        )
    now = timezone.now()
    villager = User(
        username=username_new(),
        first_name=first_name[:150],
        last_name=last_name[:150],
        phone=number,
        role=role,
        home_village_id=station.village_id,
        home_village_confirmed_at=now,
        home_village_confirmed_by=actor,
        registered_by=actor,
    )
    villager.set_unusable_password()
    villager.save()
    audit_record(
        actor=actor,
        action="resident_register",
        target=villager,
        summary=f"{villager.username}: registered by the station" + (" with a phone" if number else ", no phone"),
        details={"village_id": station.village_id, "phone": bool(number)},
    )
    if number:
        transaction.on_commit(lambda: _invite(number=number, client_ip=client_ip))
    return villager


def _invite(*, number: str, client_ip: str) -> None:
    """Text the new villager a log-in code (a throttled or failed text is not the registration's failure: the
    villager asks for another code on the log-in page)."""
    try:
        phone_code_send(phone=number, purpose=PhoneCodePurpose.LOGIN, client_ip=client_ip or "station")
    except DomainError as error:
        logger.warning("no invitation code for a registered villager: %s", error.code)


# --- the address book: a user's saved ship-to addresses, one of them the default. Province, city and county
# come from the national divisions (City, District: villages/data/divisions/), each checked to lie in the one
# above; the recipient's phone is validated and stored in E.164 with phonenumbers.

ADDRESSES_PER_USER = 20


@dataclass(frozen=True)
class AddressInput:
    recipient_name: str
    recipient_phone: str
    province_id: int
    city_id: int
    district_id: int
    street: str
    is_default: bool = False


def _addresses_lock(user: User) -> None:
    """Serialise the writes of one user's address book on their user row: with no address yet, there is no
    address row to lock, and two first saves would both become the default."""
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()


def _validated(data: AddressInput) -> dict:
    errors: dict[str, list[str]] = {}
    name, street = data.recipient_name.strip(), data.street.strip()
    if not name:
        errors["recipient_name"] = [_("This field is required.")]
    if not street:
        errors["street"] = [_("This field is required.")]
    phone = phone_normalise(data.recipient_phone or "")
    if phone is None:
        errors["recipient_phone"] = [_("Enter a valid mobile number.")]
    province = Province.objects.filter(pk=data.province_id).first() if data.province_id else None
    city = City.objects.filter(pk=data.city_id).first() if data.city_id else None
    district = District.objects.filter(pk=data.district_id).first() if data.district_id else None
    if province is None:
        errors["province"] = [_("Choose a province.")]
    elif city is None or city.province_id != province.pk:
        errors["city"] = [_("Choose a city of this province.")]
    elif district is None or district.city_id != city.pk:
        errors["district"] = [_("Choose a county or district of this city.")]
    if errors:
        raise ValidationFailed(_("The address is incomplete."), fields=errors)
    return {
        "recipient_name": name[:100],
        "recipient_phone": phone,
        "province": province,
        "city": city,
        "district": district,
        "street": street[:255],
    }


@transaction.atomic
def address_save(*, user: User, data: AddressInput, address_id: int | None = None) -> Address:
    """Create (address_id None) or change one of the user's addresses. The first one, or one saved as default,
    becomes the default; the user's row is locked so two saves never leave two defaults or none."""
    fields = _validated(data)
    _addresses_lock(user)
    owned = list(Address.objects.filter(user=user).order_by("pk"))
    if address_id is None:
        if len(owned) >= ADDRESSES_PER_USER:
            raise ValidationFailed(_("At most %(count)d addresses: delete one first.") % {"count": ADDRESSES_PER_USER})
        address = Address(user=user)
    else:
        address = next((row for row in owned if str(row.pk) == str(address_id)), None)
        if address is None:
            raise NotFound(_("No such address."))
    make_default = data.is_default or not any(row.is_default for row in owned if row.pk != address.pk)
    if make_default:
        Address.objects.filter(user=user, is_default=True).exclude(pk=address.pk).update(is_default=False)
    for name, value in fields.items():
        setattr(address, name, value)
    address.is_default = make_default
    address.save()
    return address


@transaction.atomic
def address_default_set(*, user: User, address_id) -> Address:
    """Make one of the user's addresses the default."""
    _addresses_lock(user)
    address = address_get(user=user, address_id=address_id)
    Address.objects.filter(user=user, is_default=True).exclude(pk=address.pk).update(is_default=False)
    if not address.is_default:
        address.is_default = True
        address.save(update_fields=["is_default", "updated_at"])
    return address


@transaction.atomic
def address_delete(*, user: User, address_id) -> None:
    """Delete one of the user's addresses; if it was the default, the most recently used one left takes over."""
    _addresses_lock(user)
    address = address_get(user=user, address_id=address_id)
    was_default = address.is_default
    address.delete()
    if was_default:
        successor = Address.objects.filter(user=user).order_by("-updated_at", "-pk").first()
        if successor is not None:
            Address.objects.filter(pk=successor.pk).update(is_default=True)


def address_ship_to_fields(address: Address) -> dict:
    """What an order stores from a saved address (orders keep text, so later edits do not rewrite them)."""
    return {
        "recipient_name": address.recipient_name,
        "recipient_phone": address.recipient_phone,
        "province_id": address.province_id,
        "city": address.city_text,
        "county": address.district.name_zh,
        "address": address.street,
    }
