"""REST for freight templates: `freight-templates/` (the shops the user manages) and `assign` for a product."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from logistics import freight_selectors, freight_services
from logistics.models import FreightBasis, FreightRule, FreightTemplate
from shops.selectors import shops_managed_by


class FreightRuleSerializer(serializers.ModelSerializer):
    province = serializers.IntegerField(
        source="province_id", allow_null=True, required=False, default=None, min_value=1, max_value=2**63 - 1
    )

    class Meta:
        model = FreightRule
        fields = ["province", "first_unit", "first_price", "extra_unit", "extra_price"]


class ProvinceIdsField(serializers.ListField):
    """Province ids: read from the template's (prefetched) provinces, written as a list of ids."""

    child = serializers.IntegerField(min_value=1, max_value=2**63 - 1)

    def to_representation(self, data):
        return [province.pk for province in data.all()]


class FreightTemplateSerializer(serializers.ModelSerializer):
    """A template: `rules` needs exactly one row without a province (the default); amounts in yuan, units in kg
    (by weight) or pieces (by piece)."""

    rules = FreightRuleSerializer(many=True)
    excluded_provinces = ProvinceIdsField(required=False, default=list)
    basis = serializers.ChoiceField(choices=FreightBasis.choices)

    class Meta:
        model = FreightTemplate
        fields = [
            "id",
            "shop",
            "name",
            "basis",
            "is_default",
            "free_over_amount",
            "free_over_weight",
            "excluded_provinces",
            "rules",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = request.user if request else None
        fields["shop"] = serializers.PrimaryKeyRelatedField(
            queryset=shops_managed_by(user=user) if user else FreightTemplate.objects.none()
        )
        return fields

    def service_values(self) -> dict:
        data = self.validated_data
        return {
            "name": data["name"],
            "basis": data["basis"],
            "is_default": data.get("is_default", False),
            "free_over_amount": data.get("free_over_amount"),
            "free_over_weight": data.get("free_over_weight"),
            "excluded_province_ids": data.get("excluded_provinces", []),
            "rules": [
                freight_services.FreightRuleInput(
                    rule.get("province_id"),
                    rule.get("first_unit", 1),
                    rule["first_price"],
                    rule.get("extra_unit", 1),
                    rule.get("extra_price", 0),
                )
                for rule in data["rules"]
            ],
        }


class FreightAssignSerializer(serializers.Serializer):
    product = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    template = serializers.IntegerField(
        allow_null=True, min_value=1, max_value=2**63 - 1, help_text="null: the shop's default template"
    )


class FreightTemplateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """Freight templates of the shops the user manages (farmer, cooperative member, operator, admin).
    PUT replaces a template with its rows; a shop's default cannot be deleted."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FreightTemplateSerializer
    filterset_fields = ["shop"]
    ordering_fields = ["name", "updated_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FreightTemplate.objects.none()
        return freight_selectors.freight_templates_managed(
            shop_ids=shops_managed_by(user=self.request.user).values("pk")
        )

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = freight_services.freight_template_create(
            actor=request.user, shop_id=serializer.validated_data["shop"].pk, **serializer.service_values()
        )
        return Response(
            self.get_serializer(self.get_queryset().get(pk=template.pk)).data, status=status.HTTP_201_CREATED
        )

    def update(self, request, pk=None):
        template = self.get_object()
        if not isinstance(request.data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Expected an object."]})
        serializer = self.get_serializer(data={**request.data, "shop": template.shop_id})
        serializer.is_valid(raise_exception=True)
        freight_services.freight_template_update(
            actor=request.user, template_id=template.pk, **serializer.service_values()
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=template.pk)).data)

    def destroy(self, request, pk=None):
        template = self.get_object()
        freight_services.freight_template_delete(actor=request.user, template_id=template.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=FreightAssignSerializer, responses=FreightAssignSerializer)
    @action(detail=False, methods=["post"])
    def assign(self, request):
        """Ship a product by one of its shop's templates (`template: null` for the shop's default)."""
        serializer = FreightAssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not shops_managed_by(user=request.user).filter(products__pk=data["product"]).exists():
            raise Http404
        freight_services.freight_product_template_set(
            actor=request.user, product_id=data["product"], template_id=data["template"]
        )
        return Response(serializer.data)


def register_freight_routes(router) -> None:
    router.register("freight-templates", FreightTemplateViewSet, basename="freight-template")
