"""The inbox (one Notification per event and recipient), what each user chose, and the delivery log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.events import CHANNEL_LABELS, EVENTS, SWITCHABLE_CHANNELS

EVENT_CHOICES = [(code, event.label) for code, event in EVENTS.items()]
CHANNEL_CHOICES = [(channel, CHANNEL_LABELS[channel]) for channel in SWITCHABLE_CHANNELS]


class Notification(models.Model):
    """One event told to one user. (recipient, event, key) is unique: raising an event twice tells once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    event = models.CharField(_("event"), max_length=32, choices=EVENT_CHOICES)
    # What makes this occurrence unique for the raising app: "order:42", "loan:7:overdue:30"...
    key = models.CharField(_("key"), max_length=100)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event", "key"], name="notification_once_per_event"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            # The header's unread count reads this small index only.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self):
        return f"{self.event} {self.key} → {self.recipient_id}"


class Preference(models.Model):
    """A user's choice for one event on one channel; without a row the event's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    event = models.CharField(_("event"), max_length=32, choices=EVENT_CHOICES)
    channel = models.CharField(_("channel"), max_length=8, choices=CHANNEL_CHOICES)
    enabled = models.BooleanField(_("enabled"))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "event", "channel"], name="notification_preference_unique"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.event} {self.channel} {'on' if self.enabled else 'off'}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    GAVE_UP = "gave_up", _("Gave up")


class Delivery(models.Model):
    """One notification sent on one channel: at most one row per (notification, channel), so at most one send."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("notification")
    )
    channel = models.CharField(_("channel"), max_length=8, choices=CHANNEL_CHOICES)
    address = models.CharField(_("address"), max_length=254, help_text=_("Phone number or e-mail address."))
    status = models.CharField(
        _("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider = models.CharField(_("provider"), max_length=32, blank=True)
    provider_reference = models.CharField(_("provider reference"), max_length=100, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    not_before = models.DateTimeField(_("not before"), null=True, blank=True, help_text=_("Held for quiet hours."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel"),
        ]

    def __str__(self):
        return f"{self.channel} {self.address} {self.status}"
