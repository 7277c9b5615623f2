"""REST resources: shops, categories, products (+ publish, unpublish, archive, stock, images)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from accounts.models import Role, User
from accounts.throttling import ScopedRateThrottle
from core.api import PageNumberPagination, display_of, label_of
from shops import catalogue_cache, selectors, services
from shops.filters import ProductFilter
from shops.models import Category, Product, ProductImage, ProductVariant, SalesChannel, Shop, Unit
from villages.models import Village

# --- output


class ChannelSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="label", read_only=True)

    class Meta:
        model = SalesChannel
        fields = ["code", "name"]


class CategorySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="label", read_only=True)  # seed names are stored in English

    class Meta:
        model = Category
        fields = ["id", "slug", "name", "parent", "position"]


class ShopSerializer(serializers.ModelSerializer):
    status_display = display_of("status")
    village_name = label_of("village")
    county_name = label_of("village.township.county")
    province_name = label_of("village.township.county.province")
    owner_name = serializers.CharField(source="owner.display_name", read_only=True)
    channels = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    product_count = serializers.IntegerField(read_only=True, default=None, allow_null=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Shop
        fields = [
            "id",
            "name",
            "slug",
            "description",
            "status",
            "status_display",
            "opened_on",
            "is_cooperative",
            "village",
            "village_name",
            "county_name",
            "province_name",
            "owner",
            "owner_name",
            "channels",
            "product_count",
            "url",
        ]


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=2)
    unit = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, row) -> str:
        return reverse("shops:product_detail", args=[row["pk"]])


class SuggestionsSerializer(serializers.Serializer):
    q = serializers.CharField(help_text="What was typed so far.")
    results = SuggestionSerializer(many=True)


class ProductImageSerializer(serializers.ModelSerializer):
    image = serializers.SerializerMethodField()
    thumbnail_small = serializers.SerializerMethodField()
    thumbnail_large = serializers.SerializerMethodField()

    class Meta:
        model = ProductImage
        fields = ["id", "position", "status", "width", "height", "image", "thumbnail_small", "thumbnail_large"]

    def _url(self, field) -> str | None:
        return field.url if field else None

    def get_image(self, obj) -> str | None:
        return self._url(obj.image)

    def get_thumbnail_small(self, obj) -> str | None:
        return self._url(obj.thumbnail_small)

    def get_thumbnail_large(self, obj) -> str | None:
        return self._url(obj.thumbnail_large)


class VariantSerializer(serializers.ModelSerializer):
    """One option of a product: what a buyer picks (`variant` on cart and checkout lines)."""

    class Meta:
        model = ProductVariant
        fields = [
            "id",
            "name",
            "position",
            "unit_price",
            "stock",
            "order_step",
            "order_minimum",
            "shipping_weight_kg",
            "units_sold",
            "is_active",
        ]
        read_only_fields = fields


class ProductSerializer(serializers.ModelSerializer):
    shop_name = serializers.CharField(source="shop.name", read_only=True)
    shop_slug = serializers.CharField(source="shop.slug", read_only=True)
    village = serializers.IntegerField(source="shop.village_id", read_only=True)
    village_name = label_of("shop.village")
    county_name = label_of("shop.village.township.county")
    province_name = label_of("shop.village.township.county.province")
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category_name = label_of("category")
    unit_display = display_of("unit")
    status_display = display_of("status")
    images = ProductImageSerializer(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    rating_average = serializers.DecimalField(
        max_digits=3, decimal_places=2, read_only=True, help_text="Average stars of its visible reviews (0 when none)"
    )
    rating_count = serializers.IntegerField(read_only=True, help_text="Visible reviews counted in the average")
    unit_price = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, help_text="The lowest price of its options on sale"
    )
    price_max = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="The highest price of its options on sale (equal to unit_price when there is one price)",
    )
    stock = serializers.DecimalField(
        max_digits=12, decimal_places=3, read_only=True, help_text="The total stock of its options on sale"
    )
    variants = VariantSerializer(
        many=True, read_only=True, help_text="Its options, in their order (retired ones with is_active false)"
    )

    class Meta:
        model = Product
        fields = [
            "id",
            "name",
            "description",
            "shop",
            "shop_name",
            "shop_slug",
            "village",
            "village_name",
            "county_name",
            "province_name",
            "category",
            "category_name",
            "unit",
            "unit_display",
            "unit_price",
            "price_max",
            "stock",
            "order_step",
            "order_minimum",
            "variants",
            "status",
            "status_display",
            "is_local_specialty",
            "produced_on",
            "shelf_life_days",
            "shipping_weight_kg",
            "units_sold",
            "rating_average",
            "rating_count",
            "listed_by",
            "images",
            "created_at",
            "updated_at",
            "url",
        ]

    # The declarations above document the resource (OpenAPI) and format one product; a page of them is
    # written below without DRF's per-field attribute lookups and callable inspection, with each label
    # (unit, status, place, category) translated once per page instead of once per product. Issue 25: this
    # serializer was half of each list request's time. The answer is the same, key for key.
    DIRECT = ("name", "description", "unit", "status", "is_local_specialty", "shelf_life_days", "rating_count")
    FORMATTED = (
        "unit_price",
        "price_max",
        "stock",
        "order_step",
        "order_minimum",
        "produced_on",
        "shipping_weight_kg",
        "units_sold",
        "rating_average",
    )
    TIMES = ("created_at", "updated_at")

    def to_representation(self, product):
        memo = self.__dict__.setdefault("_labels", {})

        def label(kind: str, key, make) -> str:
            if (kind, key) not in memo:
                memo[kind, key] = make()
            return memo[kind, key]

        fields = self.fields
        shop, category = product.shop, product.category
        village = shop.village
        county = village.township.county
        data = {"id": product.pk}
        for name in self.DIRECT:
            data[name] = getattr(product, name)
        for name in self.FORMATTED:
            value = getattr(product, name)
            data[name] = None if value is None else fields[name].to_representation(value)
        data.update(
            shop=product.shop_id,
            shop_name=shop.name,
            shop_slug=shop.slug,
            village=shop.village_id,
            village_name=label("village", village.pk, lambda: village.label),
            county_name=label("county", county.pk, lambda: county.label),
            province_name=label("province", county.province_id, lambda: county.province.label),
            category=category.slug,
            category_name=label("category", category.pk, lambda: category.label),
            unit_display=label("unit", product.unit, product.get_unit_display),
            status_display=label("status", product.status, product.get_status_display),
            listed_by=product.listed_by_id,
            images=fields["images"].to_representation(product.images.all()),
            variants=fields["variants"].to_representation(product.variants.all()),
            url=product.get_absolute_url(),
        )
        for name in self.TIMES:
            data[name] = fields[name].to_representation(getattr(product, name))
        return {name: data[name] for name in self.Meta.fields}


# --- input


class ShopOpenSerializer(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role=Role.FARMER),
        required=False,
        help_text="The farmer who will own the shop; defaults to you (farmers).",
    )
    village = serializers.PrimaryKeyRelatedField(queryset=Village.objects.all(), required=False)
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    channels = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    is_cooperative = serializers.BooleanField(required=False, default=False)
    members = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role=Role.FARMER), many=True, required=False, default=list
    )


class ShopUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    channels = serializers.ListField(child=serializers.SlugField(), required=False)


class VariantInputSerializer(serializers.Serializer):
    """An option as written: with `id` an existing one (changed), without a new one. Left out of the list: retired.
    An existing option's stock changes only through POST /products/{id}/stock/ (with its `variant`)."""

    id = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    stock = serializers.DecimalField(max_digits=12, decimal_places=3, required=False)
    order_step = serializers.DecimalField(max_digits=10, decimal_places=3, required=False)
    order_minimum = serializers.DecimalField(max_digits=10, decimal_places=3, required=False)
    shipping_weight_kg = serializers.DecimalField(
        max_digits=10, decimal_places=3, required=False, allow_null=True, min_value=Decimal("0.001")
    )
    is_active = serializers.BooleanField(required=False)


