"""In Chromium: a farmer lists produce with a photo from a phone-sized screen; a buyer finds it."""

import pytest

from shops.models import ImageStatus, Product, ProductStatus
from tests.factories import PASSWORD, FarmerFactory, StationFactory
from tests.reference_data import ensure_reference_data
from tests.shops.photo_files import image_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, user, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{next_url}")


def no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 360])
def test_farmer_lists_a_product_with_a_photo_and_finds_it_in_the_catalogue(page, screenshot_dir, tmp_path, width):
    ensure_reference_data()  # an earlier transactional test may have flushed the data-migration rows
    station = StationFactory(village__name="Libei")
    farmer = FarmerFactory(home_village=station.village, first_name="Rui", last_name="Long")
    photo = tmp_path / "cabbage.jpg"
    photo.write_bytes(image_bytes("JPEG", size=(1200, 900), color=(210, 200, 120)))
    page.set_viewport_size({"width": width, "height": 800})

    log_in(page, farmer, "/shop/mine/")
    page.screenshot(path=screenshot_dir / f"shops-my-shops-empty-{width}.png", full_page=True)
    page.click("text=Open a shop")
    page.fill("input[name=name]", "Long family pickles")
    page.check("input[name=channels][value=taobao]")
    page.screenshot(path=screenshot_dir / f"shops-open-shop-{width}.png", full_page=True)
    page.click("main button[type=submit]")

    page.wait_for_url("**/products/new/")
    page.fill("input[name=name]", "Pickled cabbage 酸菜")
    page.select_option("select[name=category]", label="— Pickles")
    page.fill("textarea[name=description]", "Fermented in clay jars, sold by the 1.5 kg jar.")
    page.select_option("select[name=unit]", "kg")
    page.fill("input[name=unit_price]", "18.50")
    page.fill("input[name=stock]", "30")
    page.fill("input[name=order_step]", "1.5")
    page.fill("input[name=order_minimum]", "1.5")
    page.set_input_files("input[name=photos]", str(photo))
    page.screenshot(path=screenshot_dir / f"shops-product-new-{width}.png", full_page=True)
    no_sideways_scroll(page, width)
    page.click("main form button[type=submit]")

    page.wait_for_url("**/edit/")
    product = Product.objects.get(name="Pickled cabbage 酸菜")
    assert product.status == ProductStatus.DRAFT and product.listed_by == farmer
    assert product.images.get().status == ImageStatus.READY
    page.click("main button:has-text('Publish')")
    page.wait_for_selector("text=is now in the catalogue")
    page.screenshot(path=screenshot_dir / f"shops-product-edit-{width}.png", full_page=True)
    no_sideways_scroll(page, width)
    product.refresh_from_db()
    assert product.status == ProductStatus.PUBLISHED

    # A visitor finds it by a Chinese search word and a category filter.
    page.goto("/shop/?q=酸菜&category=preserved-foods")
    card = page.locator(".product-card", has_text="Pickled cabbage")
    assert card.count() == 1
    assert "product-placeholder" not in card.locator("img").get_attribute("src")
    page.screenshot(path=screenshot_dir / f"shops-catalogue-search-{width}.png", full_page=True)
    no_sideways_scroll(page, width)
    card.click()
    page.wait_for_url(f"**/shop/products/{product.pk}/")
    assert "Libei" in page.content() and "Long family pickles" in page.content()
    page.screenshot(path=screenshot_dir / f"shops-product-page-{width}.png", full_page=True)
    no_sideways_scroll(page, width)
