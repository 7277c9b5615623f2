"""Screenshots of the catalogue pages with the demo data, and the operator's pages, at 1280 and 360 px."""

import pytest

from shops.models import Product, Shop
from tests.reference_data import ensure_reference_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_demo_catalogue_and_operator_pages(page, screenshot_dir):
    from shops import demo
    from villages import demo as villages_demo

    ensure_reference_data()  # an earlier transactional test may have flushed the data-migration rows
    villages_demo.seed(quiet=True)
    demo.seed(quiet=True)
    shop = Shop.objects.get(slug="libei-mountain-pantry")
    product = Product.objects.get(name="红心猕猴桃", shop__slug="long-family-xifeng-tea")
    pages = {
        "catalogue": "/shop/",
        "catalogue-filtered": "/shop/?category=preserved-foods&sort=price_asc",
        "product": product.get_absolute_url(),
        "shop": shop.get_absolute_url(),
        "village": shop.village.get_absolute_url(),
    }
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for name, url in pages.items():
            page.goto(url)
            assert page.locator("h1").count() == 1
            page.screenshot(path=screenshot_dir / f"shops-demo-{name}-{width}.png", full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name

    page.goto("/accounts/login/?next=/villages/my-station/")
    page.fill("input[name=username]", "op_libei")
    page.fill("input[name=password]", "taocun-demo-2026")
    page.click("main button[type=submit]")
    page.wait_for_url("**/villages/my-station/")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/villages/my-station/")
        page.screenshot(path=screenshot_dir / f"shops-operator-station-{width}.png", full_page=True)
        page.goto("/shop/station/")
        assert "立碑山货铺" in page.content()
        page.screenshot(path=screenshot_dir / f"shops-operator-village-shops-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto("/shop/open/")
        page.screenshot(path=screenshot_dir / f"shops-operator-open-shop-{width}.png", full_page=True)
