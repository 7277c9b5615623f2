from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared foundations every app may import: domain errors, money, API plumbing."""

    name = "core"
    verbose_name = _("Audit log")  # its one admin page; "CORE" meant nothing to an administrator

    def ready(self):
        from core import payments  # noqa: F401  (registers the payment provider check)
