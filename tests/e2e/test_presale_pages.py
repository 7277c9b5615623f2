"""The pre-sale pages at phone width in Chinese, French and English: the product page's pre-sale (deposit, final
price, dates, terms), the reservation form, the buyer's pre-sale orders ("pay the balance"), the farmer's pre-sales
and reservations ("call for the balance"). Nothing overflows sideways; no console error. Screenshots go to
test-artifacts/screenshots/presale-<lang>-<page>-360.png."""

import pytest
from django.urls import reverse

from orders import services
from tests.e2e.helpers import ConsoleWatch
from tests.factories import PASSWORD, BuyerFactory
from tests.orders.presale_helpers import open_presale, pay_due, reserve

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHRASES = {
    "zh-hans": {"product": "预订这季收成", "mine": "支付尾款", "manage": "我的预售", "detail": "预订"},
    "fr": {
        "product": "Réserver sur la récolte",
        "mine": "Payer le solde",
        "manage": "Mes préventes",
        "detail": "Réservations",
    },
    "en": {
        "product": "Reserve from the harvest",
        "mine": "Pay the balance",
        "manage": "My pre-sales",
        "detail": "Reservations",
    },
}


@pytest.mark.parametrize("language", sorted(PHRASES))
def test_presale_pages_fit_a_phone(browser, live_server, screenshot_dir, language):
    presale = open_presale()
    farmer = presale.product.shop.owner
    buyer = BuyerFactory()
    waiting = reserve(presale, buyer, "10")
    pay_due(waiting)
    for _ in range(2):
        pay_due(reserve(presale, BuyerFactory(), "5"))
    services.presale_call_balance(actor=farmer, presale_id=presale.pk)
    fresh = open_presale(quantity_offered="200")  # an open one, for the product page and the reservation form
    phrases = PHRASES[language]
    context = browser.new_context(
        viewport={"width": 360, "height": 800},
        base_url=live_server.url,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch = ConsoleWatch(page)
    try:
        for user, pages in (
            (
                buyer,
                [
                    (fresh.product.get_absolute_url(), "product"),
                    (reverse("orders:presale_reserve", args=[fresh.pk]), "reserve"),
                    (reverse("orders:presale_orders_mine"), "mine"),
                ],
            ),
            (
                farmer,
                [
                    (reverse("orders:presales_manage"), "manage"),
                    (reverse("orders:presale_detail", args=[presale.pk]), "detail"),
                ],
            ),
        ):
            page.context.clear_cookies()
            page.goto("/accounts/login/")
            page.fill("input[name=username]", user.username)
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state()
            for url, key in pages:
                page.goto(url)
                if key in phrases:
                    assert phrases[key] in page.content(), (language, url)
                page.screenshot(path=screenshot_dir / f"presale-{language}-{key}-360.png", full_page=True)
                assert page.evaluate("document.documentElement.scrollWidth") <= 360, (language, url)
        watch.assert_clean()
    finally:
        context.close()
