"""Freight at checkout (issue 16): the fee from the ship-to province and the lines' weight, refused destinations,
totals, refunds, weighed re-pricing and settlement with freight, and the checkout's query count."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.errors import NotPermitted, ValidationFailed
from logistics.freight_services import FreightRuleInput, freight_product_template_set, freight_template_create
from orders import services
from orders.models import Refund, RefundKind, ShopLedgerEntry
from tests.factories import AdminFactory, BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import options, pay, ship_to
from villages.models import Province

pytestmark = pytest.mark.django_db
D = Decimal


def province(code: str) -> Province:
    return Province.objects.get(code=code)


def template(shop, **overrides):
    values = {
        "name": "Oranges",
        "basis": "weight",
        "is_default": True,
        "free_over_amount": None,
        "free_over_weight": None,
        "excluded_province_ids": [province("54").pk],  # Tibet
        "rules": [
            FreightRuleInput(None, "1", "8.00", "1", "2.00"),
            FreightRuleInput(province("65").pk, "1", "18.00", "1", "8.00"),  # Xinjiang
        ],
    }
    values.update(overrides)
    return freight_template_create(actor=shop.owner, shop_id=shop.pk, **values)


def place_to(buyer, code, *items):
    return services.order_place(
        buyer=buyer,
        variants=options(*items),
        ship_to=ship_to(province_id=province(code).pk),
    )


def test_five_kg_of_guizhou_oranges_to_zhejiang_pay_their_freight():
    shop = ShopFactory()
    template(shop)
    oranges = ProductFactory(shop=shop, name="Navel oranges", unit_price=D("6.60"))
    (order,) = place_to(BuyerFactory(), "33", (oranges, 5))
    assert (order.subtotal, order.shipping_fee, order.total) == (D("33.00"), D("16.00"), D("49.00"))
    assert order.freight_detail["groups"][0]["weight_kg"] == "5"
    assert order.freight_detail["groups"][0]["schedule"]["name"] == "Oranges"


def test_province_row_free_shipping_and_pieces_with_their_shipping_weight():
    shop = ShopFactory()
    template(shop, free_over_amount="100.00")
    honey = ProductFactory(
        shop=shop, unit="bottle", order_step=D("1"), unit_price=D("30.00"), shipping_weight_kg=D("1.2")
    )
    (order,) = place_to(BuyerFactory(), "65", (honey, 2))  # 2.4 kg to Xinjiang: 18 + 2 x 8
    assert order.shipping_fee == D("34.00")
    (order,) = place_to(BuyerFactory(), "65", (honey, 4))  # 120 yuan of goods: free
    assert (order.shipping_fee, order.total) == (D("0.00"), D("120.00"))


def test_undeliverable_destination_is_refused_naming_the_product():
    shop = ShopFactory()
    template(shop)
    oranges = ProductFactory(shop=shop, name="Navel oranges")
    other = ProductFactory(name="Tea")
    with pytest.raises(ValidationFailed) as caught:
        place_to(BuyerFactory(), "54", (oranges, 2), (other, 1))
    assert caught.value.code == "undeliverable"
    assert "Navel oranges" in caught.value.fields["ship_province"][0]
    assert "Tea" not in caught.value.fields["ship_province"][0]
    assert other.shop.orders.count() == 0  # nothing half-written


def test_a_product_ships_by_its_own_template():
    shop = ShopFactory()
    template(shop)
    heavy = template(shop, name="Heavy", is_default=False, rules=[FreightRuleInput(None, "1", "20.00", "1", "5.00")])
    rice = ProductFactory(shop=shop)
    freight_product_template_set(actor=shop.owner, product_id=rice.pk, template_id=heavy.pk)
    (order,) = place_to(BuyerFactory(), "33", (rice, 3))
    assert order.shipping_fee == D("30.00")


@pytest.mark.freight
def test_a_shop_without_a_template_uses_the_platform_default():
    rice = ProductFactory()
    (order,) = place_to(BuyerFactory(), "33", (rice, "2.5"))  # 8 + 2 x 2
    assert order.shipping_fee == D("12.00")
    (order,) = place_to(BuyerFactory(), "65", (rice, "2.5"))  # remote: 18 + 2 x 8
    assert order.shipping_fee == D("34.00")


def test_only_the_shops_managers_edit_its_templates():
    shop = ShopFactory()
    with pytest.raises(NotPermitted):
        freight_template_create(actor=FarmerFactory(), shop_id=shop.pk, **_plain_values())
    with pytest.raises(ValidationFailed) as caught:
        freight_template_create(actor=shop.owner, shop_id=shop.pk, **_plain_values(rules=[]))
    assert "rules" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        freight_template_create(
            actor=shop.owner,
            shop_id=shop.pk,
            **_plain_values(rules=[FreightRuleInput(None, "0", "-1", "1", "1.001")]),
        )
    assert set(caught.value.fields) == {"rules.0.first_unit", "rules.0.first_price", "rules.0.extra_price"}
    other = ShopFactory()
    other_template = template(other)
    product = ProductFactory(shop=shop)
    with pytest.raises(ValidationFailed):
        freight_product_template_set(actor=shop.owner, product_id=product.pk, template_id=other_template.pk)


def _plain_values(**overrides):
    values = {
        "name": "Standard",
        "basis": "weight",
        "is_default": True,
        "free_over_amount": "",
        "free_over_weight": "",
        "excluded_province_ids": [],
        "rules": [FreightRuleInput(None, "1", "8", "1", "2")],
    }
    values.update(overrides)
    return values


def test_full_refund_returns_the_freight_and_settlement_takes_no_commission_on_it():
    admin = AdminFactory()
    services.commission_rate_set(admin=admin, rate=D("0.10"))
    shop = ShopFactory()
    template(shop)
    oranges = ProductFactory(shop=shop, unit_price=D("10.00"))
    buyer = BuyerFactory()
    refunded, kept = place_to(buyer, "33", (oranges, 5)), place_to(buyer, "33", (oranges, 5))
    for (order,) in (refunded, kept):
        pay(order)
    services.order_refund(order_id=refunded[0].pk, actor=shop.owner)
    refund = Refund.objects.get(order=refunded[0])
    assert (refund.amount, refund.freight_amount) == (D("66.00"), D("16.00"))
    order = kept[0]
    services.order_ship(order_id=order.pk, actor=shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=buyer)
    services.order_complete(order_id=order.pk, actor=buyer)
    entry = ShopLedgerEntry.objects.get(order=order)
    assert entry.commission == D("5.00")  # 10 % of the 50.00 of goods, none of the 16.00 of freight
    assert entry.amount == D("61.00")
    assert services.orders_audit() == []


def test_weighed_lighter_refunds_goods_and_freight_only_if_the_seller_chooses():
    shop = ShopFactory()
    template(shop)
    oranges = ProductFactory(shop=shop, unit_price=D("10.00"))
    buyer = BuyerFactory()
    results = []
    for refund_freight in (False, True):
        (order,) = place_to(buyer, "33", (oranges, 5))  # 50.00 + 16.00
        pay(order)
        line = order.lines.get()
        services.order_ship(
            order_id=order.pk,
            actor=shop.owner,
            carrier="SF",
            tracking_number=waybill(),
            weighed={line.pk: D("4.2")},  # 42.00 of goods; freight of 4.2 kg would be 16.00, of 4.0 kg 14.00
            refund_freight=refund_freight,
        )
        results.append(order)
    (order,) = place_to(buyer, "33", (oranges, 5))
    pay(order)
    line = order.lines.get()
    services.order_ship(
        order_id=order.pk,
        actor=shop.owner,
        carrier="SF",
        tracking_number=waybill(),
        weighed={line.pk: D("4")},
        refund_freight=True,
    )
    refund = Refund.objects.get(order=order)
    assert (refund.kind, refund.amount, refund.freight_amount) == (RefundKind.WEIGHT, D("12.00"), D("2.00"))
    assert [Refund.objects.get(order=o).amount for o in results] == [D("8.00"), D("8.00")]
    services.order_refund(order_id=order.pk, actor=shop.owner)
    assert sum(r.freight_amount for r in Refund.objects.filter(order=order)) == D("16.00")
    assert services.orders_audit() == []


def _checkout_queries(lines: int, shops: int) -> int:
    buyer = BuyerFactory()
    products = []
    for _shop in range(shops):
        shop = ShopFactory()
        template(shop)
        products += [ProductFactory(shop=shop) for _line in range(lines)]
    items = options(*((product, D("2")) for product in products))
    with CaptureQueriesContext(connection) as queries:
        services.order_place(buyer=buyer, variants=items, ship_to=ship_to(province_id=province("33").pk))
    return len(queries)


@pytest.mark.postgres
@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="SQLite takes stock one product at a time (it locks the whole database anyway)",
)
def test_checkout_query_count_is_constant_in_the_number_of_lines():
    assert _checkout_queries(1, 1) == _checkout_queries(6, 1)
    assert _checkout_queries(1, 3) == _checkout_queries(4, 3)
