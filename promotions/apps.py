from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionsConfig(AppConfig):
    """Coupons, pre-sales and group buys (issue 23): the offers and their pricing rules. Above logistics, below
    orders: the orders app applies them at checkout and keeps the money side (deposits, group payments)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "promotions"
    verbose_name = _("Promotions")
