"""The delivery log (what was sent, what failed, what gave up), filterable, read-only for admins."""

from django.contrib import admin

from notifications.models import Delivery, Notification, Preference


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["channel", "address", "status", "attempts", "last_error", "sent_at"]
    readonly_fields = fields


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "recipient", "key", "read_at"]
    list_filter = ["event", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["recipient__username", "recipient__phone", "key"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["recipient", "event", "key", "params", "url", "created_at", "read_at"]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "status", "event", "recipient", "address", "attempts", "last_error"]
    list_filter = ["status", "channel", "notification__event", "provider", "created_at"]
    search_fields = ["address", "notification__recipient__username", "provider_reference", "last_error"]
    list_select_related = ["notification__recipient"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    date_hierarchy = "created_at"

    @admin.display(ordering="notification__event")
    def event(self, obj):
        return obj.notification.get_event_display()

    @admin.display(ordering="notification__recipient__username")
    def recipient(self, obj):
        return obj.notification.recipient

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "channel", "enabled"]
    list_filter = ["event", "channel", "enabled"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]
