import datetime

import pytest
from django.utils import timezone

from credit import services
from credit.models import Loan
from tests.credit.factories import LoanProductFactory, completed_orders, verify_identity
from tests.e2e.helpers import log_in
from tests.factories import AdminFactory, FarmerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trader(station):
    farmer = FarmerFactory(home_village=station.village, first_name="Rui", last_name="Long")
    farmer.date_joined = timezone.now() - datetime.timedelta(days=800)
    farmer.save(update_fields=["date_joined"])
    verify_identity(farmer, station.operator)
    completed_orders(farmer, 48)
    for days in (60, 30, 1):
        snapshot = services.score_snapshot_take(user=farmer)
        snapshot.taken_on = timezone.localdate() - datetime.timedelta(days=days)
        snapshot.score -= days
        snapshot.save()
    return farmer


@pytest.mark.parametrize("width", [1280, 360])
def test_farmer_sees_why_borrows_after_seeing_the_cost_and_repays_in_parts(page, trader, screenshot_dir, width):
    LoanProductFactory(name="Harvest microloan")
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, trader, "/credit/")
    assert "+120: 48 orders completed as a seller" in page.content()
    assert page.locator("svg.score-chart polyline").count() == 1
    page.screenshot(path=screenshot_dir / f"credit-my-credit-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.fill("input[name=amount]", "5000")
    page.fill("input[name=purpose]", "Jars for pickled cabbage")
    page.click("#apply button[type=submit]")
    page.screenshot(path=screenshot_dir / f"credit-loan-confirm-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.click("main form button[type=submit]")  # the confirmation step: cost shown, then "Confirm"
    page.wait_for_selector(".msg-success")
    assert Loan.objects.get(borrower=trader).principal == 5000
    page.fill("#repay input[name=amount]", "1000")
    page.click("#repay button[type=submit]")
    # The provider's page: nothing is repaid until it confirms.
    page.wait_for_selector(".pay-card")
    page.screenshot(path=screenshot_dir / f"credit-pay-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert Loan.objects.get(borrower=trader).outstanding_principal == 5000
    page.click(".pay-card button[value=pay]")
    page.wait_for_selector(".msg-success")
    page.screenshot(path=screenshot_dir / f"credit-after-repay-{width}.png", full_page=True)
    assert Loan.objects.get(borrower=trader).outstanding_principal == 4000
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 360])
def test_operator_and_admin_pages(page, trader, station, screenshot_dir, width):
    fang = FarmerFactory(home_village=station.village, first_name="Fang", last_name="Wang")
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, station.operator, "/credit/station/")
    page.screenshot(path=screenshot_dir / f"credit-station-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.click("form.inline-form button[type=submit] >> text=Verify identity")
    page.wait_for_selector(".msg-success")
    assert page.locator(".badge-ok").count() == 2

    # Cash at the station for a villager's running loan: recorded under the operator's name, seen by the villager.
    running = LoanProductFactory(name="Station loan")
    application, _ = services.loan_apply(
        borrower=fang, product=running, amount="800", term_days=30, purpose="seed", idempotency_key="cash"
    )
    page.goto("/credit/station/cash/")
    page.select_option("select[name=loan]", str(application.loan.pk))
    page.fill("input[name=amount]", "200")
    page.fill("input[name=note]", "counted twice")
    page.click("main form button[type=submit] >> text=Record the cash")
    page.wait_for_selector(".msg-success")
    page.screenshot(path=screenshot_dir / f"credit-station-cash-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    application.loan.refresh_from_db()
    assert application.loan.outstanding_principal == 600
    page.context.clear_cookies()
    log_in(page, fang, "/credit/")
    assert "received by" in page.locator("#repay").inner_text()
    page.screenshot(path=screenshot_dir / f"credit-cash-seen-{width}.png", full_page=True)
    page.context.clear_cookies()
    log_in(page, station.operator, "/credit/station/")

    product = LoanProductFactory()
    services.loan_apply(
        borrower=trader,
        product=product,
        amount="3000",
        term_days=10,
        purpose="x",
        idempotency_key="k",
        today=timezone.localdate() - datetime.timedelta(days=30),
    )
    services.loans_mark_overdue()
    page.context.clear_cookies()
    log_in(page, AdminFactory(), "/credit/book/")
    page.screenshot(path=screenshot_dir / f"credit-loan-book-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 360])
def test_a_new_farmer_reads_the_empty_history_in_french_without_overlap(browser, live_server, screenshot_dir, width):
    """The empty-chart sentence was SVG text: in French it ran over the axis labels. It is a paragraph now."""
    farmer = FarmerFactory()
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        base_url=live_server.url,
        extra_http_headers={"Accept-Language": "fr-FR,fr;q=0.9"},
    )
    page = context.new_page()
    try:
        log_in(page, farmer, "/credit/")
        empty = page.locator(".score-chart-empty")
        assert "Pas encore d’historique" in empty.inner_text()
        box, card = empty.bounding_box(), page.locator(".score-chart-empty >> xpath=..").bounding_box()
        assert card["x"] <= box["x"] and box["x"] + box["width"] <= card["x"] + card["width"]
        assert page.locator("svg.score-chart").count() == 0
        page.screenshot(path=screenshot_dir / f"credit-empty-history-fr-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
