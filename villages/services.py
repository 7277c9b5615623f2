"""Writes of the villages app: what a station operator does for the people of the village.

The operator of a village's station (or an admin) confirms that a villager really lives there, and lifts a
villager's login lockout; the operator registers a villager who has no account (a name, a number or
none). Anyone else, or a villager of another village, gets NotFound: the refusal tells nothing
about the person.
"""

from __future__ import annotations

import logging

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
from villages.selectors import station_for_operator, user_operates_village

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
