"""Django admin for logistics: freight templates are shown read only (farmers and operators edit them in the
freight pages and the API, through logistics.freight_services)."""

from django.contrib import admin

from logistics.models import FreightProductTemplate, FreightRule, FreightTemplate


class FreightRuleInline(admin.TabularInline):
    model = FreightRule
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FreightTemplate)
class FreightTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "shop", "basis", "is_default", "free_over_amount", "free_over_weight", "updated_at"]
    list_filter = ["basis", "is_default"]
    list_select_related = ["shop"]
    search_fields = ["name", "shop__name"]
    inlines = [FreightRuleInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FreightProductTemplate)
class FreightProductTemplateAdmin(admin.ModelAdmin):
    list_display = ["product", "template"]
    list_select_related = ["product", "template"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
