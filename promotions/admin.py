from django.contrib import admin

from promotions.models import PreSale


@admin.register(PreSale)
class PreSaleAdmin(admin.ModelAdmin):
    """Read-mostly: quantities and statuses move only through the services (reservations, call, timers)."""

    list_display = ("pk", "product", "variant", "quantity_offered", "quantity_reserved", "status", "ship_by")
    list_filter = ("status",)
    search_fields = ("product__name", "variant__name")
    raw_id_fields = ("product", "variant", "created_by")
    readonly_fields = ("quantity_reserved", "status", "called_at", "balance_due_at", "ended_at", "created_at")
