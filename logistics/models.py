"""Logistics models: freight templates, carriers and tracking (added by the shipping work)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# --- Carriers and tracking (logistics/carriers.py, logistics/tracking.py)


class TrackingStatus(models.TextChoices):
    """Where a parcel stands, as the aggregators report it (快递100/快递鸟 states, simplified)."""

    COLLECTED = "collected", _("Collected by the carrier")
    IN_TRANSIT = "in_transit", _("In transit")
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    AT_STATION = "at_station", _("Arrived at the village station")
    DELIVERED = "delivered", _("Delivered")


# A parcel only moves forward: an event that arrives late (out of order) is kept on the timeline but never takes
# the parcel's status back. Arrival at the station and delivery both end the carrier's part.
TRACKING_RANK: dict[str, int] = {
    TrackingStatus.COLLECTED: 1,
    TrackingStatus.IN_TRANSIT: 2,
    TrackingStatus.OUT_FOR_DELIVERY: 3,
    TrackingStatus.AT_STATION: 4,
    TrackingStatus.DELIVERED: 5,
}
TRACKING_FINAL = (TrackingStatus.AT_STATION, TrackingStatus.DELIVERED)


class TrackingParcel(models.Model):
    """One waybill (carrier + tracking number) subscribed at the tracking provider when its order shipped."""

    carrier = models.CharField(_("carrier"), max_length=8)
    number = models.CharField(_("tracking number"), max_length=32)
    provider = models.CharField(_("provider"), max_length=32)
    origin = models.CharField(_("from"), max_length=100, blank=True)
    destination = models.CharField(_("to"), max_length=100, blank=True)
    to_station = models.BooleanField(_("to a village station"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=TrackingStatus.choices, blank=True)
    status_at = models.DateTimeField(_("status at"), null=True, blank=True)
    place = models.CharField(_("last place"), max_length=100, blank=True)
    subscribed_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)

    class Meta:
        ordering = ["-subscribed_at", "-pk"]
        verbose_name = _("tracked parcel")
        verbose_name_plural = _("tracked parcels")
        constraints = [models.UniqueConstraint(fields=["carrier", "number"], name="tracking_parcel_waybill_unique")]
        indexes = [
            # The simulated provider's beat pass reads only the parcels still on their way.
            models.Index(
                fields=["provider", "status_at"], name="tracking_parcel_moving", condition=~Q(status__in=TRACKING_FINAL)
            )
        ]

    def __str__(self):
        return f"{self.carrier} {self.number}"


class TrackingEvent(models.Model):
    """One event the provider pushed; `external_id` (the provider's, or a digest of the event) makes a replay a
    no-op."""

    parcel = models.ForeignKey(
        TrackingParcel, on_delete=models.CASCADE, related_name="events", verbose_name=_("parcel")
    )
    external_id = models.CharField(_("provider's event id"), max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=TrackingStatus.choices)
    occurred_at = models.DateTimeField(_("at"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["parcel", "occurred_at", "pk"]
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")
        constraints = [
            models.UniqueConstraint(fields=["parcel", "external_id"], name="tracking_event_once"),
        ]

    def __str__(self):
        return f"{self.parcel} {self.status} {self.occurred_at:%Y-%m-%d %H:%M}"
