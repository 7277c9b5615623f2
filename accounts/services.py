"""Write use cases for accounts: sign-up, the failed-login lockout and the way back from it, log-in by SMS code."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import ipaddress
import logging
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import PhoneCode, PhoneCodePurpose, Role, User, UserDevice
from core.audit import audit_record, current_device
from core.errors import DomainError, ValidationFailed
from core.sms import SmsError, phone_normalise, phone_region, sms_provider

logger = logging.getLogger(__name__)

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
        pair_key=f"login:pair:{account}:{epoch}:{client_key(client_ip)}",
        address_key=f"login:address:{client_key(client_ip)}",
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


def client_key(client_ip: str) -> str:
    """What a per-client ceiling counts on: the address, or for IPv6 its /64 (one subscriber's line gets a whole
    /64, so keying on the full address would give a script 2^64 fresh clients to rotate through)."""
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return client_ip
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return client_ip


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


# --- mobile numbers and SMS codes
#
# A 6-digit code proves a number: it lives PHONE_CODE_TTL_SECONDS, only its keyed hash is stored (HMAC-SHA256 with
# the secret key, bound to the number and purpose) and compared in constant time, the latest code of a number and
# purpose is the only one that counts, and a code serves once. Against guessing: PHONE_CODE_MAX_ATTEMPTS guesses per
# code (counted on the row, under its lock), and, counted in the shared cache *before* a guess is checked, a ceiling
# per number and per client address over PHONE_CODE_WINDOW_SECONDS; against SMS flooding: one code per number per
# PHONE_CODE_RESEND_SECONDS and a ceiling of codes per number and per client address.
# Against enumeration: asking for a log-in or reset code gets the same answer whether the number has an account or
# not (a number without one gets no SMS, so no code can be right for it); signing up sends the code in any case, and
# a number that already has an account is logged in to it, which tells only the phone's owner.

PHONE_CODE_DIGITS = 6


class PhoneCodeInvalid(DomainError):
    default_code = "phone_code_invalid"
    default_detail = _lazy("This code is wrong or has expired. Ask for a new one.")


class PhoneCodeThrottled(DomainError):
    status_code = 429
    default_code = "phone_code_throttled"
    default_detail = _lazy("Too many codes or attempts for now. Try again later.")


class SmsUnavailable(DomainError):
    status_code = 503
    default_code = "sms_unavailable"
    default_detail = _lazy("The text message could not be sent. Try again in a minute.")


@dataclass(frozen=True)
class PhoneCodeSent:
    phone: str
    expires_in: int
    resend_in: int


def phone_number_clean(raw: str, *, field: str = "phone") -> str:
    """The number in E.164 (+8613800138000), or a ValidationFailed on `field` (mainland numbers by default)."""
    number = phone_normalise(raw or "")
    if number is None:
        raise ValidationFailed(_("Enter a valid mobile number."), fields={field: [_("Enter a valid mobile number.")]})
    return number


def _code_hash(*, phone: str, purpose: str, code: str) -> str:
    return hmac.new(
        hashlib.sha256(f"phone-code:{settings.SECRET_KEY}".encode()).digest(),
        f"{phone}:{purpose}:{code}".encode(),
        hashlib.sha256,
    ).hexdigest()


def _window_count(key: str) -> int:
    """One more in a counter that lives PHONE_CODE_WINDOW_SECONDS from its first use (atomic in Redis)."""
    timeout = settings.PHONE_CODE_WINDOW_SECONDS
    cache.add(key, 0, timeout=timeout)
    try:
        value = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 0, timeout=timeout)
        value = cache.incr(key)
    if value == 1:
        cache.touch(key, timeout)
    return value


def _phone_key(phone: str) -> str:
    return hashlib.sha256(phone.encode()).hexdigest()[:32]  # no number in clear in the cache


def phone_account(phone: str) -> User | None:
    """The active account that logs in with this E.164 number: the one that verified it, else a villager the
    station registered with it and who has not confirmed it yet (the newest)."""
    users = User.objects.filter(phone=phone, is_active=True)
    return (
        users.filter(phone_verified_at__isnull=False).first()
        or users.filter(phone_verified_at__isnull=True, registered_by__isnull=False).order_by("-date_joined").first()
    )


def phone_code_send(*, phone: str, purpose: str, client_ip: str, user: User | None = None) -> PhoneCodeSent:
    """Issue a new code for the number and purpose, and text it when it may serve (see above).

    `user`: for `verify`, the signed-in account the number is to go on. Raises ValidationFailed (bad number),
    PhoneCodeThrottled (too soon, too many) or SmsUnavailable (the gateway failed: nothing counts against the
    person but the try)."""
    if purpose not in PhoneCodePurpose.values:
        raise ValidationFailed(_("Unknown purpose."), fields={"purpose": [_("Unknown purpose.")]})
    number = phone_number_clean(phone)
    if phone_region(number) not in settings.PHONE_CODE_REGIONS:
        # SMS pumping: texts to premium-rate numbers abroad earn their operator a share of what we pay per text.
        message = _("Codes are sent to mainland China mobile numbers only.")
        raise ValidationFailed(message, code="phone_region", fields={"phone": [message]})
    key = _phone_key(number)
    resend_key = f"phone-code:resend:{key}"
    if not cache.add(resend_key, 1, timeout=settings.PHONE_CODE_RESEND_SECONDS):
        raise PhoneCodeThrottled(
            _("A code was just sent to this number. Wait %(seconds)d seconds before asking for another.")
            % {"seconds": settings.PHONE_CODE_RESEND_SECONDS}
        )
    if (
        _window_count(f"phone-code:sends:client:{client_key(client_ip)}") > settings.PHONE_CODE_SENDS_PER_CLIENT
        or _window_count(f"phone-code:sends:phone:{key}") > settings.PHONE_CODE_SENDS_PER_PHONE
    ):
        raise PhoneCodeThrottled()
    if purpose in (PhoneCodePurpose.LOGIN, PhoneCodePurpose.RESET):
        send = phone_account(number) is not None
    else:
        send = purpose == PhoneCodePurpose.SIGN_UP or user is not None
    code = f"{secrets.randbelow(10**PHONE_CODE_DIGITS):0{PHONE_CODE_DIGITS}d}"
    now = timezone.now()
    ttl = settings.PHONE_CODE_TTL_SECONDS
    row = PhoneCode.objects.create(
        phone=number,
        purpose=purpose,
        user=user if purpose == PhoneCodePurpose.VERIFY else None,
        code_hash=_code_hash(phone=number, purpose=purpose, code=code),
        sent=send,
        expires_at=now + datetime.timedelta(seconds=ttl),
        client_ip=client_ip[:45],
    )
    if send:
        text = _("Your Taocun code is %(code)s. It is valid for %(minutes)d minutes. Never give it to anyone.") % {
            "code": code,
            "minutes": max(1, ttl // 60),
        }
        try:
            sms_provider().send(
                phone=number, text=text, event="phone_code", params={"code": code}, reference=f"code-{row.pk}"
            )
        except SmsError as error:
            logger.warning("phone code %s not sent: %s", row.pk, error)
            PhoneCode.objects.filter(pk=row.pk).update(used_at=now)  # void: a code nobody received
            cache.delete(resend_key)
            raise SmsUnavailable() from error
    return PhoneCodeSent(phone=number, expires_in=ttl, resend_in=settings.PHONE_CODE_RESEND_SECONDS)


def phone_code_check(*, phone: str, purpose: str, code: str, client_ip: str, user: User | None = None) -> str:
    """Use the latest code of this number and purpose: returns the E.164 number, or raises PhoneCodeInvalid
    (wrong, expired, used, or past its guesses) or PhoneCodeThrottled (too many guesses for the number or from
    the client). A wrong guess is counted even though the caller's request fails."""
    number = phone_number_clean(phone)
    # Counted before the code is looked at: concurrent guesses past the ceiling are refused unchecked.
    if (
        _window_count(f"phone-code:checks:client:{client_key(client_ip)}") > settings.PHONE_CODE_CHECKS_PER_CLIENT
        or _window_count(f"phone-code:checks:phone:{_phone_key(number)}") > settings.PHONE_CODE_CHECKS_PER_PHONE
    ):
        raise PhoneCodeThrottled()
    code = (code or "").strip()
    now = timezone.now()
    with transaction.atomic():  # its own transaction: the attempt counts even when the guess is wrong
        latest = (
            PhoneCode.objects.select_for_update()
            .filter(phone=number, purpose=purpose)
            .order_by("-created_at", "-pk")
            .first()
        )
        usable = (
            latest is not None
            and latest.used_at is None
            and latest.expires_at > now
            and latest.attempts < settings.PHONE_CODE_MAX_ATTEMPTS
            and (purpose != PhoneCodePurpose.VERIFY or (user is not None and latest.user_id == user.pk))
        )
        if not usable:
            raise PhoneCodeInvalid()
        latest.attempts += 1
        right = bool(re.fullmatch(r"\d{6}", code)) and hmac.compare_digest(
            latest.code_hash, _code_hash(phone=number, purpose=purpose, code=code)
        )
        if right:
            latest.used_at = now
        latest.save(update_fields=["attempts", "used_at"])
    if not right:
        raise PhoneCodeInvalid()
    return number


