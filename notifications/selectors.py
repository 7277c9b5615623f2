"""Reads for the inbox, the header badge and the delivery log."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications.events import SWITCHABLE_CHANNELS, events_for
from notifications.models import Notification, Preference


def inbox(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    """The header's badge: counted with the user's own row when InboxModelBackend loaded it (no query), else
    one count on the partial index of unread rows (a user from an API token)."""
    count = getattr(user, "unread_notifications", None)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return count


def preference_table(*, user) -> list[dict]:
    """One row per event the user can receive: each switchable channel's state and whether it is locked.
    One query, whatever the number of events."""
    saved = {
        (event, channel): enabled
        for event, channel, enabled in Preference.objects.filter(user=user).values_list("event", "channel", "enabled")
    }
    rows = []
    for event in events_for(user):
        channels = []
        for channel in SWITCHABLE_CHANNELS:
            locked = event.channel_locked(channel)
            enabled = locked or saved.get((event.code, channel), channel in event.defaults)
            channels.append({"channel": channel, "enabled": enabled, "locked": locked})
        rows.append({"event": event.code, "label": str(event.label), "channels": channels})
    return rows
