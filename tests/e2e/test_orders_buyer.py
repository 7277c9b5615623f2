"""A buyer orders from two shops in the browser, pays through the simulated provider, the farmer ships,
the buyer confirms; screenshots at 1280 and 360 px."""

from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse

from orders.models import Order
from tests.e2e.helpers import confirm_delivery, log_in
from tests.factories import BuyerFactory, ProductFactory, ProvinceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _add_to_cart(page, product, quantity):
    """Through the product page's add-to-cart slot when the catalogue pages exist, else the same form post."""
    try:
        url = reverse("shops:product_detail", args=[product.pk])
    except NoReverseMatch:
        url = None
    if url:
        page.goto(url)
        page.fill(f"#qty-{product.pk}", quantity)
        page.click("form.add-to-cart button[type=submit]")
        page.wait_for_url("**/orders/cart/")
        return
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        "/orders/cart/add/",
        form={"product": str(product.pk), "quantity": quantity},
        headers={"X-CSRFToken": token, "Referer": page.url},
        max_redirects=0,
    )
    assert response.status == 302


def _no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 360])
def test_buyer_orders_from_two_shops_pays_farmer_ships_buyer_confirms(
    page, browser, live_server, screenshot_dir, width
):
    ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    buyer = BuyerFactory(first_name="Lei", last_name="Sun")
    cabbage = ProductFactory(name="Pickled cabbage", unit_price=Decimal("18.50"))
    tea = ProductFactory(name="Wild mountain tea", unit="box", unit_price=Decimal("66.00"), order_step=Decimal("1"))
    page.set_viewport_size({"width": width, "height": 900})

    log_in(page, buyer.username, "/orders/cart/")
    _add_to_cart(page, cabbage, "1.5")
    _add_to_cart(page, tea, "2")
    page.goto("/orders/cart/")
    assert "¥159.75" in page.content()
    page.screenshot(path=screenshot_dir / f"orders-cart-{width}.png", full_page=True)
    _no_sideways_scroll(page, width)

    page.click("text=Check out")
    page.fill("input[name=recipient_phone]", "13800000000")
    page.select_option("select[name=ship_province]", label="Jiangsu 江苏省")
    page.fill("input[name=ship_city]", "Nanjing")
    page.fill("input[name=ship_county]", "Xuanwu")
    page.fill("input[name=ship_address]", "1 Zhongshan Road")
    page.screenshot(path=screenshot_dir / f"orders-checkout-{width}.png", full_page=True)
    page.click("main button[type=submit]")
    page.wait_for_url("**/orders/checkout/*/")
    assert page.locator("main section.card").count() == 2
    page.screenshot(path=screenshot_dir / f"orders-checkout-done-{width}.png", full_page=True)
    _no_sideways_scroll(page, width)

    for _ in range(2):
        page.locator("main form button:has-text('Pay ¥')").first.click()
        page.wait_for_url("**/orders/pay/*/")
        page.screenshot(path=screenshot_dir / f"orders-simulated-pay-{width}.png", full_page=True)
        page.click("button[value=pay]")
        page.wait_for_load_state()
    orders = list(Order.objects.filter(buyer=buyer).select_related("shop__owner"))
    assert [o.status for o in orders] == ["paid", "paid"]

    # The farmer ships from their list of orders to fulfil.
    order = next(o for o in orders if o.shop_id == cabbage.shop_id)
    farmer = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url).new_page()
    log_in(farmer, order.shop.owner.username, "/orders/fulfil/")
    farmer.screenshot(path=screenshot_dir / f"orders-fulfil-{width}.png", full_page=True)
    _no_sideways_scroll(farmer, width)
    farmer.click(f"text={order.number}")
    farmer.select_option("select[name=carrier]", "SF")
    farmer.fill("input[name=tracking_number]", "SF1234567000001")
    farmer.click("button:has-text('Ship')")
    farmer.wait_for_load_state()
    farmer.context.close()

    confirm_delivery(page, order)
    page.screenshot(path=screenshot_dir / f"orders-order-detail-{width}.png", full_page=True)
    _no_sideways_scroll(page, width)
    page.goto("/orders/mine/")
    page.screenshot(path=screenshot_dir / f"orders-my-orders-{width}.png", full_page=True)
    _no_sideways_scroll(page, width)
