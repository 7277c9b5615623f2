from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    """Freight, carriers and parcel tracking: above shops, below orders (see ARCHITECTURE.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "logistics"
    verbose_name = _("Logistics")
