"""A batch of produce and its photos. Imported at the end of shops.models so that Django finds them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


class FarmerShown(models.TextChoices):
    """How much of the farmer the public story page shows (the farmer chooses, per batch)."""

    FULL = "full", _("My full name")
    FAMILY = "family", _("My family name only")
    NONE = "none", _("Only the shop's name")


class ProduceBatch(models.Model):
    """A lot of one product: harvested or made on a day, in a place, in a quantity; its code is on the labels."""

    product = models.ForeignKey(
        "shops.Product", on_delete=models.PROTECT, related_name="batches", verbose_name=_("product")
    )
    code = models.CharField(_("code"), max_length=16, unique=True)
    harvested_on = models.DateField(_("harvested or made on"))
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    place = models.CharField(_("place"), max_length=120, blank=True, help_text=_("The field, slope or workshop."))
    notes = models.TextField(
        _("notes"), blank=True, max_length=1000, help_text=_("For example: no pesticide after flowering.")
    )
    farmer_shown = models.CharField(
        _("show the buyer"), max_length=8, choices=FarmerShown.choices, default=FarmerShown.FAMILY
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Counted by one conditional UPDATE per scan of the public page (never read-modify-write).
    scan_count = models.PositiveIntegerField(_("scans"), default=0)

    class Meta:
        ordering = ["-harvested_on", "-pk"]
        verbose_name = _("produce batch")
        verbose_name_plural = _("produce batches")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="produce_batch_quantity_positive")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("traceability:story", args=[self.code])


def _batch_photo_path(instance, filename: str) -> str:
    return f"batches/{instance.batch_id}/{filename}"


def _batch_original_path(instance, filename: str) -> str:
    return f"uploads/batches/{instance.batch_id}/{filename}"


class BatchPhoto(models.Model):
    """A photo of the batch (the field, the drying racks): checked on upload, cleaned by the worker like a
    product photo (shops.photos), shown on the story page as a small thumbnail."""

    batch = models.ForeignKey(ProduceBatch, on_delete=models.CASCADE, related_name="photos", verbose_name=_("batch"))
    original = models.FileField(upload_to=_batch_original_path, storage=private_storage, blank=True, max_length=200)
    thumbnail = models.ImageField(_("photo"), upload_to=_batch_photo_path, blank=True)
    status = models.CharField(_("status"), max_length=16, default="processing")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["batch", "pk"]
        verbose_name = _("batch photo")
        verbose_name_plural = _("batch photos")

    def __str__(self):
        return f"{self.batch} #{self.pk}"
