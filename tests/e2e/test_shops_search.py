"""Searching as villagers type, in Chinese at 360 px: a broad search's first page (not counted) and suggestions."""

import pytest

from shops import selectors
from tests.factories import ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_broad_search_in_chinese_at_360_px(page, live_server, screenshot_dir, monkeypatch):
    shop = ProductFactory(name="核桃", units_sold=1).shop
    for n in range(24):
        ProductFactory(name=f"东北香菇 {n}", shop=shop, units_sold=10 + n)
    monkeypatch.setattr(selectors, "WALK", 24)  # the best sellers hold the page and one more: not counted
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/shop/?q=xg")
    assert "超过 20 件商品" in page.content() and "第 1 页" in page.content()
    assert page.locator(".products > *").count() == 20
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=screenshot_dir / "shops-search-open-ended-zh-360.png", full_page=False)
    page.fill("#id_q", "xiangg")
    page.locator("#search-suggestions li").first.wait_for()
    assert "东北香菇 23" in page.locator("#search-suggestions").inner_text()
    page.screenshot(path=screenshot_dir / "shops-search-suggestions-zh-360.png", full_page=False)
    page.goto("/shop/?q=xg&page=2")
    assert "24 件商品" in page.content() and "第 2 页，共 2 页" in page.content()
