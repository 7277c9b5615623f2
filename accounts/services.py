"""Write use cases for accounts: sign-up, the failed-login lockout and the way back from it."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User, UserDevice
from core.audit import audit_record, current_device
from core.errors import DomainError

SELF_SERVICE_ROLES = (Role.BUYER, Role.FARMER)


class LoginLocked(DomainError):
    status_code = 429
    default_code = "login_locked"
    default_detail = "Too many failed logins. Try again later."


@transaction.atomic
def user_sign_up(*, username: str, password: str, role: str, email: str = "", home_village=None) -> User:
    """Create a buyer or farmer account. Farmers must choose their home village."""
    if role not in SELF_SERVICE_ROLES:
        raise ValidationError({"role": _("You can sign up as a buyer or a farmer.")})
    if role == Role.FARMER and home_village is None:
        raise ValidationError({"home_village": _("A farmer must choose their home village.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("A user with that username already exists.")})
    user = User(username=username, email=email, role=role, home_village=home_village if role == Role.FARMER else None)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_role_set(*, actor: User, user: User, role: str, home_village=None) -> User:
    """Change a user's role (an admin's act, kept in the audit log with the previous role)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    previous = User.objects.select_for_update().values_list("role", flat=True).get(pk=user.pk)
    user.role = role
    if home_village is not None and home_village.pk != user.home_village_id:
        user.home_village = home_village
        user.home_village_confirmed_at = user.home_village_confirmed_by = None  # a new claim, to be confirmed
    user.full_clean()
    user.save()
    if previous != role:
        audit_record(
            actor=actor,
            action="role_change",
            target=user,
            summary=f"{user.username}: {previous} -> {role}",
            details={"from": previous, "to": role},
        )
    return user


# --- the failed-login lockout
#
# Every attempt is counted in the shared cache *before* the password is checked (an atomic INCR in Redis), and
# refused when a counter is past its limit: 30 concurrent guesses cannot all be checked. Three counters, each a
# window of LOGIN_LOCKOUT_SECONDS from its first attempt:
#   account and address   LOGIN_FAILURE_LIMIT (10): one attacker locks an account only from their own address;
#   account               LOGIN_ACCOUNT_FAILURE_LIMIT (30): guesses spread over many addresses;
#   address               LOGIN_ADDRESS_FAILURE_LIMIT (100): a spray over many accounts from one address, high
#                         enough that a village behind one shared address is not locked out by one of them.
# A success clears the account's counters and takes its own attempt back from the address. The owner of a locked
# account gets back in with a password reset; the station operator or an admin can clear it too
# (login_lockout_clear): the account's counters carry an epoch, and a new epoch starts them afresh.


@dataclass(frozen=True)
class LoginAttempt:
    account_key: str
    pair_key: str
    address_key: str


def _account_id(username: str) -> str:
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]


def _epoch_key(account: str) -> str:
    return f"login:epoch:{account}"


def _counter_keys(*, username: str, client_ip: str) -> LoginAttempt:
    account = _account_id(username)
    epoch = cache.get(_epoch_key(account)) or "0"
    return LoginAttempt(
        account_key=f"login:account:{account}:{epoch}",
        pair_key=f"login:pair:{account}:{epoch}:{client_ip}",
        address_key=f"login:address:{client_ip}",
    )


def _count(key: str) -> int:
    """Add one to a counter atomically; the counter lives LOGIN_LOCKOUT_SECONDS from its first attempt."""
    timeout = settings.LOGIN_LOCKOUT_SECONDS
    cache.add(key, 0, timeout=timeout)
    try:
        value = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 0, timeout=timeout)
        value = cache.incr(key)
    if value == 1:  # made by this call: make sure it expires (an INCR on a key gone meanwhile has no expiry)
        cache.touch(key, timeout)
    return value


def login_attempt_count(*, username: str, client_ip: str) -> LoginAttempt:
    """Count a login attempt, then refuse it (LoginLocked, 429) when any counter is past its limit."""
    attempt = _counter_keys(username=username, client_ip=client_ip)
    counts = (
        (_count(attempt.pair_key), settings.LOGIN_FAILURE_LIMIT),
        (_count(attempt.account_key), settings.LOGIN_ACCOUNT_FAILURE_LIMIT),
        (_count(attempt.address_key), settings.LOGIN_ADDRESS_FAILURE_LIMIT),
    )
    if any(count > limit for count, limit in counts):
        minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
        raise LoginLocked(_("Too many failed logins. Try again in %(minutes)d minutes.") % {"minutes": minutes})
    return attempt


def login_attempt_succeeded(attempt: LoginAttempt) -> None:
    """The password was right: the account starts afresh, and the address gets its attempt back."""
    cache.delete_many([attempt.account_key, attempt.pair_key])
    with contextlib.suppress(ValueError):  # the window ended meanwhile
        cache.decr(attempt.address_key)


def login_lockout_clear(*, user: User) -> None:
    """Start the account's failure counters afresh, from every address (a password reset, an operator, an admin)."""
    cache.set(_epoch_key(_account_id(user.username)), secrets.token_hex(8), timeout=settings.LOGIN_LOCKOUT_SECONDS)


def login_recent_failures(*, users) -> dict[int, int]:
    """Failed (or refused) logins of each account in the current window, by user id (two cache reads in all)."""
    users = list(users)
    accounts = {user.pk: _account_id(user.username) for user in users}
    epochs = cache.get_many([_epoch_key(account) for account in accounts.values()])
    keys = {pk: f"login:account:{account}:{epochs.get(_epoch_key(account)) or '0'}" for pk, account in accounts.items()}
    counts = cache.get_many(list(keys.values()))
    return {pk: int(counts.get(key) or 0) for pk, key in keys.items()}


def user_language_set(*, user: User, language: str) -> None:
    """Remember the interface language of a logged-in user."""
    if language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def client_ip_of(request) -> str:
    """The client's address: REMOTE_ADDR, which core.middleware.TrustedProxyMiddleware has set to the client a
    trusted proxy forwarded (forwarded headers from anyone else never count)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def device_seen(*, user: User) -> None:
    """Remember that the user acted from the current request's device (no request, nothing to remember)."""
    device = current_device.get()
    if not device or not getattr(user, "pk", None):
        return
    now = timezone.now()
    if UserDevice.objects.filter(user=user, device=device).update(last_seen=now):
        return
    with transaction.atomic():  # a savepoint: a concurrent first sighting is not an error
        UserDevice.objects.get_or_create(user=user, device=device, defaults={"last_seen": now})