class ProductUpdateSerializer(serializers.Serializer):
    category = serializers.SlugRelatedField(slug_field="slug", queryset=Category.objects.all(), required=False)
    name = serializers.CharField(max_length=120, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    unit = serializers.ChoiceField(choices=Unit.choices, required=False)
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    order_step = serializers.DecimalField(max_digits=10, decimal_places=3, required=False)
    order_minimum = serializers.DecimalField(max_digits=10, decimal_places=3, required=False)
    is_local_specialty = serializers.BooleanField(required=False)
    produced_on = serializers.DateField(required=False, allow_null=True)
    shelf_life_days = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    shipping_weight_kg = serializers.DecimalField(
        max_digits=10, decimal_places=3, required=False, allow_null=True, min_value=Decimal("0.001")
    )
    variants = VariantInputSerializer(
        many=True,
        required=False,
        allow_empty=False,
        help_text="Its options in the order shown (each named when several); replaces the list: options left out "
        "are retired. Then unit_price, stock, step, minimum and weight are their summary.",
    )


class ProductCreateSerializer(ProductUpdateSerializer):
    shop = serializers.PrimaryKeyRelatedField(queryset=Shop.objects.all())
    category = serializers.SlugRelatedField(slug_field="slug", queryset=Category.objects.all())
    name = serializers.CharField(max_length=120)
    unit_price = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, help_text="Required without `variants`"
    )
    stock = serializers.DecimalField(max_digits=12, decimal_places=3, required=False, default="0")
    publish = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        if not data.get("variants") and data.get("unit_price") is None:
            raise serializers.ValidationError({"unit_price": [_("This field is required.")]})
        return data


