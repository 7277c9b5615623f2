"""An operator records a villager's assisted purchase, marks it ordered and arrived; the villager reads the
pickup code; the operator collects with it. Screenshots at 1280 and 360 px."""

import pytest

from orders.models import AssistedPurchase
from tests.e2e.helpers import assisted_purchase_to_arrival, log_in
from tests.factories import BuyerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_assisted_purchase_from_request_to_pickup(page, browser, live_server, station, screenshot_dir, width):
    villager = BuyerFactory(home_village=station.village, first_name="Fang", last_name="Wang")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, station.operator.username, "/orders/station/")
    assisted_purchase_to_arrival(page, villager)
    page.screenshot(path=screenshot_dir / f"orders-station-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    purchase = AssistedPurchase.objects.get()
    villager_page = browser.new_context(viewport={"width": width, "height": 800}, base_url=live_server.url).new_page()
    log_in(villager_page, villager.username, "/orders/assisted/mine/")
    assert purchase.pickup_code in villager_page.content()
    villager_page.screenshot(path=screenshot_dir / f"orders-pickup-code-{width}.png", full_page=True)
    villager_page.context.close()

    wrong = "000000" if purchase.pickup_code != "000000" else "111111"
    page.fill(f"#code-{purchase.pk}", wrong)
    page.click("button:has-text('Collected')")
    page.wait_for_load_state()
    assert "Wrong pickup code" in page.content()
    page.fill(f"#code-{purchase.pk}", purchase.pickup_code)
    page.click("button:has-text('Collected')")
    page.wait_for_load_state()
    purchase.refresh_from_db()
    assert purchase.status == "collected"
    page.goto("/villages/my-station/")
    page.screenshot(path=screenshot_dir / f"orders-my-station-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
