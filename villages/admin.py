from django.contrib import admin

from villages.models import County, Province, ServiceStation, Township, Village


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_zh"]
    search_fields = ["name", "name_zh", "code"]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "province", "is_poverty_county"]
    list_filter = ["is_poverty_county", "province"]
    search_fields = ["name", "name_zh"]
    list_select_related = ["province"]


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "county"]
    list_filter = ["county__province"]
    search_fields = ["name", "name_zh", "county__name"]
    list_select_related = ["county"]
    autocomplete_fields = ["county"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "township", "population", "households", "is_poor_village"]
    list_filter = ["is_poor_village", "township__county__is_poverty_county", "township__county__province"]
    search_fields = ["name", "name_zh", "township__name", "township__county__name"]
    list_select_related = ["township"]
    autocomplete_fields = ["township"]


@admin.register(ServiceStation)
class ServiceStationAdmin(admin.ModelAdmin):
    list_display = ["name", "village", "operator", "opened_on", "status"]
    list_filter = ["status", "village__township__county__province"]
    search_fields = ["name", "village__name", "operator__username", "address"]
    list_select_related = ["village", "operator"]
    autocomplete_fields = ["village", "operator"]
