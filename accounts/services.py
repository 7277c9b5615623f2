"""Write use cases for accounts: sign-up and the failed-login lockout."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core.audit import audit_record
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
    if home_village is not None:
        user.home_village = home_village
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


def _lock_keys(*, username: str, client_ip: str) -> list[str]:
    account = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return [f"login-failures:account:{account}", f"login-failures:client:{client_ip}"]


def login_allowed_check(*, username: str, client_ip: str) -> None:
    """Refuse a login attempt while the account or the client is locked out."""
    limit = settings.LOGIN_FAILURE_LIMIT
    for key in _lock_keys(username=username, client_ip=client_ip):
        if (cache.get(key) or 0) >= limit:
            minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
            raise LoginLocked(_("Too many failed logins. Try again in %(minutes)d minutes.") % {"minutes": minutes})


def login_failure_record(*, username: str, client_ip: str) -> None:
    """Count a failure for the account and for the client; the lock lasts LOGIN_LOCKOUT_SECONDS."""
    for key in _lock_keys(username=username, client_ip=client_ip):
        cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def login_success_reset(*, username: str) -> None:
    account_key = _lock_keys(username=username, client_ip="")[0]
    cache.delete(account_key)


def user_language_set(*, user: User, language: str) -> None:
    """Remember the interface language of a logged-in user."""
    if language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def client_ip_of(request) -> str:
    """The client's address; behind a proxy, trust only the address the proxy saw (last hop)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and not settings.DEBUG:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"
