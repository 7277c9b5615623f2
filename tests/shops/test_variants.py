"""Product options (issue 18): listed with the product, edited, reordered and retired; the product's price and
stock are their summary; the catalogue shows and filters by their prices."""

from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token

from core.errors import ValidationFailed
from shops import services
from shops.models import Category, Product, ProductVariant
from tests.factories import ProductFactory, ShopFactory
from tests.shops.pages import card_names

pytestmark = pytest.mark.django_db

D = Decimal
ORANGES = [
    {"name": "5 斤装", "unit_price": "39.00", "stock": "80", "shipping_weight_kg": "2.8"},
    {"name": "10 斤装", "unit_price": "72.00", "stock": "40", "shipping_weight_kg": "5.5"},
]


def oranges(farmer, **extra) -> Product:
    return services.product_create(
        actor=farmer,
        shop=ShopFactory(owner=farmer),
        category=Category.objects.get(slug="citrus"),
        name="脐橙",
        unit="box",
        unit_price=D("39.00"),
        publish=True,
        variants=[dict(option) for option in ORANGES],
        **extra,
    )


def summary(product: Product) -> tuple:
    product.refresh_from_db()
    return product.unit_price, product.price_max, product.stock


def test_a_product_listed_without_options_gets_one_with_its_figures(farmer):
    product = services.product_create(
        actor=farmer,
        shop=ShopFactory(owner=farmer),
        category=Category.objects.get(slug="pickles"),
        name="酸菜",
        unit_price=D("18.50"),
        stock=D("30"),
        order_step=D("1.5"),
        order_minimum=D("3"),
        shipping_weight_kg=D("1.2"),
    )
    (option,) = product.variants.all()
    assert (option.name, option.unit_price, option.stock, option.order_step, option.order_minimum) == (
        "",
        D("18.50"),
        D("30"),
        D("1.5"),
        D("3"),
    )
    assert option.shipping_weight_kg == D("1.2") and option.is_active


def test_a_product_listed_with_options_sums_them_up(farmer):
    product = oranges(farmer)
    assert [(o.name, o.position, o.unit_price, o.stock) for o in product.variants.all()] == [
        ("5 斤装", 0, D("39.00"), D("80")),
        ("10 斤装", 1, D("72.00"), D("40")),
    ]
    assert summary(product) == (D("39.00"), D("72.00"), D("120"))
    assert product.has_price_range and product.shipping_weight_kg == D("2.8")


@pytest.mark.parametrize(
    ("options", "field", "words"),
    [
        ([{"name": "a", "unit_price": "0.01"}, {"name": "b", "unit_price": "9"}], "variants.0.unit_price", "between"),
        ([{"name": "a", "unit_price": "9", "order_step": "2", "order_minimum": "3"}], "variants.0.order_minimum", ""),
        ([{"name": "a", "unit_price": "9"}, {"name": "A", "unit_price": "12"}], "variants.1.name", "same name"),
        ([{"name": "", "unit_price": "9"}, {"name": "b", "unit_price": "12"}], "variants.0.name", "Name each"),
        ([{"name": "a"}], "variants.0.unit_price", "price"),
        ([{"name": "a", "unit_price": "9", "stock": "-1"}], "variants.0.stock", "negative"),
        ([{"name": "a", "unit_price": "9", "is_active": False}], "variants", "at least one"),
    ],
)
def test_options_are_checked_like_products_and_nothing_is_written(farmer, options, field, words):
    before = (Product.objects.count(), ProductVariant.objects.count())
    with pytest.raises(ValidationFailed) as error:
        services.product_create(
            actor=farmer,
            shop=ShopFactory(owner=farmer),
            category=Category.objects.get(slug="citrus"),
            name="脐橙",
            unit="box",
            unit_price=D("9"),
            variants=options,
        )
    assert field in error.value.fields, error.value.fields
    assert words.lower() in " ".join(error.value.fields[field]).lower()
    assert (Product.objects.count(), ProductVariant.objects.count()) == before


def test_options_are_added_changed_reordered_and_retired_with_the_summary(farmer):
    product = oranges(farmer)
    small, large = product.variants.all()
    product = services.product_variants_save(
        actor=farmer,
        product=product,
        variants=[
            {"id": large.pk, "unit_price": "70.00"},
            {"name": "20 斤装", "unit_price": "130.00", "stock": "10", "shipping_weight_kg": "10.5"},
        ],
    )
    rows = list(product.variants.order_by("position", "pk").values_list("name", "position", "unit_price", "is_active"))
    assert ("10 斤装", 0, D("70.00"), True) in rows and ("20 斤装", 1, D("130.00"), True) in rows
    small.refresh_from_db()
    assert not small.is_active and small.stock == D("80")  # retired, kept for past orders, its stock untouched
    assert summary(product) == (D("70.00"), D("130.00"), D("50"))
    # Put back on sale by its id; two options swapping names is fine.
    product = services.product_variants_save(
        actor=farmer,
        product=product,
        variants=[
            {"id": small.pk, "is_active": True, "name": "10 斤装"},
            {"id": large.pk, "name": "5 斤装"},
        ],
    )
    assert summary(product) == (D("39.00"), D("70.00"), D("120"))


