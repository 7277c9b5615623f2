"""Village certification: policy versions, assessment runs, evidence per village and run, admins' decisions.

Reads villages, shops and orders (ShopMonthlySales); nothing imports this app.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class CertificationPolicy(models.Model):
    """One version of the certification rule. A version is never edited once a run used it: add a new one.

    The version in force for a cut-off date is the one with the latest `effective_from` on or before it.
    """

    version = models.PositiveIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    effective_from = models.DateField(_("effective from"))
    # Village rule.
    min_sales_volume = money_field(_("minimum sales volume (yuan)"), default=Decimal("10000000.00"))
    min_active_shops = models.PositiveIntegerField(_("minimum active shops"), default=100)
    window_months = models.PositiveSmallIntegerField(
        _("window (months)"), default=12, help_text=_("Whole calendar months before the cut-off date.")
    )
    # Active shop rule.
    active_min_days_open = models.PositiveSmallIntegerField(_("open at least (days)"), default=30)
    active_lookback_months = models.PositiveSmallIntegerField(
        _("activity look-back (months)"), default=3, help_text=_("The last months of the window.")
    )
    active_min_orders_per_month = models.PositiveSmallIntegerField(_("orders per month on average"), default=1)
    # Optional households rule (AliResearch allows it): active shops >= share of households.
    households_rule_enabled = models.BooleanField(_("households rule"), default=False)
    households_share_percent = models.DecimalField(
        _("share of households (%)"), max_digits=5, decimal_places=2, default=Decimal("10.00")
    )
    # Towns and clusters.
    town_min_certified_villages = models.PositiveSmallIntegerField(_("town: certified villages"), default=3)
    town_sales_rule_enabled = models.BooleanField(_("town: sales and shops rule"), default=False)
    town_min_sales_volume = money_field(_("town: sales above (yuan)"), default=Decimal("30000000.00"))
    town_min_active_shops = models.PositiveIntegerField(_("town: active shops above"), default=300)
    cluster_min_certified_villages = models.PositiveSmallIntegerField(_("cluster: certified villages"), default=10)
    label_valid_days = models.PositiveSmallIntegerField(_("label valid (days)"), default=365)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "-version"]
        verbose_name = _("certification policy")
        verbose_name_plural = _("certification policies")
        constraints = [
            models.CheckConstraint(condition=Q(window_months__gte=1), name="policy_window_positive"),
            models.CheckConstraint(condition=Q(active_lookback_months__gte=1), name="policy_lookback_positive"),
            models.CheckConstraint(
                condition=Q(active_lookback_months__lte=models.F("window_months")), name="policy_lookback_in_window"
            ),
            models.CheckConstraint(condition=Q(min_sales_volume__gte=0), name="policy_sales_not_negative"),
        ]

    def __str__(self):
        return f"v{self.version} {self.label}"

    @property
    def label(self) -> str:
        """The name in the active language: the default policy's name is in the catalogues, an admin's is not."""
        return gettext(self.name) if self.name else self.name


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")


class RunTrigger(models.TextChoices):
    SCHEDULE = "schedule", _("Daily schedule")
    ADMIN = "admin", _("Admin")
    DEMO = "demo", _("Demo data")


class AssessmentRun(models.Model):
    """One assessment of every village. Progress lives on this row; `last_village_id` is the resume cursor."""

    status = models.CharField(_("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING)
    trigger = models.CharField(_("started by"), max_length=16, choices=RunTrigger.choices, default=RunTrigger.ADMIN)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("admin"),
    )
    policy = models.ForeignKey(
        CertificationPolicy, on_delete=models.PROTECT, related_name="runs", verbose_name=_("policy")
    )
    cutoff = models.DateField(_("cut-off date"))
    window_start = models.DateField(_("window start"))
    window_end = models.DateField(_("window end"), help_text=_("Last day of the window, inclusive."))
    villages_total = models.PositiveIntegerField(_("villages"), default=0)
    villages_done = models.PositiveIntegerField(_("villages done"), default=0)
    last_village_id = models.BigIntegerField(_("last village assessed"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("last progress"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assessment run")
        verbose_name_plural = _("assessment runs")
        constraints = [
            # Only one run at a time, enforced by the database: a concurrent second start fails to insert.
            models.UniqueConstraint(fields=["status"], condition=Q(status="running"), name="one_running_assessment"),
            models.CheckConstraint(condition=Q(window_start__lte=models.F("window_end")), name="run_window_ordered"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.cutoff} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("certification:run_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == RunStatus.COMPLETED:
            return 100
        if not self.villages_total:
            return 0
        return min(100, self.villages_done * 100 // self.villages_total)

    @property
    def is_running(self) -> bool:
        return self.status == RunStatus.RUNNING

    def is_stalled(self, *, now: datetime.datetime | None = None) -> bool:
        """A running run whose worker has shown no progress for a while (it probably died)."""
        if self.status != RunStatus.RUNNING:
            return False
        limit = datetime.timedelta(seconds=settings.CERTIFICATION_RUN_STALL_SECONDS)
        return (now or timezone.now()) - self.heartbeat_at > limit


class ShopsRule(models.TextChoices):
    COUNT = "count", _("Active shops")
    HOUSEHOLDS = "households", _("Share of households")


class VillageEvidence(models.Model):
    """What one run found for one village, with the policy version and window it used."""

    # No single-column indexes on run and village: (run, village) and (village, -run) below serve both, and
    # every index costs the run's inserts (10,000 evidence rows a run at full scale, 500,000 at national scale).
    # No database constraint on run and policy either (Django still cascades and protects): a run writes its
    # evidence while it holds its run row locked, with the run's own policy (whose constraint is on the run),
    # so the per-row checks at commit only re-read those two rows, for about a third of the upsert's time.
    # The village's constraint stays: a village may be deleted while a run assesses it.
    run = models.ForeignKey(
        AssessmentRun,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("run"),
        db_index=False,
        db_constraint=False,
    )
    village = models.ForeignKey(
        "villages.Village",
        on_delete=models.CASCADE,
        related_name="certification_evidence",
        verbose_name=_("village"),
        db_index=False,
    )
    policy = models.ForeignKey(
        CertificationPolicy, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    policy_version = models.PositiveIntegerField(_("policy version"))
    cutoff = models.DateField(_("cut-off date"))
    window_start = models.DateField(_("window start"))
    window_end = models.DateField(_("window end"))
    shops_total = models.PositiveIntegerField(_("shops"), default=0)
    active_shops = models.PositiveIntegerField(_("active shops"), default=0)
    sales_volume = money_field(_("sales volume"), default=Decimal("0.00"))
    order_count = models.PositiveIntegerField(_("orders"), default=0)
    households = models.PositiveIntegerField(_("households"), default=0)
    required_active_shops = models.PositiveIntegerField(_("active shops needed"))
    required_sales_volume = money_field(_("sales volume needed"))
    shops_rule = models.CharField(_("shops rule met by"), max_length=16, choices=ShopsRule.choices, blank=True)
    eligible = models.BooleanField(_("eligible"), default=False)
    shops_shortfall = models.PositiveIntegerField(_("shops still needed"), default=0)
    sales_shortfall = money_field(_("sales still needed"), default=Decimal("0.00"))
    # Paid in the window but left out of the sales volume: orders held for a fraud review, and confirmed fraud.
    held_orders = models.PositiveIntegerField(_("orders held for review"), default=0)
    held_volume = money_field(_("amount held for review"), default=Decimal("0.00"))
    fraud_orders = models.PositiveIntegerField(_("orders confirmed as fraud"), default=0)
    fraud_volume = money_field(_("amount confirmed as fraud"), default=Decimal("0.00"))
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        ordering = ["run", "village"]
        verbose_name = _("village evidence")
        verbose_name_plural = _("village evidence")
        constraints = [models.UniqueConstraint(fields=["run", "village"], name="one_evidence_per_run_and_village")]
        indexes = [models.Index(fields=["village", "-run"]), models.Index(fields=["run", "eligible"])]

    def __str__(self):
        return f"{self.village} run #{self.run_id}"

    @property
    def shops_percent(self) -> int:
        if not self.required_active_shops:
            return 100
        return min(100, self.active_shops * 100 // self.required_active_shops)

    @property
    def sales_percent(self) -> int:
        if not self.required_sales_volume:
            return 100
        return min(100, int(self.sales_volume * 100 / self.required_sales_volume))


class CertificationStatus(models.TextChoices):
    CERTIFIED = "certified", _("Certified")
    REVOKED = "revoked", _("Revoked")


class VillageCertification(models.Model):
    """The current label of a village (one row per village, the lock for concurrent decisions)."""

    village = models.OneToOneField(
        "villages.Village", on_delete=models.CASCADE, related_name="certification", verbose_name=_("village")
    )
    status = models.CharField(_("status"), max_length=16, choices=CertificationStatus.choices)
    certified_on = models.DateField(_("certified on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    last_decision = models.ForeignKey(
        "CertificationDecision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["village"]
        verbose_name = _("village certification")
        verbose_name_plural = _("village certifications")
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self):
        return f"{self.village}: {self.get_status_display()}"

    def is_valid(self, *, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.status == CertificationStatus.CERTIFIED and self.valid_until is not None and self.valid_until >= on


class DecisionAction(models.TextChoices):
    GRANT = "grant", _("Granted")
    REVOKE = "revoke", _("Revoked")


class CertificationDecision(models.Model):
    """An admin's grant or revocation, kept forever with who, when and the evidence it rested on."""

    village = models.ForeignKey(
        "villages.Village", on_delete=models.PROTECT, related_name="certification_decisions", verbose_name=_("village")
    )
    action = models.CharField(_("decision"), max_length=16, choices=DecisionAction.choices)
    evidence = models.ForeignKey(
        VillageEvidence, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("evidence")
    )
    note = models.TextField(_("note or reason"))
    override_reason = models.TextField(
        _("override reason"), blank=True, help_text=_("Why a village that is not eligible was granted the label.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("certification decision")
        verbose_name_plural = _("certification decisions")
        indexes = [models.Index(fields=["village", "-decided_at"])]

    def __str__(self):
        return f"{self.village}: {self.get_action_display()} {self.decided_at:%Y-%m-%d}"
