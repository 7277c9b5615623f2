from django.contrib import admin

from insights.models import ProductDailyViews, ShopMonthlyDestination, ShopMonthlyProductSales


@admin.register(ProductDailyViews)
class ProductDailyViewsAdmin(admin.ModelAdmin):
    list_display = ["product", "day", "views", "views_while_out_of_stock"]
    list_filter = ["day"]
    list_select_related = ["product"]
    raw_id_fields = ["product"]
    date_hierarchy = "day"


class _RollupAdmin(admin.ModelAdmin):
    """Rollups are rebuilt from the orders (insights_rebuild_rollups): read them, never edit them."""

    list_filter = ["month"]
    list_select_related = ["shop"]
    date_hierarchy = "month"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ShopMonthlyDestination)
class ShopMonthlyDestinationAdmin(_RollupAdmin):
    list_display = ["shop", "month", "province", "city", "county", "orders", "volume"]
    list_select_related = ["shop", "province"]


@admin.register(ShopMonthlyProductSales)
class ShopMonthlyProductSalesAdmin(_RollupAdmin):
    list_display = ["shop", "month", "product", "quantity", "orders", "volume"]
    list_select_related = ["shop", "product"]
