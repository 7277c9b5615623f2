"""Freight templates through the API and the pages (issue 16), and freight shown before paying."""

from decimal import Decimal

import pytest

from logistics.freight_services import FreightRuleInput, freight_template_create
from logistics.models import FreightProductTemplate, FreightTemplate
from tests.factories import BuyerFactory, FarmerFactory, ProductFactory, ShopFactory
from villages.models import Province

pytestmark = pytest.mark.django_db
D = Decimal


def _province(code):
    return Province.objects.get(code=code)


def _template(shop):
    return freight_template_create(
        actor=shop.owner,
        shop_id=shop.pk,
        name="Oranges",
        basis="weight",
        is_default=True,
        free_over_amount=None,
        free_over_weight=None,
        excluded_province_ids=[_province("54").pk],
        rules=[FreightRuleInput(None, "1", "8.00", "1", "2.00")],
    )


def test_api_create_update_assign_and_errors(api_client):
    shop = ShopFactory()
    product = ProductFactory(shop=shop)
    api_client.force_authenticate(shop.owner)
    body = {
        "shop": shop.pk,
        "name": "Fruit",
        "basis": "weight",
        "is_default": True,
        "free_over_amount": "99.00",
        "excluded_provinces": [_province("65").pk],
        "rules": [
            {"province": None, "first_unit": "1", "first_price": "8.00", "extra_unit": "1", "extra_price": "2.00"},
            {
                "province": _province("33").pk,
                "first_unit": "1",
                "first_price": "6.00",
                "extra_unit": "1",
                "extra_price": "1.00",
            },
        ],
    }
    created = api_client.post("/api/freight-templates/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["excluded_provinces"] == [_province("65").pk]
    template_id = created.json()["id"]
    bad = api_client.put(f"/api/freight-templates/{template_id}/", {**body, "rules": []}, format="json")
    assert bad.status_code == 400 and "rules" in bad.json()["fields"]
    second = api_client.post("/api/freight-templates/", {**body, "name": "Heavy", "is_default": False}, format="json")
    assign = api_client.post(
        "/api/freight-templates/assign/", {"product": product.pk, "template": second.json()["id"]}, format="json"
    )
    assert assign.status_code == 200
    assert FreightProductTemplate.objects.get(product=product).template_id == second.json()["id"]
    # Another farmer cannot see, change or use them.
    api_client.force_authenticate(FarmerFactory())
    assert api_client.get(f"/api/freight-templates/{template_id}/").status_code == 404
    assert api_client.post("/api/freight-templates/", body, format="json").status_code == 400
    assert (
        api_client.post(
            "/api/freight-templates/assign/", {"product": product.pk, "template": None}, format="json"
        ).status_code
        == 404
    )


def test_api_quote_and_undeliverable_checkout_answers_400_naming_the_product(api_client):
    shop = ShopFactory()
    _template(shop)
    oranges = ProductFactory(shop=shop, name="Navel oranges", unit_price=D("6.60"))
    api_client.force_authenticate(BuyerFactory())
    quote = api_client.post(
        "/api/orders/quote/",
        {"items": [{"product": oranges.pk, "quantity": "5"}], "ship_province": _province("33").pk},
        format="json",
    )
    assert quote.status_code == 200
    assert quote.json()["shops"][0]["shipping_fee"] == "16.00"
    assert quote.json()["total"] == "49.00"
    refused = api_client.post(
        "/api/orders/",
        {
            "items": [{"product": oranges.pk, "quantity": "5"}],
            "recipient_name": "Sun",
            "recipient_phone": "13800000000",
            "ship_province": _province("54").pk,
            "ship_city": "Lhasa",
            "ship_county": "Chengguan",
            "ship_address": "1 Road",
        },
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "undeliverable"
    assert "Navel oranges" in refused.json()["fields"]["ship_province"][0]


def test_cart_and_checkout_pages_show_freight_per_shop_and_refuse_undeliverable(client):
    shop = ShopFactory()
    _template(shop)
    oranges = ProductFactory(shop=shop, name="Navel oranges", unit_price=D("6.60"))
    buyer = BuyerFactory()
    client.force_login(buyer)
    client.post("/orders/cart/add/", {"product": oranges.pk, "quantity": "5"})
    cart = client.get("/orders/cart/", {"province": _province("33").pk})
    assert "16.00" in cart.content.decode() and "49.00" in cart.content.decode()
    address = {
        "recipient_name": "Sun",
        "recipient_phone": "13800000000",
        "ship_province": _province("54").pk,
        "ship_city": "Lhasa",
        "ship_county": "Chengguan",
        "ship_address": "1 Road",
    }
    refused = client.post("/orders/checkout/", address)
    assert refused.status_code == 200
    assert "Navel oranges" in refused.context["form"].errors["ship_province"][0]
    quoted = client.post("/orders/checkout/", {**address, "ship_province": _province("33").pk, "quote": "1"})
    assert quoted.status_code == 200 and "16.00" in quoted.content.decode()
    placed = client.post("/orders/checkout/", {**address, "ship_province": _province("33").pk})
    assert placed.status_code == 302
    assert buyer.orders.get().shipping_fee == D("16.00")


def test_farmer_pages_create_default_then_edit(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    page = client.get("/logistics/freight/")
    assert page.status_code == 200
    created = client.post(f"/logistics/freight/shop/{shop.pk}/default/")
    template = FreightTemplate.objects.get(shop=shop)
    assert created.status_code == 302 and template.is_default
    form = client.get(f"/logistics/freight/{template.pk}/")
    assert form.status_code == 200
    data = {
        "name": "Standard",
        "basis": "weight",
        "is_default": "on",
        "first_unit": "1",
        "first_price": "9.00",
        "extra_unit": "1",
        "extra_price": "3.00",
        "free_over_amount": "",
        "free_over_weight": "20",
        "excluded_provinces": [str(_province("54").pk)],
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "40",
        "rows-0-province": str(_province("33").pk),
        "rows-0-first_unit": "1",
        "rows-0-first_price": "5.00",
        "rows-0-extra_unit": "",
        "rows-0-extra_price": "",
    }
    saved = client.post(f"/logistics/freight/{template.pk}/", data)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    template.refresh_from_db()
    assert template.free_over_weight == D("20.000")
    assert {(r.province_id, r.first_price, r.extra_price) for r in template.rules.all()} == {
        (None, D("9.00"), D("3.00")),
        (_province("33").pk, D("5.00"), D("3.00")),
    }
    other = FarmerFactory()
    client.force_login(other)
    assert client.get(f"/logistics/freight/{template.pk}/").status_code == 404


def test_freight_page_runs_the_same_queries_for_one_template_or_several(client, django_assert_max_num_queries):
    """Templates, their rules, provinces and excluded provinces, for every shop of the farmer, without N+1."""
    shop = ShopFactory()
    _template(shop)
    client.force_login(shop.owner)
    with django_assert_max_num_queries(30) as one:
        assert client.get("/logistics/freight/").status_code == 200
    for _ in range(3):
        _template(ShopFactory(owner=shop.owner))
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/logistics/freight/").content.decode()
    assert page.count("freight-rules") == 4