def test_an_existing_options_stock_moves_only_by_adjustment(farmer):
    product = oranges(farmer)
    small, large = product.variants.all()
    with pytest.raises(ValidationFailed) as error:
        services.product_variants_save(
            actor=farmer, product=product, variants=[{"id": small.pk, "stock": "1000"}, {"id": large.pk}]
        )
    assert "variants.0.stock" in error.value.fields
    with pytest.raises(ValidationFailed) as error:
        services.product_stock_adjust(actor=farmer, product=product, delta="5")
    assert "variant" in error.value.fields  # several options: say which
    product = services.product_stock_adjust(actor=farmer, product=product, delta="5", variant=large.pk)
    large.refresh_from_db()
    assert large.stock == D("45") and summary(product)[2] == D("125")
    with pytest.raises(ValidationFailed):
        services.product_stock_adjust(actor=farmer, product=product, delta="-46", variant=large.pk)


def test_a_new_option_cannot_take_a_retired_options_name(farmer):
    product = oranges(farmer)
    small, large = product.variants.all()
    services.product_variants_save(actor=farmer, product=product, variants=[{"id": large.pk}])
    with pytest.raises(ValidationFailed) as error:
        services.product_variants_save(
            actor=farmer, product=product, variants=[{"id": large.pk}, {"name": "5 斤装", "unit_price": "40"}]
        )
    assert "retired" in error.value.fields["variants.1.name"][0]


def test_editing_the_price_of_a_one_option_product_changes_its_option(farmer):
    product = ProductFactory(shop=ShopFactory(owner=farmer))
    services.product_update(actor=farmer, product=product, unit_price=D("20.00"), order_minimum=D("2"))
    option = product.variants.get()
    assert (option.unit_price, option.order_minimum) == (D("20.00"), D("2"))
    assert summary(product)[:2] == (D("20.00"), D("20.00"))


def test_editing_the_price_of_a_several_option_product_must_name_the_option(farmer):
    product = oranges(farmer)
    with pytest.raises(ValidationFailed) as error:
        services.product_update(actor=farmer, product=product, unit_price=D("10.00"))
    assert error.value.code == "has_options"
    services.product_update(actor=farmer, product=product, name="赣南脐橙", unit_price=D("39.00"))  # unchanged: fine
    assert Product.objects.get(pk=product.pk).name == "赣南脐橙"


def test_a_new_unit_checks_every_options_price(farmer):
    product = oranges(farmer)
    services.product_variants_save(
        actor=farmer,
        product=product,
        variants=[{"id": v.pk} for v in product.variants.all()] + [{"name": "礼盒", "unit_price": "1500"}],
    )
    with pytest.raises(ValidationFailed) as error:  # 1,500 yuan a box is fine; a jin is at most 1,000
        services.product_update(actor=farmer, product=product, unit="jin")
    assert "unit_price" in error.value.fields
    services.product_variants_save(
        actor=farmer, product=product, variants=[{"id": v.pk} for v in product.variants.filter(unit_price__lt=100)]
    )
    assert services.product_update(actor=farmer, product=product, unit="jin").unit == "jin"


# --- catalogue


def test_cards_show_the_price_range_and_the_filter_matches_any_option(client, farmer):
    product = oranges(farmer)
    ProductFactory(name="Cabbage", unit_price=D("50.00"))
    page = client.get("/shop/").content.decode()
    assert "¥39.00–72.00" in page
    # 45 to 60: between the two options, no option in the window (the range straddles it).
    assert "脐橙" not in card_names(client.get("/shop/", {"price_min": "45", "price_max": "60"}))
    assert "脐橙" in card_names(client.get("/shop/", {"price_min": "60", "price_max": "80"}))
    assert "脐橙" in card_names(client.get("/shop/", {"price_min": "30", "price_max": "40"}))
    assert "脐橙" in card_names(client.get("/shop/", {"price_min": "70"}))
    assert "脐橙" not in card_names(client.get("/shop/", {"price_max": "38"}))
    # A retired option's price no longer counts.
    small, large = product.variants.all()
    services.product_variants_save(actor=farmer, product=product, variants=[{"id": small.pk}])
    assert "脐橙" not in card_names(client.get("/shop/", {"price_min": "60", "price_max": "80"}))


@pytest.mark.parametrize("count", [2, 12])
def test_the_catalogue_with_options_runs_a_constant_number_of_queries(
    client, api_client, farmer, django_assert_num_queries, count
):
    for index in range(count):
        product = oranges(farmer) if index % 2 else ProductFactory()
        assert product.variants.exists()
    # count, page, photos, group-buy marks; categories, provinces, counties and pre-sale marks drawn the first time
    with django_assert_num_queries(8):
        assert client.get("/shop/", {"price_min": "10", "price_max": "50"}).status_code == 200
    with django_assert_num_queries(4):  # count, page, photos, options
        listed = api_client.get("/api/products/", {"page_size": 50, "price_min": "10", "price_max": "50"}).json()
    assert len(listed["results"]) == count


