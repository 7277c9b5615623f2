"""GET /api/carriers/: the carriers an order ships with, their codes and a sample tracking number."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from logistics.carriers import CARRIER_LIST


class CarrierSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_zh = serializers.CharField()
    example = serializers.CharField(help_text="A tracking number in this carrier's format.")


class CarrierViewSet(viewsets.ViewSet):
    """The carriers (codes as the tracking aggregators use them). Shipping takes one of these codes."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=CarrierSerializer(many=True))
    def list(self, request):
        rows = [{"code": c.code, "name": str(c.name), "name_zh": c.name_zh, "example": c.example} for c in CARRIER_LIST]
        return Response(CarrierSerializer(rows, many=True).data)


def register_routes(router) -> None:
    router.register("carriers", CarrierViewSet, basename="carrier")
