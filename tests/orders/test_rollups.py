import datetime
import uuid
from decimal import Decimal

import pytest

from orders.models import Order, ShopMonthlySales
from orders.services import sales_rollup_rebuild
from shops.models import Shop
from tests.factories import BuyerFactory, FarmerFactory, ProvinceFactory

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
