"""The main pages of part A (home, catalogue, product, village, login, my station) in Simplified Chinese and
French, chosen from the browser's Accept-Language: screenshots at 360 and 1280 px, nothing overflows, and in
Chinese the visible text of <main> holds none of the common English words of these pages."""

import re
from decimal import Decimal

import pytest

from shops.models import Category
from tests.factories import PASSWORD, ProductFactory, ShopFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Common English interface words of these pages (whole words, case-sensitive as the interface writes them).
# Data typed by users (names of villages, shops, products) is set in Chinese by the test, so any hit is
# interface text that escaped translation.
ENGLISH_UI_WORDS = [
    "Catalogue", "Cart", "Add to cart", "Log in", "Log out", "Password", "Username", "Price", "Stock",
    "Search", "Filters", "Sort", "Shops", "Products", "Service station", "Order", "In stock", "Home",
    "Population", "Households", "Township", "County", "Village page", "Forgot your password", "Sign up",
    "Browse villages", "Keeps", "About this product", "Run by", "Pickles", "Preserved foods", "sold out",
    "Manage", "My station", "Address", "Opened on", "Villagers", "none yet", "Previous", "Next",
]  # fmt: skip
HEADERS = {"zh-hans": "zh-CN,zh-Hans;q=0.9,zh;q=0.8", "fr": "fr-FR,fr;q=0.9"}
EXPECTED = {
    "zh-hans": {
        "home": "农村电商淘宝村",
        "catalogue": "乡村好物",
        "product": "加入购物车",
        "village": "人口",
        "login": "登录",
    },
    "fr": {
        "home": "Les villages du e-commerce rural",
        "catalogue": "Produits des villages",
        "product": "Ajouter au panier",
        "village": "Population",
        "login": "Se connecter",
    },
}


@pytest.fixture
def chinese_data(station):
    village = station.village
    village.name = "白鹤村"
    village.save()
    village.township.name = "龙场镇"
    village.township.save()
    village.township.county.name = "修文县"
    village.township.county.save()
    station.name = "白鹤村服务站"
    station.address = "白鹤村村委会旁"
    station.save()
    shop = ShopFactory(village=village, owner__home_village=village, name="李家酸菜坊")
    product = ProductFactory(
        shop=shop,
        name="东北酸菜",
        category=Category.objects.get(slug="pickles"),
        unit_price=Decimal("18.50"),
        description="自家腌制，古法发酵。",
    )
    return station, product


def visible_main_text(page) -> str:
    return page.locator("main").inner_text()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", ["zh-hans", "fr"])
def test_main_pages_in_each_language(browser, live_server, chinese_data, screenshot_dir, language, width):
    station, product = chinese_data
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        base_url=live_server.url,
        extra_http_headers={"Accept-Language": HEADERS[language]},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    pages = [
        ("home", "/"),
        ("catalogue", "/shop/"),
        ("product", f"/shop/products/{product.pk}/"),
        ("village", f"/villages/{station.village.pk}/"),
        ("login", "/accounts/login/"),
    ]
    try:
        for name, url in pages:
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            text = visible_main_text(page) + page.locator("header").inner_text()
            assert EXPECTED[language][name] in text, (name, text[:300])
            if language == "zh-hans":
                leaks = [w for w in ENGLISH_UI_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
                assert leaks == [], f"{name}: English left: {leaks}"
            page.screenshot(path=screenshot_dir / f"i18n-{language}-{name}-{width}.png", full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        # The operator's station page, after logging in (the form is in the page's language).
        page.goto("/accounts/login/?next=/villages/my-station/")
        page.fill("input[name=username]", station.operator.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/villages/my-station/")
        text = visible_main_text(page)
        if language == "zh-hans":
            leaks = [w for w in ENGLISH_UI_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
            assert leaks == [], f"my station: English left: {leaks}"
        page.screenshot(path=screenshot_dir / f"i18n-{language}-my-station-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
