"""The one service other apps call (`notify`), and the writes behind the inbox, preferences and delivery.

Callers raise an event inside their own transaction: the inbox rows and the queued deliveries are written with
the change that caused them (an outbox), so a rolled-back payment tells nobody and a committed one always
tells. The Celery tasks that send SMS and e-mail are queued when that transaction commits.
"""

from __future__ import annotations

import datetime
import logging
import random
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import NotFound, ValidationFailed
from core.sms import PermanentSmsError, TransientSmsError, phone_normalise, sms_provider
from notifications.events import EVENTS, SWITCHABLE_CHANNELS, Channel, Event, render
from notifications.models import Delivery, DeliveryStatus, Notification, Preference

logger = logging.getLogger(__name__)
User = get_user_model()
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# A failed try's Celery retry normally comes at its not_before; past this, deliveries_release sends it again.
RETRY_GRACE_SECONDS = 60


def _param_text(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def quiet_until(moment: datetime.datetime) -> datetime.datetime | None:
    """The end of the quiet hours (NOTIFICATIONS_QUIET_HOURS, Asia/Shanghai) if `moment` falls in them."""
    start, end = settings.NOTIFICATIONS_QUIET_HOURS
    local = moment.astimezone(SHANGHAI)
    # 22 -> 8 wraps around midnight; 1 -> 5 would not.
    quiet = start <= local.hour < end if start <= end else (local.hour >= start or local.hour < end)
    if not quiet:
        return None
    day = local.date() if local.hour < end else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(end), tzinfo=SHANGHAI)


def channels_chosen(*, event: Event, user_ids: list[int]) -> dict[int, set[str]]:
    """For each user: the switchable channels on for this event (defaults, the user's rows, mandatory ones)."""
    chosen = {pk: set(event.defaults) for pk in user_ids}
    for user_id, channel, enabled in Preference.objects.filter(user_id__in=user_ids, event=event.code).values_list(
        "user_id", "channel", "enabled"
    ):
        (chosen[user_id].add if enabled else chosen[user_id].discard)(channel)
    for channels in chosen.values():
        channels |= event.mandatory
    return chosen


def _address(user, channel: str) -> str:
    if channel == Channel.SMS:
        return phone_normalise(user.phone) or _station_phone(user)
    return (user.email or "").strip()


def _station_phone(user) -> str:
    """A villager the station registered without a phone is reached through the station's phone."""
    if not (user.registered_by_id and not user.phone and user.home_village_id):
        return ""
    station = getattr(user.home_village, "station", None)
    return (phone_normalise(station.phone) or "") if station is not None else ""


def notify(*, event: str, recipients: Iterable, key: str, params: dict | None = None, url: str = "") -> int:
    """Tell `recipients` (users or user ids) that `event` happened; `key` names this occurrence.

    Each recipient gets one inbox entry and, on each channel they chose and have an address for, one queued
    delivery. Raising the same (event, key) again adds nothing. Returns the number of new inbox entries.
    """
    spec = EVENTS[event]
    user_ids = sorted({getattr(r, "pk", r) for r in recipients if r is not None})
    if not user_ids:
        return 0
    params = {name: _param_text(value) for name, value in (params or {}).items()}
    existing = set(
        Notification.objects.filter(event=event, key=key, recipient_id__in=user_ids).values_list(
            "recipient_id", flat=True
        )
    )
    new_ids = [pk for pk in user_ids if pk not in existing]
    if not new_ids:
        return 0
    Notification.objects.bulk_create(
        [Notification(recipient_id=pk, event=event, key=key, params=params, url=url[:300]) for pk in new_ids],
        ignore_conflicts=True,  # a concurrent notify of the same occurrence: the constraint keeps one
    )
    notifications = Notification.objects.filter(event=event, key=key, recipient_id__in=new_ids).select_related(
        "recipient__home_village__station"
    )
    chosen = channels_chosen(event=spec, user_ids=new_ids)
    held_until = None if spec.urgent else quiet_until(timezone.now())
    deliveries = []
    for notification in notifications:
        for channel in SWITCHABLE_CHANNELS:
            address = _address(notification.recipient, channel) if channel in chosen[notification.recipient_id] else ""
            if address:
                # Quiet hours hold text messages only: an e-mail waits in the mailbox anyway.
                hold = held_until if channel == Channel.SMS else None
                deliveries.append(
                    Delivery(notification=notification, channel=channel, address=address, not_before=hold)
                )
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    due = list(
        Delivery.objects.filter(
            notification__event=event, notification__key=key, notification__recipient_id__in=new_ids
        )
        .filter(status=DeliveryStatus.QUEUED, not_before__isnull=True)
        .values_list("pk", flat=True)
    )
    if due:
        transaction.on_commit(lambda: _enqueue(due))
    return len(new_ids)


