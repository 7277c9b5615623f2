"""Instalment loans in the browser, in Chinese at 360 px and at 1280 px: the plan before confirming, the plan on
"My credit", the operator's collections list and the admin's loan book with PAR30."""

import datetime
import uuid

import pytest
from django.utils import timezone

from credit import arrears, services
from credit.models import Loan
from tests.credit.factories import LoanProductFactory, completed_orders, verify_identity
from tests.e2e.helpers import log_in, shot
from tests.factories import AdminFactory, FarmerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ZH = {"Accept-Language": "zh-CN,zh-Hans;q=0.9,zh;q=0.8"}


@pytest.fixture
def zh_page(browser, live_server):
    def open_page(width):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, base_url=live_server.url, extra_http_headers=ZH
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    return open_page


@pytest.mark.parametrize("width", [360, 1280])
def test_instalment_loan_plan_collections_and_book(zh_page, station, screenshot_dir, width):
    LoanProductFactory(
        name="大棚分期贷", repayment_type="equal_instalment", period="month", max_term_days=400, max_instalments=12
    )
    farmer = FarmerFactory(home_village=station.village, first_name="瑞", last_name="龙")
    farmer.date_joined = timezone.now() - datetime.timedelta(days=800)
    farmer.save(update_fields=["date_joined"])
    verify_identity(farmer, station.operator)
    completed_orders(farmer, 48)

    page = zh_page(width)
    log_in(page, farmer, "/credit/")
    shot(page, screenshot_dir, "credit-zh-my-credit", width)
    page.fill("input[name=amount]", "6000")
    page.fill("input[name=instalments]", "6")
    page.fill("input[name=purpose]", "建蔬菜大棚")
    page.click("#apply button[type=submit]")
    page.wait_for_selector("table.schedule")
    assert page.locator("table.schedule tbody tr").count() == 6
    assert "实际年化利率" in page.content()
    shot(page, screenshot_dir, "credit-zh-loan-confirm-instalments", width)
    page.click("main form.actions button[type=submit]")
    page.wait_for_selector(".msg-success")
    loan = Loan.objects.get(borrower=farmer)
    assert loan.instalments.count() == 6
    shot(page, screenshot_dir, "credit-zh-my-credit-instalments", width)

    # Two months later the first instalment is late: the operator's list and the admin's book show it.
    other = FarmerFactory(home_village=station.village, first_name="丁", last_name="一")
    verify_identity(other, station.operator)
    product = LoanProductFactory(repayment_type="equal_principal", period="week", max_term_days=400)
    services.loan_apply(
        borrower=other,
        product=product,
        amount="800.00",
        term_days=None,
        instalments=8,
        purpose="买小猪",
        idempotency_key=uuid.uuid4().hex,
        today=services.today_local() - datetime.timedelta(days=40),
    )
    arrears.arrears_classify(today=services.today_local())
    operator_page = zh_page(width)
    log_in(operator_page, station.operator, "/credit/station/collections/")
    assert operator_page.locator("table.collections tbody tr").count() >= 1
    shot(operator_page, screenshot_dir, "credit-zh-collections", width)

    admin_page = zh_page(width)
    log_in(admin_page, AdminFactory(), "/credit/book/")
    assert "PAR30" in admin_page.content()
    shot(admin_page, screenshot_dir, "credit-zh-loan-book", width)
    admin_page.goto("/credit/station/collections/")
    shot(admin_page, screenshot_dir, "credit-zh-collections-admin", width)
