"""Logistics models: freight templates (运费模板) per shop, carriers' parcels and their tracking events.

The contract orders relies on: a product's template is its FreightProductTemplate's, else its shop's default
template (is_default), else the platform default (logistics.freight.default_schedule). logistics.freight_selectors
turns them into FreightSchedule values; nothing else reads these tables to price freight.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FreightBasis(models.TextChoices):
    WEIGHT = "weight", _("by weight (kg)")
    PIECE = "piece", _("by piece")


class FreightTemplate(models.Model):
    """A shop's freight template: by weight or by piece, rows per province, free shipping, excluded provinces."""

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="freight_templates", verbose_name=_("shop")
    )
    name = models.CharField(_("name"), max_length=64)
    basis = models.CharField(_("charged"), max_length=8, choices=FreightBasis.choices, default=FreightBasis.WEIGHT)
    is_default = models.BooleanField(
        _("shop default"), default=False, help_text=_("Products without a template of their own use this one.")
    )
    free_over_amount = models.DecimalField(
        _("free shipping from (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Orders of at least this amount (goods) ship free. Empty: never."),
    )
    free_over_weight = models.DecimalField(
        _("free shipping from (kg)"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Orders of at least this weight ship free. Empty: never."),
    )
    excluded_provinces = models.ManyToManyField(
        "villages.Province", blank=True, related_name="+", verbose_name=_("provinces not delivered to")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["shop", "-is_default", "name", "pk"]
        verbose_name = _("freight template")
        verbose_name_plural = _("freight templates")
        constraints = [
            models.UniqueConstraint(fields=["shop"], condition=Q(is_default=True), name="freight_one_default_per_shop"),
            models.CheckConstraint(
                condition=Q(free_over_amount__isnull=True) | Q(free_over_amount__gt=0), name="freight_free_amount_pos"
            ),
            models.CheckConstraint(
                condition=Q(free_over_weight__isnull=True) | Q(free_over_weight__gt=0), name="freight_free_weight_pos"
            ),
        ]

    def __str__(self):
        return self.name


class FreightRule(models.Model):
    """One row of a template: for a province (or, without one, every province without a row of its own)."""

    template = models.ForeignKey(FreightTemplate, on_delete=models.CASCADE, related_name="rules")
    province = models.ForeignKey(
        "villages.Province",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("Empty: the default row, for every other province."),
    )
    first_unit = models.DecimalField(_("first unit (kg or pieces)"), max_digits=10, decimal_places=3, default=1)
    first_price = models.DecimalField(_("first unit price"), max_digits=14, decimal_places=2)
    extra_unit = models.DecimalField(_("each additional (kg or pieces)"), max_digits=10, decimal_places=3, default=1)
    extra_price = models.DecimalField(
        _("additional unit price"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )

    class Meta:
        ordering = ["template", "province__code", "pk"]
        verbose_name = _("freight row")
        verbose_name_plural = _("freight rows")
        constraints = [
            models.UniqueConstraint(fields=["template", "province"], name="freight_rule_one_per_province"),
            models.UniqueConstraint(
                fields=["template"], condition=Q(province__isnull=True), name="freight_rule_one_default"
            ),
            models.CheckConstraint(condition=Q(first_unit__gt=0), name="freight_rule_first_unit_pos"),
            models.CheckConstraint(condition=Q(extra_unit__gt=0), name="freight_rule_extra_unit_pos"),
            models.CheckConstraint(condition=Q(first_price__gte=0), name="freight_rule_first_price_not_neg"),
            models.CheckConstraint(condition=Q(extra_price__gte=0), name="freight_rule_extra_price_not_neg"),
        ]

    def __str__(self):
        return f"{self.template}: {self.province or '*'}"


class FreightProductTemplate(models.Model):
    """The template a product ships by, when it is not its shop's default (shops cannot point up to logistics)."""

    product = models.OneToOneField(
        "shops.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="freight_template_link",
        verbose_name=_("product"),
    )
    template = models.ForeignKey(
        FreightTemplate, on_delete=models.CASCADE, related_name="product_links", verbose_name=_("freight template")
    )

    class Meta:
        verbose_name = _("product freight template")
        verbose_name_plural = _("product freight templates")

    def __str__(self):
        return f"{self.product_id} -> {self.template_id}"


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
