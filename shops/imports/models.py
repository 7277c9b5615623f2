"""A spreadsheet import and the row keys that make a second upload of the same file change nothing.

Imported at the end of shops.models so that Django finds them (they are rows of the shops app)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("Checked, waiting for confirmation")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", pgettext_lazy("import status", "Failed")


class RowAction(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", pgettext_lazy("import verdict", "Update")
    UNCHANGED = "unchanged", _("Unchanged")
    ERROR = "error", _("Error")


class ProductImport(models.Model):
    """One uploaded sheet: its rows as read (JSON), the dry run's verdict per row, then the import's outcome.

    `rows` is a list of {"line", "key", "values", "action", "errors", "product", "outcome"}: the dry run fills
    action and errors, the task (shops.tasks.product_import_run) outcome and product, row by row, and
    `rows_done` says how far it got, so a task that runs twice goes on where it stopped.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="product_imports", verbose_name=_("by")
    )
    file_name = models.CharField(_("file"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.CHECKED)
    rows = models.JSONField(_("rows"), default=list)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows imported"), default=0)
    counts = models.JSONField(_("counts"), default=dict, help_text=_("Rows per action (dry run) or outcome."))
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("product import")
        verbose_name_plural = _("product imports")

    def __str__(self):
        return f"#{self.pk} {self.file_name}"

    def get_absolute_url(self):
        return reverse("shops:import_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        return int(self.rows_done * 100 / self.rows_total) if self.rows_total else 0


class ProductImportKey(models.Model):
    """The row key a sheet gave a product: the same key in the same shop updates that product, never a second one."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="+", verbose_name=_("shop"))
    key = models.CharField(_("row key"), max_length=64)
    product = models.OneToOneField(
        "shops.Product", on_delete=models.CASCADE, related_name="import_key", verbose_name=_("product")
    )

    class Meta:
        verbose_name = _("import row key")
        verbose_name_plural = _("import row keys")
        constraints = [models.UniqueConstraint(fields=["shop", "key"], name="product_import_key_unique")]

    def __str__(self):
        return self.key
