from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from shops import services
from shops.models import (
    Category,
    Product,
    ProductImage,
    ProductVariant,
    SalesChannel,
    SearchSynonym,
    Shop,
    UnitPriceBound,
)


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


class ProductVariantInline(admin.TabularInline):
    """The options, shown only: they change through the product's pages and API (shops.services), which keep
    the product's summary (price, range, stock) right in the same transaction."""

    model = ProductVariant
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        "name",
        "position",
        "unit_price",
        "stock",
        "order_step",
        "order_minimum",
        "shipping_weight_kg",
        "units_sold",
        "is_active",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "shop", "category", "unit_price", "unit", "stock", "status", "units_sold"]
    list_filter = ["status", "is_local_specialty", "category", "unit"]
    search_fields = ["name", "description", "shop__name"]
    raw_id_fields = ["shop", "listed_by"]
    list_select_related = ["shop", "category"]
    # Stock moves through services (conditional updates); the admin shows it but does not overwrite it.
    # The price, range and stock are the options' summary (ProductVariantInline): shown, not overwritten.
    readonly_fields = ["unit_price", "price_max", "stock", "units_sold", "created_at", "updated_at"]
    inlines = [ProductVariantInline, ProductImageInline]

    def has_add_permission(self, request):
        # A product is listed through the shop pages or the API (shops.services.product_create): with its options.
        return False


class SearchSynonymForm(forms.ModelForm):
    class Meta:
        model = SearchSynonym
        fields = ["words"]

    def clean_words(self):
        words = self.cleaned_data["words"]
        if len(SearchSynonym(words=words).word_list) < 2:
            raise forms.ValidationError(_("Give at least two words for the same produce."))
        return words


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Words for the same produce (土豆 马铃薯 洋芋): a search for one finds products named with another."""

    form = SearchSynonymForm
    list_display = ["words", "updated_at"]
    search_fields = ["words"]

    def save_model(self, request, obj, form, change):
        services.search_synonyms_save(group=obj)

    def delete_model(self, request, obj):
        services.search_synonyms_delete(groups=[obj])

    def delete_queryset(self, request, queryset):
        services.search_synonyms_delete(groups=list(queryset))


@admin.register(UnitPriceBound)
class UnitPriceBoundAdmin(admin.ModelAdmin):
    """Sane unit prices per unit: products outside them cannot be listed or checked out (defaults apply to a
    unit with no row here)."""

    list_display = ["unit", "min_price", "max_price", "updated_at"]
