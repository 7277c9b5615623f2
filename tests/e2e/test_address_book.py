"""A buyer on a 360 px phone in Chinese saves an address by choosing province, city and county (with and without
JavaScript), and checkout fills it in."""

import pytest

from tests.e2e.helpers import ConsoleWatch, add_to_cart, log_in, shot
from tests.factories import BuyerFactory, ProductFactory
from villages.models import Address

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _choose(page, name: str, label: str) -> None:
    page.select_option(f"select[name={name}]", label=label)


def test_address_book_and_checkout_at_360_px_in_chinese(page, live_server, screenshot_dir):
    buyer = BuyerFactory(first_name="磊", last_name="孙")
    product = ProductFactory()
    watch = ConsoleWatch(page)
    page.set_viewport_size({"width": 360, "height": 780})
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    log_in(page, buyer, "/villages/addresses/")
    page.click("a[href='/villages/addresses/new/']")
    page.fill("input[name=recipient_phone]", "138 0013 8000")
    page.fill("input[name=street]", "文三路 90 号")
    # With JavaScript: each choice reloads the lists below it.
    with page.expect_navigation():
        _choose(page, "province", "浙江省")
    with page.expect_navigation():
        _choose(page, "city", "杭州市")
    _choose(page, "district", "西湖区")
    assert page.input_value("input[name=street]") == "文三路 90 号"  # typed values survive the reloads
    shot(page, screenshot_dir, "address-form-zh-hans", 360)
    page.click("button.btn:not([name=refresh]):not(.visually-hidden)")
    page.wait_for_url("**/villages/addresses/")
    assert "浙江省杭州市西湖区" in page.locator("main").inner_text()
    shot(page, screenshot_dir, "address-list-zh-hans", 360)
    assert Address.objects.get(user=buyer).recipient_phone == "+8613800138000"

    add_to_cart(page, product, "1")
    page.goto("/orders/checkout/")
    assert page.input_value("input[name=ship_city]") == "杭州市"
    assert page.input_value("input[name=ship_county]") == "西湖区"
    shot(page, screenshot_dir, "checkout-saved-address-zh-hans", 360)
    watch.assert_clean()


@pytest.mark.parametrize("javascript", [False])
def test_address_form_without_javascript(browser, live_server, screenshot_dir, javascript):
    buyer = BuyerFactory()
    context = browser.new_context(java_script_enabled=javascript, base_url=live_server.url)
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 780})
    log_in(page, buyer, "/villages/addresses/new/")
    page.fill("input[name=recipient_name]", "Sun")
    page.fill("input[name=recipient_phone]", "13800138000")
    page.fill("input[name=street]", "1 Road")
    _choose(page, "province", "贵州省")
    page.click("button[name=refresh]")
    _choose(page, "city", "贵阳市")
    page.click("button[name=refresh]")
    _choose(page, "district", "修文县")
    page.click("button.btn:not([name=refresh]):not(.visually-hidden)")
    page.wait_for_url("**/villages/addresses/")
    assert Address.objects.get(user=buyer).district.name_zh == "修文县"
    context.close()
