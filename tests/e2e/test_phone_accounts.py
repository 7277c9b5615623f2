"""A villager on a 360 px phone in Chinese signs up with a mobile number and an SMS code, logs out, and logs in
again with a new code (no password at any point)."""

import pytest

from accounts.models import User
from core import sms
from tests.e2e.helpers import ConsoleWatch, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _code() -> str:
    return sms.outbox[-1]["params"]["code"]


def test_phone_sign_up_and_log_in_at_360_px_in_chinese(page, live_server, screenshot_dir, settings):
    settings.SMS_PROVIDER = "memory"
    settings.PHONE_CODE_RESEND_SECONDS = 0  # the log-in code comes a few seconds after the sign-up one
    sms.outbox.clear()
    watch = ConsoleWatch(page)
    page.set_viewport_size({"width": 360, "height": 780})
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])

    page.goto("/accounts/login/")
    page.click("a[href^='/accounts/login/phone/']")
    page.wait_for_url("**/accounts/login/phone/**")
    page.click("a[href='/accounts/signup/phone/']")
    page.wait_for_url("**/accounts/signup/phone/")
    page.fill("input[name=phone]", "138 0013 8000")
    page.fill("input[name=last_name]", "王")
    page.fill("input[name=first_name]", "小明")
    page.click("button[value=send]:not(.visually-hidden)")
    page.wait_for_selector(".code-sent")
    assert sms.outbox[-1]["phone"] == "+8613800138000" and "淘村" in sms.outbox[-1]["text"]
    shot(page, screenshot_dir, "phone-sign-up-zh-hans", 360)
    page.fill("input[name=code]", _code())
    page.press("input[name=code]", "Enter")  # Enter uses the code once one was sent
    page.wait_for_url(f"{live_server.url}/")
    user = User.objects.get(phone="+8613800138000")
    assert user.display_name == "王小明" and user.phone_verified_at is not None

    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    page.goto("/accounts/login/phone/")
    page.fill("input[name=phone]", "13800138000")
    page.press("input[name=phone]", "Enter")  # Enter asks for a code while none was sent
    page.wait_for_selector(".code-sent")
    page.fill("input[name=code]", "000000" if _code() != "000000" else "111111")
    page.click("button[value=use]:not(.visually-hidden)")
    page.wait_for_selector(".field-error")
    shot(page, screenshot_dir, "phone-login-wrong-code-zh-hans", 360)
    page.fill("input[name=code]", _code())
    page.click("button[value=use]:not(.visually-hidden)")
    page.wait_for_url(f"{live_server.url}/")
    page.goto("/accounts/profile/")
    assert "+8613800138000" in page.locator("main").inner_text()
    shot(page, screenshot_dir, "phone-profile-zh-hans", 360)
    watch.assert_clean()
