"""What insights keeps of its own: product page views per day (the orders and rollups belong to orders)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductDailyViews(models.Model):
    """Views of a product page per Shanghai calendar day, counted by insights.middleware.

    `views_while_out_of_stock` counts the views that found the product published with no stock:
    buyers who looked for it and could not buy (the stock-out list).
    """

    product = models.ForeignKey(
        "shops.Product", on_delete=models.CASCADE, related_name="daily_views", verbose_name=_("product")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)
    views_while_out_of_stock = models.PositiveIntegerField(_("views while out of stock"), default=0)

    class Meta:
        ordering = ["-day", "product"]
        verbose_name = _("product views per day")
        verbose_name_plural = _("product views per day")
        constraints = [models.UniqueConstraint(fields=["product", "day"], name="product_daily_views_unique")]
        indexes = [models.Index(fields=["day", "product"])]

    def __str__(self):
        return f"{self.product_id} {self.day}: {self.views}"
