"""REST: shops, categories, products with the catalogue filters, writes by owner/operator/admin only, photos."""

from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token

from shops.models import Category, ImageStatus, Product, ProductImage, ProductStatus, SalesChannel, Shop
from tests.factories import AdminFactory, BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, StationFactory
from tests.shops.photo_files import image_bytes, jpeg_upload, upload

pytestmark = pytest.mark.django_db


def as_user(api_client, user):
    token, _ = Token.objects.get_or_create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client


def product_payload(shop, **extra):
    return {
        "shop": shop.pk,
        "category": "pickles",
        "name": "Pickled cabbage",
        "unit": "kg",
        "unit_price": "18.50",
        "stock": "30",
        "order_step": "1.5",
        "order_minimum": "1.5",
        **extra,
    }


def test_categories_are_public_and_form_a_tree(api_client):
    data = api_client.get("/api/categories/").json()
    by_slug = {row["slug"]: row for row in data}
    assert by_slug["pickles"]["parent"] == by_slug["preserved-foods"]["id"]


def test_product_list_is_public_with_the_catalogue_filters(api_client):
    ProductFactory(name="Rice tofu 米豆腐", unit_price=Decimal("16"), category=Category.objects.get(slug="tofu"))
    ProductFactory(name="Kiwi", unit_price=Decimal("30"), category=Category.objects.get(slug="kiwi"))
    ProductFactory(name="Draft", status=ProductStatus.DRAFT)
    response = api_client.get("/api/products/", {"q": "豆腐"})
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["Rice tofu 米豆腐"]
    rows = api_client.get("/api/products/", {"category": "preserved-foods"}).json()["results"]
    assert [row["name"] for row in rows] == ["Rice tofu 米豆腐"]
    rows = api_client.get("/api/products/", {"sort": "price_desc"}).json()["results"]
    assert [row["name"] for row in rows] == ["Kiwi", "Rice tofu 米豆腐"]
    assert api_client.get("/api/products/", {"price_min": "20"}).json()["count"] == 1
    row = rows[0]
    assert row["unit_price"] == "30.00" and row["category"] == "kiwi" and "village_name" in row


