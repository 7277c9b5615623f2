from django.contrib import admin

from shops.models import Category, Product, ProductImage, SalesChannel, Shop


@admin.register(SalesChannel)
class SalesChannelAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position"]
    list_filter = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    list_display = ["name", "village", "owner", "status", "opened_on"]
    list_filter = ["status", "is_cooperative", "channels"]
    search_fields = ["name", "slug", "owner__username", "village__name"]
    raw_id_fields = ["owner", "village", "members", "created_by"]
    list_select_related = ["village", "owner"]


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0
    fields = ["position", "image", "status", "thumbnail_small"]
    readonly_fields = ["image", "status", "thumbnail_small"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "shop", "category", "unit_price", "unit", "stock", "status", "units_sold"]
    list_filter = ["status", "is_local_specialty", "category", "unit"]
    search_fields = ["name", "description", "shop__name"]
    raw_id_fields = ["shop", "listed_by"]
    list_select_related = ["shop", "category"]
    # Stock moves through services (conditional updates); the admin shows it but does not overwrite it.
    readonly_fields = ["stock", "units_sold", "created_at", "updated_at"]
    inlines = [ProductImageInline]
