"""Django admin for coupons: read only. Coupons are created, claimed, granted and ended through the services
(the pages and the API), which hold the limits and the audit trail.
"""

from django.contrib import admin

from promotions.models import Coupon, CouponClaim, PreSale


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Coupon)
class CouponAdmin(ReadOnlyAdmin):
    list_display = ["pk", "scope", "shop", "kind", "threshold", "amount_off", "percent_off", "cap", "valid_until",
                    "claimed_count", "total_quantity", "active"]  # fmt: skip
    list_filter = ["scope", "kind", "active"]
    list_select_related = ["shop"]
    search_fields = ["name", "shop__name"]


@admin.register(CouponClaim)
class CouponClaimAdmin(ReadOnlyAdmin):
    list_display = ["pk", "coupon", "user", "source", "status", "claimed_at", "used_at"]
    list_filter = ["status", "source"]
    list_select_related = ["coupon__shop", "user"]
    raw_id_fields = ["coupon", "user"]


@admin.register(PreSale)
class PreSaleAdmin(admin.ModelAdmin):
    """Read-mostly: quantities and statuses move only through the services (reservations, call, timers)."""

    list_display = ("pk", "product", "variant", "quantity_offered", "quantity_reserved", "status", "ship_by")
    list_filter = ("status",)
    search_fields = ("product__name", "variant__name")
    raw_id_fields = ("product", "variant", "created_by")
    readonly_fields = ("quantity_reserved", "status", "called_at", "balance_due_at", "ended_at", "created_at")