def test_bad_filters_are_a_400_with_fields(api_client):
    response = api_client.get("/api/products/", {"price_min": "cheap", "sort": "random"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"price_min", "sort"}


@pytest.mark.parametrize("count", [2, 20])
def test_product_list_runs_a_constant_number_of_queries(api_client, django_assert_num_queries, count):
    for _ in range(count):
        product = ProductFactory(shop=ShopFactory())
        ProductImage.objects.create(product=product, image="products/a.jpg", width=10, height=10)
    with django_assert_num_queries(4):  # count, page, photos, options
        response = api_client.get("/api/products/", {"page_size": 50})
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_shop_list_runs_a_constant_number_of_queries(api_client, django_assert_num_queries, count):
    for _ in range(count):
        ShopFactory().channels.set(SalesChannel.objects.filter(code__in=["taobao", "jd"]))
    with django_assert_num_queries(3):  # count, page, channels
        response = api_client.get("/api/shops/", {"page_size": 50})
    assert response.json()["count"] == count
    assert response.json()["results"][0]["channels"] == ["taobao", "jd"]


def test_a_farmer_creates_publishes_and_adjusts_over_rest(api_client, farmer):
    shop = ShopFactory(owner=farmer)
    client = as_user(api_client, farmer)
    response = client.post("/api/products/", product_payload(shop), format="json")
    assert response.status_code == 201, response.json()
    product_id = response.json()["id"]
    assert response.json()["status"] == "draft" and response.json()["listed_by"] == farmer.pk
    assert client.post(f"/api/products/{product_id}/publish/").json()["status"] == "published"
    assert client.post(f"/api/products/{product_id}/publish/").status_code == 409
    assert client.post(f"/api/products/{product_id}/stock/", {"delta": "-1.5"}, format="json").json()["stock"] == (
        "28.500"
    )
    response = client.post(f"/api/products/{product_id}/stock/", {"delta": "-100"}, format="json")
    assert response.status_code == 400 and "delta" in response.json()["fields"]
    response = client.patch(f"/api/products/{product_id}/", {"unit_price": "19.90"}, format="json")
    assert response.status_code == 200 and response.json()["unit_price"] == "19.90"
    assert client.post(f"/api/products/{product_id}/archive/").json()["status"] == "archived"


def test_invalid_product_is_a_400_with_field_messages(api_client, farmer):
    shop = ShopFactory(owner=farmer)
    client = as_user(api_client, farmer)
    response = client.post("/api/products/", product_payload(shop, unit_price="0", order_minimum="2"), format="json")
    assert response.status_code == 400
    assert {"unit_price", "order_minimum"} & set(response.json()["fields"])
    response = client.post("/api/products/", product_payload(shop, order_minimum="2"), format="json")
    assert response.status_code == 400 and "order_minimum" in response.json()["fields"]
    assert not Product.objects.exists()


@pytest.mark.parametrize("who", ["buyer", "other_farmer", "other_operator", "anonymous"])
def test_writes_are_refused_to_others(api_client, who):
    product = ProductFactory(status=ProductStatus.DRAFT)
    published = ProductFactory(shop=product.shop)
    users = {
        "buyer": BuyerFactory,
        "other_farmer": lambda: FarmerFactory(home_village=product.shop.village),
        "other_operator": lambda: StationFactory().operator,
    }
    client = as_user(api_client, users[who]()) if who in users else api_client
    expected = 401 if who == "anonymous" else 403
    assert client.post("/api/products/", product_payload(product.shop), format="json").status_code == expected
    assert client.patch(f"/api/products/{published.pk}/", {"name": "x"}, format="json").status_code == expected
    assert client.post(f"/api/products/{published.pk}/unpublish/").status_code == expected
    assert client.post(f"/api/products/{published.pk}/stock/", {"delta": "1"}, format="json").status_code == expected
    photo = client.post(f"/api/products/{published.pk}/images/", {"image": jpeg_upload()}, format="multipart")
    assert photo.status_code == expected
    # A draft of someone else's shop does not even exist for them.
    assert client.post(f"/api/products/{product.pk}/publish/").status_code in (404, 401)
    assert client.patch(f"/api/shops/{product.shop.pk}/", {"name": "x"}, format="json").status_code in (404, 401)
    assert client.get(f"/api/products/{published.pk}/").status_code == 200  # reading is fine
    published.refresh_from_db()
    assert published.name != "x" and published.status == ProductStatus.PUBLISHED and not published.images.exists()


def test_the_village_operator_and_admin_may_write(api_client, station):
    farmer = FarmerFactory(home_village=station.village)
    client = as_user(api_client, station.operator)
    response = client.post(
        "/api/shops/", {"owner": farmer.pk, "name": "Station-opened", "channels": ["jd"]}, format="json"
    )
    assert response.status_code == 201, response.json()
    shop = Shop.objects.get(pk=response.json()["id"])
    assert shop.owner == farmer and shop.created_by == station.operator
    response = client.post("/api/products/", product_payload(shop, publish=True), format="json")
    assert response.status_code == 201 and response.json()["listed_by"] == station.operator.pk
    stranger = FarmerFactory()
    assert client.post("/api/shops/", {"owner": stranger.pk, "name": "x"}, format="json").status_code == 403
    admin = as_user(api_client, AdminFactory())
    assert admin.patch(f"/api/shops/{shop.pk}/", {"description": "Rice and eggs"}, format="json").status_code == 200


def test_a_farmer_opens_their_own_shop_and_lists_it_with_mine(api_client, farmer):
    client = as_user(api_client, farmer)
    response = client.post("/api/shops/", {"name": "Long pickles", "channels": ["taobao", "own_site"]}, format="json")
    assert response.status_code == 201
    assert response.json()["village"] == farmer.home_village_id
    assert sorted(response.json()["channels"]) == ["own_site", "taobao"]
    assert client.post("/api/shops/", {"name": "x", "channels": ["ebay"]}, format="json").status_code == 400
    assert [row["name"] for row in client.get("/api/shops/", {"mine": "true"}).json()["results"]] == ["Long pickles"]
    buyer = as_user(api_client, BuyerFactory())
    assert buyer.post("/api/shops/", {"name": "Buyer shop"}, format="json").status_code == 403


def test_owners_see_their_drafts_in_the_list(api_client, farmer):
    ProductFactory(shop__owner=farmer, status=ProductStatus.DRAFT, name="My draft")
    ProductFactory(status=ProductStatus.DRAFT, name="Their draft")
    assert api_client.get("/api/products/").json()["count"] == 0
    rows = as_user(api_client, farmer).get("/api/products/", {"status": "draft"}).json()["results"]
    assert [row["name"] for row in rows] == ["My draft"]


def test_image_upload_reorder_and_delete(api_client, farmer, django_capture_on_commit_callbacks):
    product = ProductFactory(shop__owner=farmer)
    client = as_user(api_client, farmer)
    url = f"/api/products/{product.pk}/images/"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"image": jpeg_upload("a.jpg")}, format="multipart")
        second = client.post(url, {"image": upload("b.webp", image_bytes("WEBP"), "image/webp")}, format="multipart")
    assert first.status_code == 201 and second.status_code == 201
    assert first.json()["status"] == ImageStatus.PROCESSING  # the thumbnails come after the response
    ids = [second.json()["id"], first.json()["id"]]
    response = client.post(f"{url}reorder/", {"order": ids}, format="json")
    assert response.status_code == 200 and [row["id"] for row in response.json()] == ids
    detail = client.get(f"/api/products/{product.pk}/").json()
    assert [row["id"] for row in detail["images"]] == ids
    assert all(row["status"] == "ready" and row["thumbnail_small"] for row in detail["images"])
    assert client.post(f"{url}reorder/", {"order": ids[:1]}, format="json").status_code == 400
    assert client.delete(f"{url}{ids[0]}/").status_code == 204
    assert [row["id"] for row in client.get(f"/api/products/{product.pk}/").json()["images"]] == ids[1:]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.jpg", b"GIF89a not really", "not an image"),
        ("x.webp", image_bytes("PNG"), "content is PNG"),
        ("x.exe", image_bytes("JPEG"), "JPEG, PNG or WebP"),
    ],
)
def test_rejected_image_upload_is_a_400_with_the_reason(api_client, farmer, name, data, message):
    product = ProductFactory(shop__owner=farmer)
    response = as_user(api_client, farmer).post(
        f"/api/products/{product.pk}/images/", {"image": upload(name, data)}, format="multipart"
    )
    assert response.status_code == 400
    assert message in response.json()["fields"]["image"][0]
    assert not product.images.exists()


def test_image_upload_without_a_file_is_a_400(api_client, farmer):
    product = ProductFactory(shop__owner=farmer)
    response = as_user(api_client, farmer).post(f"/api/products/{product.pk}/images/", {}, format="multipart")
    assert response.status_code == 400 and "image" in response.json()["fields"]


def test_schema_documents_the_shop_resources(api_client):
    response = api_client.get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/products/{id}/images/reorder/" in body and "/api/products/{id}/publish/" in body


def test_the_api_count_stops_at_the_cap(api_client, monkeypatch):
    from shops.selectors import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for _ in range(5):
        ProductFactory()
    body = api_client.get("/api/products/", {"page_size": 2}).json()
    assert body["count"] == 4 and len(body["results"]) == 2
    assert api_client.get("/api/products/", {"page_size": 2, "page": 2}).status_code == 200