class StockAdjustSerializer(serializers.Serializer):
    delta = serializers.DecimalField(
        max_digits=12, decimal_places=3, help_text="Quantity to add; negative to remove (spoiled, sold offline)."
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    variant = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The option whose stock changes; may be left out when the product has one option on sale.",
    )


class ImageUploadSerializer(serializers.Serializer):
    image = serializers.FileField(help_text="JPEG, PNG or WebP, up to 10 MB.")


class ImageOrderSerializer(serializers.Serializer):
    order = serializers.ListField(child=serializers.IntegerField(), help_text="Every photo id, cover first.")


# --- views


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The produce category tree (parent ids; top-level categories have none)."""

    serializer_class = CategorySerializer
    queryset = selectors.category_list()
    pagination_class = None
    filter_backends = []


class ShopFilter(filters.FilterSet):
    province = filters.NumberFilter(field_name="village__township__county__province")
    county = filters.NumberFilter(field_name="village__township__county")
    channel = filters.CharFilter(field_name="channels__code")

    class Meta:
        model = Shop
        fields = ["village", "county", "province", "channel", "status", "owner"]


class ShopViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Shops: everyone reads open shops; `?mine=true` lists the ones you manage (any status).

    Farmers open shops for themselves in their home village; operators for villagers of their village.
    """

    serializer_class = ShopSerializer
    filterset_class = ShopFilter
    search_fields = ["name", "description", "village__name"]
    ordering_fields = ["name", "opened_on"]
    lookup_field = "pk"

    def get_queryset(self):
        user = self.request.user
        if self.request.query_params.get("mine") in ("1", "true") or self.action not in ("list", "retrieve"):
            return selectors.shop_list_for_manager(user=user)
        if self.action == "retrieve":
            return selectors.shop_list_visible(user=user)
        return selectors.shop_list_public()

    @extend_schema(request=ShopOpenSerializer, responses={201: ShopSerializer})
    def create(self, request, *args, **kwargs):
        data = self._validated(ShopOpenSerializer, request.data)
        shop = services.shop_open(actor=request.user, owner=data.pop("owner", request.user), **data)
        return Response(ShopSerializer(shop).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ShopUpdateSerializer, responses=ShopSerializer)
    def update(self, request, *args, **kwargs):
        shop = self.get_object()
        data = self._validated(ShopUpdateSerializer, request.data)
        shop = services.shop_update(actor=request.user, shop=shop, **data)
        return Response(ShopSerializer(shop).data)

    def _validated(self, serializer_class, data) -> dict:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class CataloguePagination(PageNumberPagination):
    """`count` stops at 5,001 for broad queries (see selectors.COUNT_CAP): refine the filters to go further.
    A search in relevance order that has more matches than its pages so far is not counted: `count` is null
    and `next` leads on (selectors.CappedPaginator)."""

    django_paginator_class = selectors.CappedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if self.page.paginator.open_ended:
            response.data["count"] = None
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count"]["nullable"] = True
        return schema


class ProductViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Products: the catalogue for everyone (published products of open shops), plus your own drafts.

    Filters as on the catalogue page: `q`, `category` (slug, includes sub-categories), `province`, `county`,
    `village`, `shop`, `price_min`, `price_max`, `specialty`, `in_stock`, `sort` (newest, price_asc,
    price_desc, best_selling, rating). Writes by the shop's owner, its village's operator, or an admin.
    """

    serializer_class = ProductSerializer
    filterset_class = ProductFilter
    filter_backends = [filters.DjangoFilterBackend]
    pagination_class = CataloguePagination
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        options = Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "pk"))
        return selectors.product_list_visible(user=self.request.user, photos="all").prefetch_related(options)

    def list(self, request, *args, **kwargs):
        """Anonymous pages of products are the same for every visitor: kept per query and catalogue version
        (shops.catalogue_cache). Signed-in users also see their own drafts: always read."""
        if request.user.is_authenticated:
            return super().list(request, *args, **kwargs)
        data = catalogue_cache.cached(
            "api-products", request.build_absolute_uri(), lambda: super(ProductViewSet, self).list(request).data
        )
        return Response(data)

    def get_throttles(self):
        if self.action == "suggest":
            return []  # counted only when the answer is drawn (suggest_drawn): a cached answer costs no more
        return super().get_throttles()

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="What the buyer has typed so far (pinyin, 香菇, xg...).")],
        responses=SuggestionsSerializer,
    )
    @action(
        detail=False,
        methods=["get"],
        filter_backends=[],
        pagination_class=None,
        # The same answer for everyone: no token or session to read (a signed-in browser types too), JSON only.
        authentication_classes=[],
        permission_classes=[AllowAny],
        renderer_classes=[JSONRenderer],
    )
    def suggest(self, request):
        """Suggestions as you type: up to 8 published products, best match first (the catalogue's search).

        A request every keystroke or two (issue 22: p95 under 30 ms): the answer for what was typed is kept per
        catalogue version (one cache round trip), and only drawing a new one counts against the `suggest` rate,
        so a script typing random prefixes is throttled while buyers' common prefixes cost nothing."""
        text = request.query_params.get("q", "")[:100]
        results = catalogue_cache.cached("suggest", text, lambda: self._suggest_drawn(request, text))
        return Response({"q": text, "results": results})

    def _suggest_drawn(self, request, text: str) -> list:
        self.throttle_scope = "suggest"
        throttle = ScopedRateThrottle()
        if not throttle.allow_request(request, self):
            self.throttled(request, throttle.wait())
        return SuggestionSerializer(selectors.product_suggestions(text=text), many=True).data

    def _validated(self, serializer_class, data, **kwargs) -> dict:
        serializer = serializer_class(data=data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _respond(self, product: Product, code=status.HTTP_200_OK) -> Response:
        product = self.get_queryset().get(pk=product.pk)
        return Response(ProductSerializer(product, context={"request": self.request}).data, status=code)

    @extend_schema(request=ProductCreateSerializer, responses={201: ProductSerializer})
    def create(self, request, *args, **kwargs):
        data = self._validated(ProductCreateSerializer, request.data)
        if data.get("variants"):
            data.setdefault("unit_price", data["variants"][0].get("unit_price"))
        product = services.product_create(actor=request.user, **data)
        return self._respond(product, status.HTTP_201_CREATED)

    @extend_schema(request=ProductUpdateSerializer, responses=ProductSerializer)
    def update(self, request, *args, **kwargs):
        product = self.get_object()
        data = self._validated(ProductUpdateSerializer, request.data, partial=kwargs.get("partial", False))
        product = services.product_update(actor=request.user, product=product, **data)
        return self._respond(product)

    @extend_schema(request=None, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._respond(services.product_publish(actor=request.user, product=self.get_object()))

    @extend_schema(request=None, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        return self._respond(services.product_unpublish(actor=request.user, product=self.get_object()))

    @extend_schema(request=None, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self._respond(services.product_archive(actor=request.user, product=self.get_object()))

    @extend_schema(request=StockAdjustSerializer, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def stock(self, request, pk=None):
        data = self._validated(StockAdjustSerializer, request.data)
        return self._respond(services.product_stock_adjust(actor=request.user, product=self.get_object(), **data))

    @extend_schema(request={"multipart/form-data": ImageUploadSerializer}, responses={201: ProductImageSerializer})
    @action(detail=True, methods=["post"], url_path="images", parser_classes=[MultiPartParser, FormParser])
    def images(self, request, pk=None):
        product = self.get_object()
        data = self._validated(ImageUploadSerializer, request.data)
        image = services.product_image_add(actor=request.user, product=product, upload=data["image"])
        image.refresh_from_db()
        return Response(ProductImageSerializer(image).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ImageOrderSerializer, responses=ProductImageSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="images/reorder")
    def images_reorder(self, request, pk=None):
        product = self.get_object()
        data = self._validated(ImageOrderSerializer, request.data)
        ordered = services.product_images_reorder(actor=request.user, product=product, image_ids=data["order"])
        return Response(ProductImageSerializer(ordered, many=True).data)

    @extend_schema(
        request=None,
        responses={204: None},
        parameters=[OpenApiParameter("image_id", int, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["delete"], url_path=r"images/(?P<image_id>\d+)")
    def image_delete(self, request, pk=None, image_id=None):
        product = self.get_object()
        image = get_object_or_404(ProductImage, pk=image_id, product=product)
        services.product_image_delete(actor=request.user, image=image)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register_routes(router) -> None:
    """Register this app's API resources on the shared router (config/api_urls.py)."""
    router.register("categories", CategoryViewSet, basename="category")
    router.register("shops", ShopViewSet, basename="shop")
    router.register("products", ProductViewSet, basename="product")
