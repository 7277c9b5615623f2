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


class ShopMonthlyDestination(models.Model):
    """Sales per shop, month of payment (Shanghai) and destination: the "where buyers live" figures.

    Rebuilt from the orders in SQL by insights.services.insights_rollup_rebuild (recent months every few
    minutes, everything nightly), so a dashboard reads shops x months x destinations, never the orders.
    Counts orders that are sales (paid, shipped, delivered, completed); volume is net of partial refunds.
    """

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="+", verbose_name=_("shop"))
    month = models.DateField(_("month"))
    province = models.ForeignKey(
        "villages.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    city = models.CharField(_("city"), max_length=64)
    county = models.CharField(_("county or district"), max_length=64)
    orders = models.IntegerField(_("orders"), default=0)
    volume = models.DecimalField(_("sales volume"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering = ["shop", "month"]
        verbose_name = _("monthly sales by destination")
        verbose_name_plural = _("monthly sales by destination")
        indexes = [models.Index(fields=["month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "month", "province", "city", "county"], name="shop_monthly_destination_unique"
            )
        ]

    def __str__(self):
        return f"{self.shop_id} {self.month:%Y-%m} {self.province_id}/{self.city}/{self.county}"


class ShopMonthlyProductSales(models.Model):
    """Sales per shop, month of payment (Shanghai) and product, from the order lines (same rebuild as above)."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="+", verbose_name=_("shop"))
    month = models.DateField(_("month"))
    product = models.ForeignKey("shops.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product"))
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3, default=0)
    orders = models.IntegerField(_("orders"), default=0)
    volume = models.DecimalField(_("sales volume"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering = ["shop", "month"]
        verbose_name = _("monthly sales by product")
        verbose_name_plural = _("monthly sales by product")
        indexes = [models.Index(fields=["month"])]
        constraints = [
            models.UniqueConstraint(fields=["shop", "month", "product"], name="shop_monthly_product_sales_unique")
        ]

    def __str__(self):
        return f"{self.shop_id} {self.month:%Y-%m} {self.product_id}"
