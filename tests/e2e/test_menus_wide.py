"""Issue 19: the operator's and the admin's menus wrapped onto a second row at 1280 px. In Chinese, every role's
inline menu is one line beside the brand; each role lands where its work is after logging in."""

import pytest

from tests.e2e.helpers import log_out
from tests.factories import PASSWORD, AdminFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_menus_are_one_line_at_1280_px_in_chinese(browser, live_server, station):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800},
        base_url=live_server.url,
        extra_http_headers={"Accept-Language": "zh-CN,zh-Hans;q=0.9"},
    )
    page = context.new_page()
    admin = AdminFactory()
    try:
        for user, landing in ((station.operator, "/villages/my-station/"), (admin, "/certification/")):
            page.goto("/accounts/login/")
            page.fill("input[name=username]", user.username)
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(f"**{landing}")
            tops = page.eval_on_selector_all(
                ".nav-wide > a, .nav-wide > form", "els => els.map(el => Math.round(el.getBoundingClientRect().top))"
            )
            # One row: the links' tops differ by a few pixels at most (a second row is 30 px lower or more).
            assert len(tops) > 8 and max(tops) - min(tops) < 20, f"{user.role}: menu rows at {sorted(set(tops))}"
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
            log_out(page)
    finally:
        context.close()
