from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insights import demo
from tests.e2e.helpers import log_in
from tests.factories import BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, StationFactory
from villages.models import Province
from villages.provinces import PROVINCES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def grown_village():
    """A village with four shops and two years of demo orders (the insights demo generator)."""
    # A transactional test flushes the provinces the data migration loaded: load them again.
    for code, name, name_zh in PROVINCES:
        Province.objects.update_or_create(code=code, defaults={"name": name, "name_zh": name_zh})
    station = StationFactory(village__name="Libei")
    BuyerFactory()
    for name, price in (("Pickled cabbage", "18.50"), ("Rice tofu", "12.00"), ("Sour soup", "26.00"), ("Tea", "58.00")):
        shop = ShopFactory(owner=FarmerFactory(home_village=station.village))
        ProductFactory(shop=shop, name=name, unit_price=Decimal(price))
    demo.seed(quiet=True)
    return station


@pytest.mark.parametrize("width", [1280, 360])
def test_operator_sees_the_village_dashboard(page, grown_village, screenshot_dir, width):
    page.set_viewport_size({"width": width, "height": 800})
    url = f"/insights/villages/{grown_village.village_id}/"
    log_in(page, grown_village.operator.username, url)
    assert "Libei" in page.locator("h1").inner_text()
    expect(page.locator("#monthly .chart svg")).to_be_visible()
    assert page.locator("#monthly .chart svg").bounding_box()["width"] > 200
    # As many bars as months, each within the chart (horizontal positions are percentages of its width).
    box = page.locator("#monthly .chart svg").bounding_box()
    bars = page.locator("#monthly .chart svg rect")
    assert bars.count() >= timezone.localdate().month
    last = bars.nth(bars.count() - 1).bounding_box()
    assert box["x"] <= last["x"] and last["x"] + last["width"] <= box["x"] + box["width"] + 1
    page.screenshot(path=screenshot_dir / f"insights-village-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The figures under a chart open as a table.
    page.click("#monthly summary")
    # This year, up to the current month.
    assert page.locator("#monthly table tbody tr").count() == timezone.localdate().month


@pytest.mark.parametrize("width", [1280, 360])
def test_public_county_summary(page, grown_village, screenshot_dir, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/insights/counties/{grown_village.village.township.county_id}/")
    assert page.locator(".figure").count() >= 5
    page.screenshot(path=screenshot_dir / f"insights-county-public-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 360])
def test_admin_compares_counties(page, grown_village, screenshot_dir, width):
    from tests.factories import AdminFactory

    admin = AdminFactory()
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, admin.username, "/insights/")
    page.screenshot(path=screenshot_dir / f"insights-overview-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.click(f"a[href^='/insights/counties/{grown_village.village.township.county_id}/']")
    page.wait_for_selector("#breakdown")
    assert "Libei" in page.locator("#breakdown").text_content()
    page.screenshot(path=screenshot_dir / f"insights-county-admin-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
