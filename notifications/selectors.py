"""Reads for the inbox, the header badge and the delivery log."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from notifications.events import SWITCHABLE_CHANNELS, events_for
from notifications.models import Notification, Preference
from notifications.services import unread_cache_key, unread_count_warm


def inbox(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    """The header's badge: from the cache, or one count on the partial index (then cached until it changes)."""
    count = cache.get(unread_cache_key(user.pk))
    return unread_count_warm(user=user) if count is None else max(count, 0)


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
