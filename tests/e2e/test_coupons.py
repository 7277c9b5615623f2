"""Coupons on a 360 px phone in Chinese, French and English: the shop page offers them, the buyer claims one,
sees it in "My coupons", and checkout proposes the best one, explained, and applies it; the farmer's coupon page."""

from decimal import Decimal

import pytest

from orders.models import Order
from tests.e2e.helpers import ConsoleWatch, add_to_cart, log_in, log_out, shot
from tests.factories import BuyerFactory, ProductFactory, ProvinceFactory
from tests.promotions.factories import coupon

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "满99减10", "fr": "10 ¥ de remise dès 99 ¥ d'achat", "en": "¥10 off orders of ¥99 or more"}


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_claim_and_check_out_with_a_coupon_at_360_px(page, live_server, screenshot_dir, language):
    ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    product = ProductFactory(name="猕猴桃 Kiwi", unit_price=Decimal("60.00"), order_step=Decimal("1"))
    offer = coupon(shop=product.shop, threshold="99", amount_off="10")
    coupon(threshold="100", percent_off=Decimal("5"), cap=Decimal("8"))  # a platform coupon on offer
    buyer = BuyerFactory(first_name="磊", last_name="孙", phone="13800138000")
    watch = ConsoleWatch(page)
    page.set_viewport_size({"width": 360, "height": 780})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, buyer, product.shop.get_absolute_url())
    assert LANGUAGES[language] in page.locator("main").inner_text()
    shot(page, screenshot_dir, f"coupons-shop-{language}", 360)
    page.click(f"form[action='/coupons/{offer.pk}/claim/'] button")
    page.wait_for_load_state()
    page.goto("/coupons/mine/")
    page.locator("main .coupon-ticket form button").first.click()  # the platform coupon on offer
    page.wait_for_load_state()
    shot(page, screenshot_dir, f"coupons-mine-{language}", 360)
    add_to_cart(page, product, "2")
    page.goto("/orders/checkout/?province=" + str(ProvinceFactory(code="32").pk))
    text = page.locator("main").inner_text()
    assert LANGUAGES[language] in text and "−" in text
    shot(page, screenshot_dir, f"coupons-checkout-{language}", 360)
    page.fill("input[name=ship_city]", "Nanjing")
    page.fill("input[name=ship_county]", "Xuanwu")
    page.fill("input[name=ship_address]", "1 Zhongshan Road")
    page.select_option("select[name=ship_province]", str(ProvinceFactory(code="32").pk))
    page.click("main form.card .actions button.btn:not(.btn-secondary)")
    page.wait_for_url("**/orders/checkout/*/")
    order = Order.objects.get()
    assert (order.shop_discount, order.platform_discount) == (Decimal("10.00"), Decimal("6.00"))
    log_out(page)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, product.shop.owner, f"/coupons/shop/{product.shop.slug}/")
    shot(page, screenshot_dir, f"coupons-manage-{language}", 360)
    watch.assert_clean()
