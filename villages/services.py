"""Writes of the villages app: what a station operator does for the people of the village.

The operator of a village's station (or an admin) confirms that a villager really lives there, and lifts a
villager's login lockout. Anyone else, or a villager of another village, gets NotFound: the refusal tells nothing
about the person.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import login_lockout_clear
from core.audit import audit_record
from core.errors import NotFound
from villages.selectors import user_operates_village


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
