"""A stand-in for the shops app's product page (built in parallel), under its final URL name."""

from django.http import Http404, HttpResponse
from django.urls import include, path

from shops.models import Product


def product_detail(request, pk: int):
    if not Product.objects.filter(pk=pk).exists():
        raise Http404
    return HttpResponse("product")


shops_patterns = ([path("products/<int:pk>/", product_detail, name="product_detail")], "shops")
urlpatterns = [path("shop/", include(shops_patterns))]
