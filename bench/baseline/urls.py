from django.urls import path
from rest_framework import generics, pagination, serializers

from bench.baseline.models import Product


class ProductSerializer(serializers.ModelSerializer):
    shop_name = serializers.CharField(source="shop.name")

    class Meta:
        model = Product
        fields = ["id", "name", "unit_price", "shop", "shop_name"]


class Page(pagination.PageNumberPagination):
    page_size = 24


class ProductList(generics.ListAPIView):
    queryset = Product.objects.filter(status="published").select_related("shop").order_by("-created_at", "-id")
    serializer_class = ProductSerializer
    pagination_class = Page


urlpatterns = [path("products/", ProductList.as_view())]