# --- REST


def as_user(api_client, user):
    token, _ = Token.objects.get_or_create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client


def test_products_are_listed_with_options_and_options_written_over_rest(api_client, farmer):
    shop = ShopFactory(owner=farmer)
    client = as_user(api_client, farmer)
    payload = {"shop": shop.pk, "category": "citrus", "name": "脐橙", "unit": "box", "variants": ORANGES}
    response = client.post("/api/products/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["unit_price"], body["price_max"], body["stock"]) == ("39.00", "72.00", "120.000")
    assert [(v["name"], v["unit_price"], v["stock"]) for v in body["variants"]] == [
        ("5 斤装", "39.00", "80.000"),
        ("10 斤装", "72.00", "40.000"),
    ]
    small, large = body["variants"]
    response = client.patch(
        f"/api/products/{body['id']}/",
        {"variants": [{"id": large["id"]}, {"id": small["id"], "unit_price": "35.00"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [v["name"] for v in response.json()["variants"]] == ["10 斤装", "5 斤装"]
    assert response.json()["unit_price"] == "35.00"
    response = client.post(f"/api/products/{body['id']}/stock/", {"delta": "4", "variant": small["id"]}, format="json")
    assert response.status_code == 200 and response.json()["stock"] == "124.000"


@pytest.mark.parametrize(
    ("variants", "field"),
    [
        ([{"name": "a", "unit_price": "9"}, {"name": "a", "unit_price": "12"}], "variants.1.name"),
        ([{"name": "a", "unit_price": "9", "order_step": "2", "order_minimum": "3"}], "variants.0.order_minimum"),
        ([{"id": 999999999, "unit_price": "9"}], "variants.0.id"),
        ([{"name": "a", "unit_price": "nine"}], "variants"),
        ([], "variants"),
    ],
)
def test_bad_options_over_rest_are_400_with_field_messages(api_client, farmer, variants, field):
    product = oranges(farmer)
    before = list(ProductVariant.objects.order_by("pk").values_list("pk", "name", "unit_price", "is_active"))
    response = as_user(api_client, farmer).patch(f"/api/products/{product.pk}/", {"variants": variants}, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()["fields"], response.json()
    assert list(ProductVariant.objects.order_by("pk").values_list("pk", "name", "unit_price", "is_active")) == before


def test_another_shops_option_cannot_be_edited_through_this_product(api_client, farmer):
    mine = oranges(farmer)
    other = ProductFactory()
    foreign = other.variants.get()
    response = as_user(api_client, farmer).patch(
        f"/api/products/{mine.pk}/", {"variants": [{"id": foreign.pk, "unit_price": "1.00"}]}, format="json"
    )
    assert response.status_code == 400 and "variants.0.id" in response.json()["fields"]
    foreign.refresh_from_db()
    assert foreign.unit_price == D("18.50")


# --- pages


def test_the_farmer_adds_and_retires_options_on_the_edit_page(client, farmer):
    product = ProductFactory(shop=ShopFactory(owner=farmer), unit="box", unit_price=D("39.00"))
    (only,) = product.variants.all()
    client.force_login(farmer)
    page = client.get(f"/shop/products/{product.pk}/edit/")
    assert page.status_code == 200 and "options-TOTAL_FORMS" in page.content.decode()
    data = {
        "options-TOTAL_FORMS": "2",
        "options-INITIAL_FORMS": "2",
        "options-0-id": str(only.pk),
        "options-0-name": "5 斤装",
        "options-0-unit_price": "39.00",
        "options-0-order_step": "1",
        "options-0-order_minimum": "1",
        "options-0-position": "2",
        "options-0-is_active": "on",
        "options-1-name": "10 斤装",
        "options-1-unit_price": "72.00",
        "options-1-stock": "40",
        "options-1-order_step": "1",
        "options-1-order_minimum": "1",
        "options-1-position": "1",
        "options-1-is_active": "on",
    }
    response = client.post(f"/shop/products/{product.pk}/options/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(product.variants.order_by("position").values_list("name", "unit_price")) == [
        ("10 斤装", D("72.00")),
        ("5 斤装", D("39.00")),
    ]
    assert summary(product) == (D("39.00"), D("72.00"), D("140"))
    # A bad price is shown on its row, nothing written.
    data["options-1-unit_price"] = "0"
    data["options-0-id"], data["options-1-id"] = str(only.pk), str(product.variants.get(name="10 斤装").pk)
    data["options-TOTAL_FORMS"] = "2"
    response = client.post(f"/shop/products/{product.pk}/options/", data)
    assert response.status_code == 200 and "more than zero" in response.content.decode()
    # Retire one: untick "On sale".
    del data["options-0-is_active"]
    data["options-1-unit_price"] = "72.00"
    assert client.post(f"/shop/products/{product.pk}/options/", data).status_code == 302
    assert summary(product) == (D("72.00"), D("72.00"), D("40"))
