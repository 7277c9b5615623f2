"""In Chromium at 360 px, in Chinese: an operator lists a season's produce from a spreadsheet (dry run, confirm,
report); a farmer records a batch and prints its labels; a buyer scans one and reads the story."""

import csv
import datetime

import pytest
from django.utils import timezone

from shops.models import Product
from tests.e2e.helpers import ConsoleWatch, log_in, shot
from tests.factories import FarmerFactory, ProductFactory, ShopFactory, StationFactory
from tests.reference_data import ensure_reference_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTH = 360


@pytest.fixture
def zh_page(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    page.set_viewport_size({"width": WIDTH, "height": 800})
    return page


def test_operator_lists_from_a_spreadsheet_on_a_phone(zh_page, screenshot_dir, tmp_path):
    ensure_reference_data()
    page = zh_page
    watch = ConsoleWatch(page)
    station = StationFactory(village__name="Libei", village__name_zh="黎背村")
    ShopFactory(owner=FarmerFactory(username="lifang", home_village=station.village), name="李家腌菜")
    ShopFactory(owner=FarmerFactory(username="wangwei", home_village=station.village), name="王家茶园")
    sheet = tmp_path / "produce.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["key", "villager", "category", "name", "unit", "unit_price", "order_step", "publish"])
        writer.writerow(["A-001", "lifang", "pickles", "东北酸菜", "kg", "18.5", "0.5", "yes"])
        writer.writerow(["B-001", "wangwei", "green-tea", "明前绿茶", "jin", "120", "1", "yes"])
        writer.writerow(["C-001", "nobody", "green-tea", "无主茶", "jin", "120", "1", "yes"])
        writer.writerow(["D-001", "lifang", "pickles", "太贵的酸菜", "kg", "99999", "1", "no"])

    log_in(page, station.operator, "/shop/imports/")
    shot(page, screenshot_dir, "imports-upload-zh", WIDTH)
    page.set_input_files("input[name=file]", str(sheet))
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_url("**/shop/imports/*/")
    assert page.locator("tbody tr").count() == 4
    assert not Product.objects.filter(name="东北酸菜").exists()  # a dry run writes nothing
    shot(page, screenshot_dir, "imports-dry-run-zh", WIDTH)
    page.click("text=确认并导入")
    page.wait_for_selector("text=已完成")
    shot(page, screenshot_dir, "imports-done-zh", WIDTH)
    assert Product.objects.filter(name__in=["东北酸菜", "明前绿茶"]).count() == 2
    watch.assert_clean()


def test_farmer_records_a_batch_and_a_buyer_reads_its_story(zh_page, screenshot_dir, live_server):
    ensure_reference_data()
    page = zh_page
    watch = ConsoleWatch(page)
    station = StationFactory(village__name="Libei", village__name_zh="黎背村")
    farmer = FarmerFactory(home_village=station.village, first_name="芳", last_name="李")
    tea = ProductFactory(shop=ShopFactory(owner=farmer, name="李家茶园"), name="明前绿茶", unit="jin")

    log_in(page, farmer, "/trace/")
    page.select_option("select[name=product]", str(tea.pk))
    page.fill("input[name=harvested_on]", (timezone.localdate() - datetime.timedelta(days=2)).isoformat())
    page.fill("input[name=quantity]", "300")
    page.fill("input[name=place]", "东山坡")
    page.fill("textarea[name=notes]", "开花后不打农药，手工采摘。")
    shot(page, screenshot_dir, "trace-batches-zh", WIDTH)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/trace/b/*/")
    shot(page, screenshot_dir, "trace-batch-zh", WIDTH)
    story = page.locator("a", has_text="买家看到的页面").get_attribute("href")

    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    response = page.goto(story)
    assert response.status == 200 and len(response.body()) < 50 * 1024
    assert "黎背村" in page.content() and "李家" in page.content() and "东山坡" in page.content()
    shot(page, screenshot_dir, "trace-story-zh", WIDTH)
    watch.assert_clean()