def _enqueue(delivery_ids: list[int]) -> None:
    from notifications.tasks import delivery_send  # the task module imports this one

    for delivery_id in delivery_ids:
        delivery_send.delay(delivery_id)


def admin_recipients() -> list[int]:
    """The people `flagged` events go to."""
    return list(
        User.objects.filter(Q(role="admin") | Q(is_superuser=True), is_active=True).values_list("pk", flat=True)
    )


def admins_flag(*, target, action: str, subject: str, reason: str, key: str, url: str, details: dict) -> None:
    """Money only a person can settle (a provider reporting another amount than asked, money taken that posts
    nothing): written to the audit log as `action` and put before every admin as a `flagged` notice."""
    audit_record(actor=None, action=action, target=target, summary=reason, details=details)
    notify(
        event="flagged",
        recipients=admin_recipients(),
        key=key,
        params={"subject": subject, "reason": reason},
        url=url,
    )


# --- the inbox


def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (someone else's is not found)."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise NotFound(_("No such notification."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


# --- preferences


@transaction.atomic
def preferences_set(*, user, choices: dict[tuple[str, str], bool]) -> None:
    """Record the user's choices {(event, channel): on?}; a transactional channel cannot be switched off."""
    errors = {}
    allowed = {event.code: event for event in EVENTS.values() if not event.admins_only or user.is_admin}
    for (event_code, channel), enabled in choices.items():
        field = f"{event_code}.{channel}"
        if event_code not in allowed:
            errors[field] = [_("Unknown event.")]
        elif channel not in SWITCHABLE_CHANNELS:
            errors[field] = [_("Unknown channel.")]
        elif not enabled and allowed[event_code].channel_locked(channel):
            errors[field] = [_("This message is part of the service and cannot be switched off.")]
    if errors:
        raise ValidationFailed(_("Some choices cannot be saved."), fields=errors)
    for (event_code, channel), enabled in choices.items():
        Preference.objects.update_or_create(
            user=user, event=event_code, channel=channel, defaults={"enabled": bool(enabled)}
        )


# --- delivery


@dataclass
class Attempt:
    status: str
    retry_in: int | None = None  # a transient failure: seconds before the next try


def backoff_seconds(attempts: int) -> int:
    """Exponential backoff with jitter after `attempts` tries: base, 2 x base, 4 x base... capped, each +- 20 %."""
    delay = min(
        settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** (attempts - 1), settings.NOTIFICATIONS_RETRY_MAX_SECONDS
    )
    return round(delay * random.uniform(0.8, 1.2))  # noqa: S311 (jitter, not a secret)


def _phone_rate_exceeded(phone: str, now: datetime.datetime) -> datetime.datetime | None:
    """Count one SMS to this phone in the current window; past the limit, when the next window opens."""
    window = settings.NOTIFICATIONS_SMS_WINDOW_SECONDS
    start = int(now.timestamp()) // window * window
    key = f"notifications:sms-rate:{phone}:{start}"
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 60)
        count = 1
    if count <= settings.NOTIFICATIONS_SMS_PER_PHONE:
        return None
    return datetime.datetime.fromtimestamp(start + window, tz=datetime.UTC)


