"""A station operator watches the village's provisional standing on a phone, in Chinese, move after a sale."""

from decimal import Decimal

import pytest
from django.utils import timezone

from certification.selectors import add_months
from orders.services import month_of, sales_rollup_add
from tests.certification.conftest import add_shops
from tests.e2e.helpers import ConsoleWatch, log_in, shot
from tests.factories import BuyerFactory, ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "fr", "en"])
def test_operator_sees_the_standing_move_after_a_sale(page, live_server, station, screenshot_dir, language):
    from tests.orders.factories import pay, place

    village = station.village
    this_month = month_of(timezone.now())
    recent = [add_months(this_month, -back) for back in (3, 2, 1)]
    # 40 shops with an order a month, 600,000 yuan a month in the last three whole months.
    add_shops(village, 40, monthly={month: ("15000.00", 1) for month in [*recent, this_month]})
    product = ProductFactory(shop__village=village, shop__owner__home_village=village, stock=Decimal("10"))
    for month in recent[1:]:
        sales_rollup_add(shop_id=product.shop_id, month=month, volume=Decimal("10.00"), orders=1)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 800})
    watch = ConsoleWatch(page)
    log_in(page, station.operator, "/villages/my-station/")
    standing = page.locator(".cert-standing")
    assert "40 / 100" in standing.inner_text()
    shot(page, screenshot_dir, f"certification-standing-{language}", 360)

    pay(place(BuyerFactory(), (product, 1))[0])
    page.reload()
    assert "41 / 100" in standing.inner_text()
    watch.assert_clean()
