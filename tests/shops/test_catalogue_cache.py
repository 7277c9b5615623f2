"""Cached catalogue answers (shops.catalogue_cache): every write the catalogue shows makes the next request
draw the new data, including writes that commit while a request is drawing."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse

from shops import catalogue_cache, services
from shops.models import Category, ImageStatus, Product, ProductImage, ProductStatus, SearchSynonym, ShopStatus
from tests.factories import BuyerFactory, ProductFactory
from tests.orders.factories import pay, place
from tests.shops.pages import card_names

pytestmark = pytest.mark.django_db
CATALOGUE = reverse("shops:catalogue")


def api_rows(api_client, **params) -> dict[str, dict]:
    response = api_client.get("/api/products/", params)
    assert response.status_code == 200
    return {row["name"]: row for row in response.json()["results"]}


def test_a_repeated_query_is_served_from_the_cache(client, api_client, django_assert_num_queries):
    ProductFactory(name="Libei shiitake 香菇")
    assert card_names(client.get(CATALOGUE, {"q": "香菇"})) == ["Libei shiitake 香菇"]
    assert list(api_rows(api_client, q="香菇")) == ["Libei shiitake 香菇"]
    assert api_client.get("/api/products/suggest/", {"q": "xiangg"}).status_code == 200
    with django_assert_num_queries(0):  # anonymous: no session, no product query
        assert card_names(client.get(CATALOGUE, {"q": "香菇"})) == ["Libei shiitake 香菇"]
        assert list(api_rows(api_client, q="香菇")) == ["Libei shiitake 香菇"]
        assert api_client.get("/api/products/suggest/", {"q": "xiangg"}).status_code == 200
    assert api_client.get("/api/products/suggest/", {"q": "xiangg"}).json()["results"][0]["name"] == (
        "Libei shiitake 香菇"
    )


def test_saves_and_bulk_writes_show_at_once(client, api_client):
    product = ProductFactory(name="Rice tofu", unit_price=Decimal("12.00"), stock=Decimal("5"))
    assert api_rows(api_client)["Rice tofu"]["unit_price"] == "12.00"
    assert "sold out" not in client.get(CATALOGUE).content.decode()

    services.product_update(actor=product.shop.owner, product=product, unit_price=Decimal("15.00"))
    assert api_rows(api_client)["Rice tofu"]["unit_price"] == "15.00"

    Product.objects.filter(pk=product.pk).update(stock=Decimal("0"))  # a bulk write, as the orders' are
    assert api_rows(api_client)["Rice tofu"]["stock"] == "0.000"
    assert "sold out" in client.get(CATALOGUE).content.decode()
    assert card_names(client.get(CATALOGUE, {"in_stock": "on"})) == []

    shop = product.shop
    shop.name = "Renamed shop"
    shop.save()
    assert api_rows(api_client)["Rice tofu"]["shop_name"] == "Renamed shop"
    village = shop.village
    village.name = "Renamed village"
    village.save()
    assert "Renamed village" in client.get(CATALOGUE).content.decode()

    ProductImage.objects.create(
        product=product,
        image="products/a.jpg",
        width=640,
        height=480,
        thumbnail_small="products/a-320.jpg",
        status=ImageStatus.READY,
    )
    assert "products/a-320.jpg" in client.get(CATALOGUE).content.decode()
    ProductImage.objects.filter(product=product).delete()
    assert "products/a-320.jpg" not in client.get(CATALOGUE).content.decode()

    Category.objects.filter(pk=product.category_id).update(name="Soy goods")
    assert api_rows(api_client)["Rice tofu"]["category_name"] == "Soy goods"

    services.product_unpublish(actor=shop.owner, product=product)
    assert api_rows(api_client) == {}
    assert card_names(client.get(CATALOGUE)) == []


def test_a_suspended_shop_and_a_new_synonym_show_at_once(client, django_capture_on_commit_callbacks):
    product = ProductFactory(name="Dragon fruit 火龙果")
    assert card_names(client.get(CATALOGUE, {"q": "红龙果"})) == []
    with django_capture_on_commit_callbacks(execute=True):  # the synonym map is forgotten after the commit
        services.search_synonyms_save(group=SearchSynonym(words="火龙果, 红龙果"))
    assert card_names(client.get(CATALOGUE, {"q": "红龙果"})) == ["Dragon fruit 火龙果"]
    product.shop.status = ShopStatus.SUSPENDED
    product.shop.save()
    assert card_names(client.get(CATALOGUE, {"q": "红龙果"})) == []


def test_a_checkout_and_its_payment_show_in_stock_and_sales(client, api_client, django_capture_on_commit_callbacks):
    product = ProductFactory(name="Walnuts", stock=Decimal("3"), units_sold=Decimal("0"))
    assert api_rows(api_client)["Walnuts"]["stock"] == "3.000"
    # The stock is taken in raw SQL on PostgreSQL, and the version moved once committed (not under the locks).
    with django_capture_on_commit_callbacks(execute=True):
        (order,) = place(BuyerFactory(), (product, 3))
    row = api_rows(api_client)["Walnuts"]
    assert row["stock"] == "0.000"
    assert "sold out" in client.get(CATALOGUE).content.decode()
    pay(order)
    assert api_rows(api_client, sort="best_selling")["Walnuts"]["units_sold"] == "3.000"


def test_signed_in_owners_see_their_drafts_not_the_visitors_cached_page(api_client, farmer):
    ProductFactory(shop__owner=farmer, name="Published one")
    ProductFactory(shop__owner=farmer, status=ProductStatus.DRAFT, name="My draft")
    assert list(api_rows(api_client)) == ["Published one"]
    api_client.force_authenticate(farmer)
    assert sorted(api_rows(api_client)) == ["My draft", "Published one"]
    api_client.force_authenticate(None)
    assert list(api_rows(api_client)) == ["Published one"]


def test_the_next_link_follows_the_host_asked(api_client):
    for _ in range(3):
        ProductFactory()
    first = api_client.get("/api/products/", {"page_size": 2}, HTTP_HOST="localhost").json()
    second = api_client.get("/api/products/", {"page_size": 2}, HTTP_HOST="127.0.0.1").json()
    assert first["next"].startswith("http://localhost/")
    assert second["next"].startswith("http://127.0.0.1/")


def test_the_version_survives_a_lost_cache_without_reusing_numbers():
    from django.core.cache import cache

    before = catalogue_cache.version()
    catalogue_cache.changed()
    assert catalogue_cache.version() > before
    cache.delete(catalogue_cache.VERSION_KEY)  # evicted, or Redis restarted while answers survived elsewhere
    assert catalogue_cache.version() not in (before, before + 1, before + 2)


@pytest.mark.django_db(transaction=True)
def test_an_answer_drawn_while_a_write_commits_is_not_served_after_the_commit():
    """The writer's transaction moves the version, a reader then draws the old rows (not committed yet) under the
    moved version, the writer commits: the reader's answer must not be served any more."""
    product = ProductFactory(name="Green tea", unit_price=Decimal("10.00"))
    written, commit = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                Product.objects.filter(pk=product.pk).update(unit_price=Decimal("20.00"))
                written.set()
                commit.wait(10)
        finally:
            connection.close()

    def price() -> list[Decimal]:
        return list(Product.objects.filter(pk=product.pk).values_list("unit_price", flat=True))

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(10)
    assert catalogue_cache.cached("test", "price", price) == [Decimal("10.00")]  # the old row, under the new version
    commit.set()
    thread.join(10)
    assert catalogue_cache.cached("test", "price", price) == [Decimal("20.00")]
