from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.models import AuditEntry

# The admin speaks the platform's name in the reader's language, not "Django administration".
admin.site.site_header = _("Taocun administration")
admin.site.site_title = _("Taocun administration")
admin.site.index_title = _("Platform data")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by services, never edited."""

    list_display = ["created_at", "actor", "action", "target_type", "target_id", "summary", "ip_address"]
    list_filter = ["action", "target_type"]
    search_fields = ["summary", "target_id", "actor__username", "ip_address"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
