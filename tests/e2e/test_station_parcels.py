"""The station parcel flow at 360 px in Chinese: a villager checks out "collect at my village station", the
farmer ships with a listed carrier and a number in its format, the simulated carrier brings the parcel to the
station, the operator scans it in, the villager reads the pickup code and the tracking on the order page, and the
operator hands the parcel over against the code (a wrong code first)."""

import pytest

from orders import services
from orders.models import Order
from tests.e2e.helpers import ConsoleWatch, add_to_cart, log_in, shot
from tests.factories import BuyerFactory, ProductFactory, ShopFactory
from tests.orders.factories import pay

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTH = 360


def _context(browser, live_server):
    context = browser.new_context(viewport={"width": WIDTH, "height": 800}, base_url=live_server.url)
    context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_a_parcel_collected_at_the_village_station(browser, live_server, station, screenshot_dir, settings):
    settings.TRACKING_SIMULATED_STEP_MINUTES = 0
    villager = BuyerFactory(home_village=station.village, first_name="小梅", last_name="王", phone="13900001111")
    product = ProductFactory(shop=ShopFactory(), name="贵州脐橙 5 斤装")

    # The villager checks out to the station: no address to type.
    buyer = _context(browser, live_server)
    watch = ConsoleWatch(buyer)
    log_in(buyer, villager, "/shop/")
    add_to_cart(buyer, product, str(product.order_minimum))
    buyer.goto("/orders/checkout/")
    buyer.check("input[name=collect_at_station]")
    shot(buyer, screenshot_dir, "parcels-checkout-station-zh", WIDTH)
    buyer.click("main form.card button[type=submit]")
    buyer.wait_for_url("**/orders/checkout/*/")
    order = Order.objects.get(buyer=villager)
    assert order.pickup_station_id == station.pk
    pay(order)

    # The farmer ships: a carrier from the list, a number in its format (a wrong one is refused first).
    farmer = _context(browser, live_server)
    log_in(farmer, product.shop.owner, f"/orders/{order.number}/")
    farmer.select_option("select[name=carrier]", "SF")
    farmer.fill("input[name=tracking_number]", "12345")
    farmer.click("form[action$='/ship/'] button[type=submit]")
    farmer.wait_for_load_state()
    assert Order.objects.get(pk=order.pk).status == "paid"
    farmer.select_option("select[name=carrier]", "SF")
    farmer.fill("input[name=tracking_number]", "sf 7100 0000 0424 2")
    farmer.click("form[action$='/ship/'] button[type=submit]")
    farmer.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == "shipped" and order.tracking_number == "SF7100000004242"
    shot(farmer, screenshot_dir, "parcels-order-shipped-seller-zh", WIDTH)
    farmer.context.close()

    # Beat moves the parcel: collected, in transit, out for delivery (expected today at the station).
    for _step in range(3):
        services.tracking_simulated_advance()
    operator = _context(browser, live_server)
    log_in(operator, station.operator, "/orders/station/parcels/")
    assert "SF7100000004242" in operator.inner_text("#expected") and "今日" in operator.inner_text("#expected")
    shot(operator, screenshot_dir, "parcels-station-expected-zh", WIDTH)
    operator.fill("input[name=tracking_number]", "SF7100000004242")
    operator.click("#scan button[type=submit]")
    operator.wait_for_load_state()
    assert "SF7100000004242" in operator.inner_text("#waiting")
    shot(operator, screenshot_dir, "parcels-station-waiting-zh", WIDTH)

    # The villager sees the code and the parcel's journey on the order page.
    order.refresh_from_db()
    buyer.goto(f"/orders/{order.number}/")
    assert order.pickup_code in buyer.inner_text(".pickup-code")
    assert "派件中" in buyer.inner_text("ol.tracking") and "运输中" in buyer.inner_text("ol.tracking")
    shot(buyer, screenshot_dir, "parcels-order-pickup-code-zh", WIDTH)

    # A wrong code is refused; the right one hands the parcel over and delivers the order.
    wrong = "000000" if order.pickup_code != "000000" else "111111"
    operator.fill("#waiting input[name=code]", wrong)
    operator.click("#waiting form.pickup-form button[type=submit]")
    operator.wait_for_load_state()
    assert "取件码错误" in operator.content() or Order.objects.get(pk=order.pk).status == "shipped"
    assert Order.objects.get(pk=order.pk).status == "shipped"
    operator.fill("#waiting input[name=code]", order.pickup_code)
    operator.click("#waiting form.pickup-form button[type=submit]")
    operator.wait_for_load_state()
    assert Order.objects.get(pk=order.pk).status == "delivered"
    shot(operator, screenshot_dir, "parcels-station-handed-over-zh", WIDTH)
    pick_list = operator.request.get("/orders/station/parcels/pick-list.pdf")
    assert pick_list.ok and pick_list.body().startswith(b"%PDF")
    watch.assert_clean()
    operator.context.close()
    buyer.context.close()
