import datetime
import uuid
from decimal import Decimal

import pytest
from django.db.models import Sum

from orders import services
from orders.models import Order, ShopMonthlySales, VillageMonthlySales
from orders.services import sales_rollup_rebuild
from shops.models import Shop
from tests.factories import BuyerFactory, FarmerFactory, ProductFactory, ProvinceFactory, VillageFactory, waybill

UTC = datetime.UTC


@pytest.mark.django_db
def test_rebuild_aggregates_by_shanghai_month_net_of_refunds():
    farmer, buyer, province = FarmerFactory(), BuyerFactory(), ProvinceFactory()
    shop = Shop.objects.create(
        village=farmer.home_village,
        owner=farmer,
        name="Libei pickles",
        slug="libei",
        opened_on=datetime.date(2024, 1, 1),
    )

    def order(number, paid_at, total, refunded="0", status="paid"):
        Order.objects.create(
            number=number,
            buyer=buyer,
            shop=shop,
            checkout_id=uuid.uuid4(),
            status=status,
            recipient_name="Sun Lei",
            recipient_phone="138",
            ship_province=province,
            ship_city="Nanjing",
            ship_county="Xuanwu",
            ship_address="1 Road",
            total=Decimal(total),
            refunded_amount=Decimal(refunded),
            paid_at=paid_at,
        )

    order("A", datetime.datetime(2026, 1, 31, 17, 0, tzinfo=UTC), "10.00")  # 1 February 01:00 in Shanghai
    order("B", datetime.datetime(2026, 1, 31, 15, 0, tzinfo=UTC), "5.50")  # 31 January 23:00 in Shanghai
    order("C", datetime.datetime(2026, 1, 10, 15, 0, tzinfo=UTC), "7.00", "7.00", "refunded")
    order("D", None, "9.00", status="pending_payment")

    assert sales_rollup_rebuild() == 2
    rows = {(r.month, r.sales_volume, r.order_count) for r in ShopMonthlySales.objects.all()}
    assert rows == {
        (datetime.date(2026, 2, 1), Decimal("10.00"), 1),
        (datetime.date(2026, 1, 1), Decimal("5.50"), 1),
    }


@pytest.mark.django_db
def test_shared_factories_build_a_consistent_order():
    from tests.factories import DisputeFactory, OrderLineFactory

    line = OrderLineFactory()
    assert line.product.shop == line.order.shop
    assert line.line_total == Decimal("37.00")
    assert line.order.ship_province.code == "32"
    dispute = DisputeFactory()
    assert dispute.opened_by == dispute.order.buyer


def _village_rows(village):
    return {
        (row.month, row.sales_volume, row.order_count)
        for row in VillageMonthlySales.objects.filter(village=village).exclude(sales_volume=0, order_count=0)
    }


def _summed_shop_rows(village):
    rows = (
        ShopMonthlySales.objects.filter(shop__village=village)
        .values("month")
        .annotate(volume=Sum("sales_volume"), count=Sum("order_count"))
        .order_by()
    )
    return {(row["month"], row["volume"], row["count"]) for row in rows if row["volume"] or row["count"]}


@pytest.mark.django_db
def test_village_rollups_stay_the_sum_of_shop_rollups_through_payments_and_refunds():
    """Payments, a weighed (partial) refund, a full refund after shipment, a cancel after payment, a rebuild:
    the village row moves with its shops' rows in the same transaction (triggers of orders migration 0004)."""
    from tests.orders.factories import pay, place

    village, elsewhere = VillageFactory(), VillageFactory()
    cabbage = ProductFactory(shop__owner__home_village=village, unit_price=Decimal("18.33"), stock=Decimal("50"))
    tea = ProductFactory(shop__owner__home_village=village, unit_price=Decimal("40.00"), stock=Decimal("50"))
    other = ProductFactory(shop__owner__home_village=elsewhere, unit_price=Decimal("7.00"), stock=Decimal("50"))
    buyer = BuyerFactory()
    weighed, refunded, cancelled, kept, far = (
        place(buyer, (cabbage, 2))[0],
        place(buyer, (tea, 1))[0],
        place(buyer, (tea, 2))[0],
        place(buyer, (cabbage, 1))[0],
        place(buyer, (other, 3))[0],
    )
    for order in (weighed, refunded, cancelled, kept, far):
        pay(order)
    assert _village_rows(village) == _summed_shop_rows(village) != set()

    line = weighed.lines.get()  # 18.33 x 1.85 = 33.91: 2.75 refunded, still one order
    services.order_ship(
        order_id=weighed.pk,
        actor=weighed.shop.owner,
        carrier="SF",
        tracking_number=waybill(),
        weighed={line.pk: "1.85"},
    )
    services.order_ship(order_id=refunded.pk, actor=refunded.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_refund(order_id=refunded.pk, actor=refunded.shop.owner, reason="lost parcel")
    services.order_cancel(order_id=cancelled.pk, actor=buyer, reason="changed my mind")

    (month,) = {row[0] for row in _village_rows(village)}
    assert _village_rows(village) == _summed_shop_rows(village) == {(month, Decimal("52.24"), 2)}  # 33.91 + 18.33
    assert _village_rows(elsewhere) == {(month, Decimal("21.00"), 1)}
    assert services.rollups_audit() == []

    sales_rollup_rebuild()  # delete + insert of every shop row: the village rows end where they were
    assert _village_rows(village) == {(month, Decimal("52.24"), 2)}
    assert services.rollups_audit() == []


@pytest.mark.django_db
def test_audit_reports_a_drifted_village_rollup_and_the_rebuild_repairs_it():
    from tests.orders.factories import pay, place

    product = ProductFactory()
    pay(place(BuyerFactory(), (product, 2))[0])
    VillageMonthlySales.objects.update(order_count=5)
    problems = services.rollups_audit()
    assert len(problems) == 1 and "village" in problems[0]
    assert services.village_rollup_rebuild(village_ids=[product.shop.village_id]) == 1
    assert services.rollups_audit() == []


@pytest.mark.django_db
def test_a_shop_moved_to_another_village_takes_its_rollups_along():
    """The Django admin can change a shop's village: its rollups' village and the village sums follow."""
    from tests.orders.factories import pay, place

    product = ProductFactory(unit_price=Decimal("10.00"))
    shop, before, after = product.shop, product.shop.village, VillageFactory()
    pay(place(BuyerFactory(), (product, 2))[0])
    assert ShopMonthlySales.objects.get(shop=shop).village_id == before.pk
    assert {row[1:] for row in _village_rows(before)} == {(Decimal("20.00"), 1)}

    Shop.objects.filter(pk=shop.pk).update(village=after)
    assert ShopMonthlySales.objects.get(shop=shop).village_id == after.pk
    assert (_village_rows(before), {row[1:] for row in _village_rows(after)}) == (set(), {(Decimal("20.00"), 1)})
    assert services.rollups_audit() == []
