"""Group buying at 360 px in Chinese, French and English: the offer on the product page, opening a group, the
group's share page, joining it, the farmer's offers; no sideways scroll, no console error."""

from decimal import Decimal

import pytest

from tests.e2e.helpers import ConsoleWatch, log_in, log_out, shot
from tests.factories import BuyerFactory, ProductFactory, ProvinceFactory
from tests.promotions.factories import GroupBuyOfferFactory, VariantFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _address(page, province) -> None:
    page.fill("input[name=recipient_name]", "孙磊")
    page.fill("input[name=recipient_phone]", "13800138000")
    page.select_option("select[name=ship_province]", str(province.pk))  # 杭州市 lies in Zhejiang
    page.fill("input[name=ship_city]", "杭州市")
    page.fill("input[name=ship_county]", "西湖区")
    page.fill("input[name=ship_address]", "文三路 90 号")


@pytest.mark.parametrize("language", ["zh-hans", "fr", "en"])
def test_group_buy_pages_at_360_px(page, live_server, screenshot_dir, language):
    zhejiang = ProvinceFactory(code="33", name="Zhejiang", name_zh="浙江省")
    product = ProductFactory(name="猕猴桃 Kiwi", unit="box", unit_price=Decimal("30.00"), order_step=Decimal("1"))
    variant = VariantFactory(product=product, name="5 斤装", unit_price=Decimal("30.00"))
    offer = GroupBuyOfferFactory(variant=variant, group_price=Decimal("25.00"), group_size=3)
    watch = ConsoleWatch(page)
    page.set_viewport_size({"width": 360, "height": 780})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])

    leader = BuyerFactory()
    log_in(page, leader, f"/shop/products/{product.pk}/")
    assert page.locator(".group-buy .badge-group").count() == 1
    shot(page, screenshot_dir, f"group-buy-product-{language}", 360)
    page.click(f"a[href='/orders/group-buys/offers/{offer.pk}/open/']")
    _address(page, zhejiang)
    shot(page, screenshot_dir, f"group-buy-open-{language}", 360)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/orders/group-buys/*/")
    group_url = page.url
    shot(page, screenshot_dir, f"group-buy-group-leader-{language}", 360)

    log_out(page)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, BuyerFactory(), group_url.replace(live_server.url, ""))
    _address(page, zhejiang)
    shot(page, screenshot_dir, f"group-buy-group-join-{language}", 360)
    page.click("main form button[type=submit]")
    page.wait_for_url(group_url)
    assert page.locator(".group-places li.unpaid").count() == 2
    page.goto(f"/shop/products/{product.pk}/")
    assert page.locator(".group-list li").count() == 1
    shot(page, screenshot_dir, f"group-buy-product-groups-{language}", 360)
    page.goto("/shop/")
    shot(page, screenshot_dir, f"group-buy-catalogue-{language}", 360)

    log_out(page)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, product.shop.owner, "/orders/group-buys/offers/")
    shot(page, screenshot_dir, f"group-buy-offers-{language}", 360)
    watch.assert_clean()
