"""/api/notifications/: the inbox (list, read, read-all, unread count) and the preferences."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import NotFound
from notifications import selectors, services
from notifications.events import SWITCHABLE_CHANNELS, render
from notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "event", "title", "body", "params", "url", "created_at", "read_at", "read"]
        read_only_fields = fields

    def _rendered(self, obj) -> tuple[str, str]:
        if not hasattr(obj, "_rendered"):
            obj._rendered = render(obj.event, obj.params)
        return obj._rendered

    def get_title(self, obj) -> str:
        return self._rendered(obj)[0]

    def get_body(self, obj) -> str:
        return self._rendered(obj)[1]

    def get_read(self, obj) -> bool:
        return obj.read_at is not None


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class ChannelStateSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=SWITCHABLE_CHANNELS)
    enabled = serializers.BooleanField()
    locked = serializers.BooleanField(read_only=True)


class PreferenceRowSerializer(serializers.Serializer):
    event = serializers.CharField()
    label = serializers.CharField(read_only=True)
    channels = ChannelStateSerializer(many=True)


class PreferenceChoiceSerializer(serializers.Serializer):
    event = serializers.CharField(max_length=32)
    channel = serializers.ChoiceField(choices=SWITCHABLE_CHANNELS)
    enabled = serializers.BooleanField()


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's notifications, newest first, in the language of the request."""

    serializer_class = NotificationSerializer
    permission_classes = [permissions.IsAuthenticated]
    ordering_fields = ["created_at", "read_at"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        queryset = selectors.inbox(user=self.request.user)
        unread = self.request.query_params.get("unread")
        if unread in ("1", "true"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset

    def get_object(self):
        # OPTIONS on the list-level preferences action (it accepts PUT) makes DRF's metadata ask for the object
        # to check permissions: there is none, which DRF's metadata understands as a 404.
        if self.lookup_field not in self.kwargs:
            raise Http404
        return super().get_object()

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        try:
            notification_id = int(pk)
        except (TypeError, ValueError):
            raise NotFound(_("No such notification.")) from None
        notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses=UnreadCountSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        services.notifications_mark_all_read(user=request.user)
        return Response({"unread": 0})

    @extend_schema(responses=UnreadCountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"unread": selectors.unread_count(user=request.user)})

    @extend_schema(
        methods=["GET"], responses=PreferenceRowSerializer(many=True), summary="Choices per event and channel"
    )
    @extend_schema(
        methods=["PUT", "PATCH"],
        request=PreferenceChoiceSerializer(many=True),
        responses=PreferenceRowSerializer(many=True),
        summary="Switch channels on or off: a list of {event, channel, enabled}",
    )
    @action(detail=False, methods=["get", "put", "patch"], pagination_class=None)
    def preferences(self, request):
        if request.method != "GET":
            choices = PreferenceChoiceSerializer(data=request.data, many=True)
            choices.is_valid(raise_exception=True)
            services.preferences_set(
                user=request.user,
                choices={(c["event"], c["channel"]): c["enabled"] for c in choices.validated_data},
            )
        return Response(selectors.preference_table(user=request.user))


def register_routes(router) -> None:
    """Register this app's API resources on the shared router (config/api_urls.py)."""
    router.register("notifications", NotificationViewSet, basename="notification")
