from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "role", "home_village", "is_active", "date_joined"]
    list_filter = ["role", "is_active", "is_staff", "is_disadvantaged"]
    search_fields = ["username", "email", "first_name", "last_name", "phone"]
    list_select_related = ["home_village"]
    autocomplete_fields = ["home_village"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Taocun"), {"fields": ("role", "home_village", "phone", "preferred_language", "is_disadvantaged")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Taocun"), {"fields": ("role", "home_village")}),)
