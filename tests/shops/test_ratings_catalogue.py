"""Catalogue cards show units sold and the rating from the product's own columns (kept by shops.reviews): no
query per card, whatever the page size, and a `rating` sort."""

from decimal import Decimal

import pytest

from shops.models import Product
from tests.factories import ProductFactory, ShopFactory
from tests.shops.pages import card_names

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [3, 30])
def test_cards_show_sold_and_rating_and_sort_by_rating_in_constant_queries(
    client, api_client, django_assert_num_queries, count
):
    products = [ProductFactory(shop=ShopFactory(), units_sold=Decimal("12")) for _ in range(count)]
    best = products[count // 2]
    Product.objects.filter(pk=best.pk).update(rating_average=Decimal("4.67"), rating_count=3)
    # count, page, photos, group-buy marks; categories, provinces, counties drawn the first time; the products on
    # pre-sale (cached)
    with django_assert_num_queries(8):
        page = client.get("/shop/", {"sort": "rating"})
    html = page.content.decode()
    assert "★ 4.7" in html and "12 kg sold" in html
    assert card_names(page)[0] == best.name
    with django_assert_num_queries(4):  # count, page, photos, options
        listed = api_client.get("/api/products/", {"sort": "rating", "page_size": 50}).json()
    assert listed["results"][0]["id"] == best.pk
    assert (listed["results"][0]["rating_average"], listed["results"][0]["rating_count"]) == ("4.67", 3)
