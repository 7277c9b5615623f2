from django.contrib import admin

from insights.models import ProductDailyViews


@admin.register(ProductDailyViews)
class ProductDailyViewsAdmin(admin.ModelAdmin):
    list_display = ["product", "day", "views", "views_while_out_of_stock"]
    list_filter = ["day"]
    list_select_related = ["product"]
    raw_id_fields = ["product"]
    date_hierarchy = "day"
