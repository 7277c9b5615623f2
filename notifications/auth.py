"""The user every request loads carries its unread notification count, so the header's badge costs no query.

Django loads the signed-in user once per request (AUTHENTICATION_BACKENDS' get_user); this backend adds the
count of unread notifications to that same SELECT as a subquery on the partial index of unread rows.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts.auth import PhoneCodeBackend
from notifications.models import Notification

UserModel = get_user_model()


def with_unread_count(queryset):
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(unread_notifications=Coalesce(Subquery(unread, output_field=IntegerField()), 0))


class InboxUserMixin:
    """get_user loads the user with the unread count, whichever way they logged in."""

    def get_user(self, user_id):
        try:
            user = with_unread_count(UserModel._default_manager.all()).get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class InboxModelBackend(InboxUserMixin, ModelBackend):
    """Django's ModelBackend (username and password), whose get_user also counts the unread notifications."""


class InboxPhoneCodeBackend(InboxUserMixin, PhoneCodeBackend):
    """accounts' log-in by mobile number and SMS code, whose get_user also counts the unread notifications."""
