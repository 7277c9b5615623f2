"""A farmer registers an Alipay account and withdraws a sale's proceeds on a phone, in Chinese; an admin approves."""

import pytest

from orders.models import Withdrawal
from tests.e2e.helpers import ConsoleWatch, log_in, log_out, shot
from tests.factories import AdminFactory
from tests.orders.test_withdrawals import completed_sale

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360])
def test_farmer_withdraws_and_admin_approves_in_chinese(page, live_server, screenshot_dir, width):
    order = completed_sale()  # balance ¥37.00
    farmer = order.shop.owner
    watch = ConsoleWatch(page)
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, farmer, "/orders/withdrawals/")
    assert "¥37.00" in page.locator(".figures").inner_text()
    shot(page, screenshot_dir, "withdrawals-zh-empty", width)
    page.select_option("form[action$='/accounts/'] select[name=kind]", "alipay")
    page.fill("form[action$='/accounts/'] input[name=holder_name]", "王芳")
    page.fill("form[action$='/accounts/'] input[name=number]", "13800138000")
    page.click("form[action$='/accounts/'] button[type=submit]")
    page.wait_for_selector(".msg-success")
    assert "**** 8000" in page.content() and "13800138000" not in page.content()
    page.fill("form[action$='/request/'] input[name=amount]", "30")
    page.click("form[action$='/request/'] button[type=submit]")
    page.wait_for_selector(".msg-success")
    assert "待审核" in page.locator("main").inner_text()
    shot(page, screenshot_dir, "withdrawals-zh-requested", width)

    log_out(page)
    log_in(page, AdminFactory(preferred_language="zh-hans"), "/orders/withdrawals/")
    shot(page, screenshot_dir, "withdrawals-zh-admin", width)
    page.click("button[formaction$='/approve/']")
    page.wait_for_selector(".msg-success")
    assert Withdrawal.objects.get().status == "paid"
    watch.assert_clean()