def _phone_verified(user: User, number: str) -> User:
    """Put the proven number on the account (a station-registered villager confirms theirs this way)."""
    if user.phone != number or user.phone_verified_at is None:
        user.phone, user.phone_verified_at = number, timezone.now()
        user.save(update_fields=["phone", "phone_verified_at"])
    return user


def phone_log_in(*, phone: str, code: str, client_ip: str) -> User:
    """The account of a number proven by a log-in code (PhoneCodeInvalid otherwise: one answer for all)."""
    number = phone_code_check(phone=phone, purpose=PhoneCodePurpose.LOGIN, code=code, client_ip=client_ip)
    with transaction.atomic():
        user = phone_account(number)
        if user is None:  # gone since the code was sent
            raise PhoneCodeInvalid()
        return _phone_verified(User.objects.select_for_update().get(pk=user.pk), number)


def username_new() -> str:
    """A fresh username for an account made from a phone number (the number itself is not shown to others)."""
    while True:
        username = f"tc_{secrets.token_hex(4)}"
        if not User.objects.filter(username__iexact=username).exists():
            return username


def phone_sign_up_check(*, role: str, home_village=None) -> None:
    """What a phone sign-up needs besides the code, checked before the code is spent."""
    if role not in SELF_SERVICE_ROLES:
        raise ValidationError({"role": _("You can sign up as a buyer or a farmer.")})
    if role == Role.FARMER and home_village is None:
        raise ValidationError({"home_village": _("A farmer must choose their home village.")})


