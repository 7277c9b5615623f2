"""Journeys walked on a phone that broke for users before: a refused form must come back with what was typed and
the error beside the field; the import template must go round trip untouched; the freight rules must fit 360 px."""

import io
import time

import pytest
from openpyxl import load_workbook

from orders.models import Order
from shops.imports.columns import COLUMN_KEYS
from shops.models import Product
from tests.e2e.helpers import ConsoleWatch, log_in, shot
from tests.factories import FarmerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import pay, place
from tests.orders.test_withdrawals import completed_sale

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 360


def _phone(page, live_server, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": WIDTH, "height": 800})


def test_refused_shipment_and_payout_account_keep_what_was_typed(page, live_server, screenshot_dir):
    """A wrong waybill or account number is said under its field, and the farmer corrects it rather than retyping."""
    order = completed_sale()
    farmer = order.shop.owner
    (to_ship,) = place(order.buyer, (ProductFactory(shop=order.shop), 1))
    pay(to_ship)
    watch = ConsoleWatch(page)
    _phone(page, live_server, "zh-hans")
    log_in(page, farmer, f"/orders/{to_ship.number}/")
    page.select_option("select[name=carrier]", "SF")
    page.fill("input[name=tracking_number]", "SF12345")
    page.click("form[action$='/ship/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.input_value("input[name=tracking_number]") == "SF12345"
    assert page.input_value("select[name=carrier]") == "SF"
    assert page.locator(".field-error:has(input[name=tracking_number]) .error").is_visible()
    assert (
        "尚未发货" in page.locator(".messages, [role=alert], main").first.inner_text() or "尚未发货" in page.content()
    )
    shot(page, screenshot_dir, "ux-ship-refused-zh", WIDTH)
    number = waybill()
    page.fill("input[name=tracking_number]", number)
    page.click("form[action$='/ship/'] button[type=submit]")
    page.wait_for_load_state()
    assert Order.objects.get(pk=to_ship.pk).status == "shipped"

    page.goto("/orders/withdrawals/")
    page.select_option("form[action$='/accounts/'] select[name=kind]", "alipay")
    page.fill("form[action$='/accounts/'] input[name=holder_name]", "王芳")
    page.fill("form[action$='/accounts/'] input[name=number]", "abc")
    page.click("form[action$='/accounts/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.input_value("form[action$='/accounts/'] select[name=kind]") == "alipay"
    assert page.input_value("form[action$='/accounts/'] input[name=holder_name]") == "王芳"
    assert page.locator("form[action$='/accounts/'] .field-error .error").first.is_visible()
    shot(page, screenshot_dir, "ux-payout-account-refused-zh", WIDTH)
    assert not farmer.payout_accounts.exists()
    watch.assert_clean()


def test_import_template_round_trip_in_chinese(page, live_server, screenshot_dir, station):
    """The operator downloads the Excel template in Chinese, adds one row under the grey hint row, and imports it."""
    operator = station.operator
    villager = FarmerFactory(username="lifang", home_village=station.village)
    ShopFactory(owner=villager, slug="li-shop")
    watch = ConsoleWatch(page)
    _phone(page, live_server, "zh-hans")
    log_in(page, operator, "/shop/imports/")
    with page.expect_download() as download:
        page.click("a[href$='template.xlsx']")
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = workbook.worksheets[0]
    values = {"villager": "lifang", "name": "香菇", "category": "pickles", "unit": "斤", "unit_price": "30"}
    values |= {"order_step": "1", "order_minimum": "1", "stock": "20"}
    sheet.append([values.get(key, "") for key in COLUMN_KEYS])
    filled = io.BytesIO()
    workbook.save(filled)

    page.set_input_files(
        "input[type=file]",
        files=[{"name": "香菇.xlsx", "mimeType": "application/octet-stream", "buffer": filled.getvalue()}],
    )
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_url("**/shop/imports/*/")
    counts = page.locator(".import-counts .badge").all_inner_texts()
    assert counts[0].endswith(" 1") and counts[-1].endswith(" 0"), counts  # one to create, no error
    shot(page, screenshot_dir, "ux-import-dry-run-zh", WIDTH)
    page.click("form[action$='/confirm/'] button[type=submit]")
    page.wait_for_load_state()
    for _ in range(40):
        if Product.objects.filter(shop__owner=villager, name="香菇").exists():
            break
        time.sleep(0.25)
    assert Product.objects.filter(shop__owner=villager, name="香菇").exists()
    report = page.request.get(page.locator("a[href$='report.xlsx']").get_attribute("href"))
    assert report.status == 200 and report.body()[:2] == b"PK"
    watch.assert_clean()


@pytest.mark.parametrize("language", ["fr", "zh-hans", "en"])
def test_freight_rules_fit_a_phone_and_say_their_unit(page, live_server, screenshot_dir, language):
    """The farmer sets the shop's freight from the platform default and reads it back on a phone."""
    shop = ShopFactory()
    watch = ConsoleWatch(page)
    _phone(page, live_server, language)
    log_in(page, shop.owner, "/logistics/freight/")
    page.click(f"form[action$='/shop/{shop.pk}/default/'] button[type=submit]")
    page.wait_for_load_state()
    page.goto("/logistics/freight/")
    rules = page.locator("table.freight-rules").first.inner_text()
    assert {"fr": "kg", "en": "kg", "zh-hans": "公斤"}[language] in rules, rules
    shot(page, screenshot_dir, f"ux-freight-list-{language}", WIDTH)
    watch.assert_clean()
