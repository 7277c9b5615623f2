from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts import services
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

    actions = ["login_unlock"]

    @admin.action(description=_("Let them log in again (lift a login lockout)"))
    def login_unlock(self, request, queryset):
        for user in queryset:
            services.login_lockout_clear(user=user)
        self.message_user(request, _("%(count)d accounts may log in again.") % {"count": queryset.count()})

    def save_model(self, request, obj, form, change):
        """A role change goes through the service, which keeps it in the audit log."""
        new_role = obj.role
        role_changed = change and "role" in form.changed_data
        if role_changed:
            obj.role = form.initial["role"]
        super().save_model(request, obj, form, change)
        if role_changed:
            services.user_role_set(actor=request.user, user=obj, role=new_role)