def phone_sign_up(
    *,
    phone: str,
    code: str,
    client_ip: str,
    role: str = Role.BUYER,
    home_village=None,
    first_name: str = "",
    last_name: str = "",
) -> tuple[User, bool]:
    """Create an account (no password) for a number proven by a sign-up code; returns (user, created).

    A number that already has an account logs in to it instead: only the phone's owner learns that it had one."""
    phone_sign_up_check(role=role, home_village=home_village)
    number = phone_code_check(phone=phone, purpose=PhoneCodePurpose.SIGN_UP, code=code, client_ip=client_ip)
    try:
        with transaction.atomic():
            existing = phone_account(number)
            if existing is not None:
                return _phone_verified(User.objects.select_for_update().get(pk=existing.pk), number), False
            user = User(
                username=username_new(),
                role=role,
                home_village=home_village if role == Role.FARMER else None,
                first_name=first_name.strip()[:150],
                last_name=last_name.strip()[:150],
                phone=number,
                phone_verified_at=timezone.now(),
            )
            user.set_unusable_password()
            user.full_clean(exclude=["password", "phone"])
            user.save()
            return user, True
    except IntegrityError:  # the same number signed up concurrently: the constraint kept one
        return phone_account(number), False


def api_tokens_revoke(*, user: User) -> int:
    """Forget the user's API token: after a password reset or change, a token someone else took stops working
    (sessions already end with the password; a token would not). Returns how many were deleted."""
    from rest_framework.authtoken.models import Token

    deleted, _rows = Token.objects.filter(user=user).delete()
    return deleted


def phone_password_reset(*, phone: str, code: str, client_ip: str, password: str) -> User:
    """Set a new password on the account of a number proven by a reset code; lifts a login lockout and revokes
    the API token too."""
    password_validation.validate_password(password)
    number = phone_code_check(phone=phone, purpose=PhoneCodePurpose.RESET, code=code, client_ip=client_ip)
    with transaction.atomic():
        user = phone_account(number)
        if user is None:
            raise PhoneCodeInvalid()
        user = User.objects.select_for_update().get(pk=user.pk)
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        _phone_verified(user, number)
        api_tokens_revoke(user=user)
    login_lockout_clear(user=user)
    return user


def phone_verify(*, user: User, phone: str, code: str, client_ip: str) -> User:
    """Put a number proven by a verify code on the signed-in account (then it logs in by SMS too)."""
    number = phone_code_check(phone=phone, purpose=PhoneCodePurpose.VERIFY, code=code, client_ip=client_ip, user=user)
    try:
        with transaction.atomic():
            if User.objects.filter(phone=number, phone_verified_at__isnull=False).exclude(pk=user.pk).exists():
                raise ValidationFailed(
                    _("This number is on another account."), fields={"phone": [_("This number is on another account.")]}
                )
            return _phone_verified(User.objects.select_for_update().get(pk=user.pk), number)
    except IntegrityError as error:
        raise ValidationFailed(
            _("This number is on another account."), fields={"phone": [_("This number is on another account.")]}
        ) from error


def phone_account_changed(*, user: User, phone: str) -> str:
    """A number typed in (profile, API) is a claim: it stops logging in until proven again. Returns what to store
    (the proven number itself, however it was typed, stays as it was)."""
    if user.phone_verified_at:
        if phone_normalise(phone) == user.phone:
            return user.phone
        user.phone_verified_at = None
    return phone