def _send(delivery: Delivery) -> str:
    notification = delivery.notification
    language = notification.recipient.preferred_language or settings.NOTIFICATIONS_DEFAULT_LANGUAGE
    with translation.override(language):
        title, body = render(notification.event, notification.params)
        recipient = notification.recipient
        if delivery.channel == Channel.SMS and phone_normalise(recipient.phone) != delivery.address:
            # The station's phone, for a villager without one: say whom the message is for.
            body = _("For %(name)s: %(text)s") % {"name": recipient.display_name, "text": body}
        if delivery.channel == Channel.SMS:
            provider = sms_provider()
            delivery.provider = provider.name
            return provider.send(
                phone=delivery.address,
                text=body,
                event=notification.event,
                params=notification.params,
                reference=f"taocun-{delivery.pk}",
            )
        delivery.provider = "email"
        link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url and settings.SITE_URL else ""
        send_mail(f"[{_('Taocun')}] {title}", body + link, None, [delivery.address])
        return ""


def delivery_attempt(*, delivery_id: int) -> Attempt:
    """Try to send one delivery, once: the row stays locked while the provider is called, so a duplicate task
    waits and then finds it sent. Quiet hours and the per-phone limit put it back with a `not_before`; a
    transient failure is tried again after a backoff (`not_before` too), up to NOTIFICATIONS_MAX_ATTEMPTS."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in (DeliveryStatus.SENT, DeliveryStatus.GAVE_UP):
            return Attempt(status=delivery.status if delivery else "missing")
        if delivery.not_before and delivery.not_before > now:
            return Attempt(status=delivery.status)  # early (a duplicate): the retry or deliveries_release comes back
        if delivery.channel == Channel.SMS:
            next_window = _phone_rate_exceeded(delivery.address, now)
            if next_window is not None:
                delivery.not_before = next_window
                delivery.save(update_fields=["not_before", "updated_at"])
                return Attempt(status=delivery.status)
        delivery.attempts += 1
        delivery.not_before = None
        try:
            delivery.provider_reference = _send(delivery)[:100]
        except PermanentSmsError as exc:
            delivery.status, delivery.last_error = DeliveryStatus.GAVE_UP, str(exc)[:300]
        except (TransientSmsError, OSError) as exc:  # OSError: SMTP and socket errors
            final = delivery.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
            delivery.status = DeliveryStatus.GAVE_UP if final else DeliveryStatus.FAILED
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:300]
            if not final:
                delivery.not_before = now + datetime.timedelta(seconds=backoff_seconds(delivery.attempts))
        else:
            delivery.status, delivery.sent_at, delivery.last_error = DeliveryStatus.SENT, now, ""
        delivery.save()
        if delivery.status != DeliveryStatus.SENT:
            logger.warning("delivery %s %s: %s", delivery.pk, delivery.status, delivery.last_error)
        retry_in = (delivery.not_before - now).total_seconds() if delivery.status == DeliveryStatus.FAILED else None
        return Attempt(status=delivery.status, retry_in=None if retry_in is None else max(0, round(retry_in)))


def deliveries_release(*, now: datetime.datetime | None = None) -> int:
    """Queue again what waited (quiet hours, rate limit) and is due, what sat queued too long (a lost task), and
    a failed try whose retry did not come (without a broker tasks run in-process and cannot wait to retry)."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.NOTIFICATIONS_STALE_SECONDS)
    retry_missed = now - datetime.timedelta(seconds=RETRY_GRACE_SECONDS)
    ids = list(
        Delivery.objects.filter(
            Q(status=DeliveryStatus.QUEUED, not_before__lte=now)
            | Q(status=DeliveryStatus.QUEUED, not_before__isnull=True, updated_at__lt=stale)
            | Q(status=DeliveryStatus.FAILED, not_before__lte=retry_missed)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[: settings.NOTIFICATIONS_RELEASE_BATCH]
    )
    if ids:
        Delivery.objects.filter(pk__in=ids).update(not_before=None, updated_at=now)
        transaction.on_commit(lambda: _enqueue(ids))
    return len(ids)
