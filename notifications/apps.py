from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from notifications import checks  # noqa: F401 - registers the deploy check
        from notifications.services import unread_count_warm

        # The header's unread count is cached from the log-in on: pages read it without a query.
        user_logged_in.connect(
            lambda sender, request, user, **kwargs: unread_count_warm(user=user), weak=False, dispatch_uid="inbox"
        )
