"""A buyer picks an option (5 斤装 / 10 斤装) on a phone-sized screen and finds it in the cart; the farmer sees the
options on the product's edit page. Screenshots at 360 px (and 1280 px)."""

from decimal import Decimal

import pytest

from orders.models import CartItem
from shops import services as shop_services
from shops.models import Category
from tests.e2e.helpers import ConsoleWatch, log_in, shot
from tests.factories import BuyerFactory, FarmerFactory, ShopFactory, StationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _oranges(farmer):
    return shop_services.product_create(
        actor=farmer,
        shop=ShopFactory(owner=farmer),
        category=Category.objects.get(slug="citrus"),
        name="赣南脐橙",
        unit="box",
        unit_price=Decimal("39.00"),
        publish=True,
        variants=[
            {"name": "5 斤装", "unit_price": "39.00", "stock": "80", "shipping_weight_kg": "2.8"},
            {"name": "10 斤装（家庭装）", "unit_price": "72.00", "stock": "40", "shipping_weight_kg": "5.5"},
            {"name": "礼盒装", "unit_price": "98.00", "stock": "0", "shipping_weight_kg": "6"},
        ],
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_a_buyer_picks_an_option_without_javascript_and_finds_it_in_the_cart(page, live_server, screenshot_dir, width):
    farmer = FarmerFactory(home_village=StationFactory().village)
    product = _oranges(farmer)
    small, large, gift = product.variants.order_by("position")
    buyer = BuyerFactory()
    page.set_viewport_size({"width": width, "height": 900})
    watch = ConsoleWatch(page)
    log_in(page, buyer, "/orders/cart/")
    page.goto(f"/shop/products/{product.pk}/")
    picker = page.locator("fieldset.option-picker")
    assert picker.is_visible()
    assert page.locator("input[name=variant]").count() == 3
    assert page.locator(f"input[name=variant][value='{small.pk}']").is_checked()  # the first in stock
    assert page.locator(f"input[name=variant][value='{gift.pk}']").is_disabled()  # sold out
    assert "¥39.00–98.00" in page.locator(".price").first.inner_text()
    # Tapping the row's text picks the option (a label around the radio button).
    page.click("text=10 斤装（家庭装）")
    assert page.locator(f"input[name=variant][value='{large.pk}']").is_checked()
    shot(page, screenshot_dir, "variants-product", width)
    page.fill(f"#qty-{product.pk}", "2")
    page.click("form.add-to-cart button[type=submit]")
    page.wait_for_url("**/orders/cart/")
    assert "10 斤装（家庭装）" in page.content() and "¥144.00" in page.content()
    shot(page, screenshot_dir, "variants-cart", width)
    assert list(CartItem.objects.filter(cart__user=buyer).values_list("variant_id", "quantity")) == [
        (large.pk, Decimal("2"))
    ]
    watch.assert_clean()


def test_the_farmer_edits_options_on_a_phone(page, live_server, screenshot_dir):
    farmer = FarmerFactory(home_village=StationFactory().village)
    product = _oranges(farmer)
    page.set_viewport_size({"width": 360, "height": 900})
    watch = ConsoleWatch(page)
    log_in(page, farmer, f"/shop/products/{product.pk}/edit/")
    assert page.locator("fieldset.option-row").count() == 4  # three options and an empty row to add one
    new = page.locator("fieldset.option-new")
    new.locator("input[name$='-name']").fill("20 斤装")
    new.locator("input[name$='-unit_price']").fill("130")
    new.locator("input[name$='-stock']").fill("12")
    page.click("form.options-edit button[type=submit]")
    page.wait_for_load_state()
    assert "Options saved." in page.content()
    assert product.variants.filter(name="20 斤装", stock=Decimal("12")).exists()
    shot(page, screenshot_dir, "variants-edit", 360)
    watch.assert_clean()
