"""The trust pages at phone width in every language: the admins' fraud review queue, a seller's shipped order
(no "delivered" button), the frozen borrowing on the villager's credit page, and what certification left out.
Screenshots go to test-artifacts/screenshots/trust-<lang>-<page>-360.png."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from certification import services as certification_services
from orders import services as order_services
from tests.credit.factories import LoanProductFactory
from tests.factories import PASSWORD, AdminFactory, BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import options, pay, ship_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHRASES = {
    "en": {"reviews": "Fraud review", "order": "delivered automatically", "credit": "borrowing is frozen"},
    "zh-hans": {"reviews": "反欺诈审核", "order": "自动签收", "credit": "借款已被冻结"},
    "fr": {"reviews": "Examen anti-fraude", "order": "livrée automatiquement", "credit": "emprunts sont gelés"},
}
LOCALES = {"zh-hans": "zh_Hans", "fr": "fr"}


@pytest.fixture
def flagged(station):
    """A seller whose relative (same phone) bought three times: one held and shipped, one cleared, one fraud."""
    seller = FarmerFactory(home_village=station.village, phone="13712345678", first_name="Rui", last_name="Long")
    shop = ShopFactory(owner=seller, village=station.village, name="Long's pickles")
    product = ProductFactory(shop=shop)
    relative = BuyerFactory(phone="13712345678", date_joined=timezone.now() - datetime.timedelta(days=400))
    orders = [
        order_services.order_place(buyer=relative, variants=options((product, 2)), ship_to=ship_to())[0]
        for _ in range(3)
    ]
    for order in orders:
        pay(order)
    order_services.order_ship(order_id=orders[0].pk, actor=seller, carrier="SF", tracking_number=waybill())
    admin = AdminFactory()
    order_services.order_review_clear(order_id=orders[1].pk, reviewer=admin, note="A cousin in Nanjing")
    order_services.order_review_confirm_fraud(
        order_id=orders[2].pk, reviewer=admin, note="One phone number for the seller and the buyer"
    )
    cutoff = timezone.localdate().replace(day=1) + datetime.timedelta(days=40)
    run, _created = certification_services.assessment_run_start(trigger="scheduled", cutoff=cutoff, enqueue=False)
    certification_services.assessment_run_execute(run_id=run.pk)
    LoanProductFactory(name="Harvest microloan")
    return {"seller": seller, "admin": admin, "shipped": orders[0], "village": station.village}


@pytest.mark.parametrize("language", sorted(PHRASES))
def test_trust_pages_are_translated_and_fit_a_phone(browser, live_server, flagged, screenshot_dir, language):
    locale = LOCALES.get(language)
    if locale and not (Path(settings.BASE_DIR) / "locale" / locale / "LC_MESSAGES" / "django.mo").exists():
        pytest.skip("catalogues not compiled")
    phrases = PHRASES[language]
    context = browser.new_context(
        viewport={"width": 360, "height": 800},
        base_url=live_server.url,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)

    def log_in(user):
        page.context.clear_cookies()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()

    def visit(url, name, phrase=None):
        page.goto(url)
        if phrase:
            assert phrase in page.content(), (url, phrase)
        page.screenshot(path=screenshot_dir / f"trust-{language}-{name}-360.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url

    try:
        log_in(flagged["admin"])
        visit("/orders/reviews/", "reviews", phrases["reviews"])
        visit("/orders/reviews/?show=fraud", "reviews-fraud", "One phone number for the seller and the buyer")
        visit(f"/certification/villages/{flagged['village'].pk}/", "certification-village")
        log_in(flagged["seller"])
        visit(f"/orders/{flagged['shipped'].number}/", "seller-order", phrases["order"])
        assert page.locator(f"form[action$='/{flagged['shipped'].number}/deliver/']").count() == 0
        visit("/credit/", "credit", phrases["credit"])
        assert "One phone number for the seller and the buyer" in page.content()
    finally:
        context.close()


def test_the_review_queue_clears_from_the_page(browser, live_server, station, screenshot_dir):
    seller = FarmerFactory(home_village=station.village, phone="13712345678")
    product = ProductFactory(shop=ShopFactory(owner=seller, village=station.village))
    relative = BuyerFactory(phone="13712345678")
    (order,) = order_services.order_place(buyer=relative, variants=options((product, 2)), ship_to=ship_to())
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("input[name=username]", station.operator.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        page.goto("/orders/reviews/")
        assert "Confirm fraud" not in page.content()  # operators clear; only admins confirm fraud
        page.fill(f"#note-{order.pk}", f"Known buyer {uuid.uuid4().hex[:4]}")
        page.click("text=Clear: independent buyer")
        page.wait_for_load_state()
        assert "cleared" in page.content()
        order.refresh_from_db()
        assert order.trust_review == "cleared"
    finally:
        context.close()
