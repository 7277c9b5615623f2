"""Rural links: every page a station operator or farmer uses stays under 200 KB on first load
(HTML, CSS, scripts, images together) and its main content is there without JavaScript."""

import pytest

from tests.factories import PASSWORD, FarmerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUDGET_BYTES = 200 * 1024


def _pages(station, farmer) -> dict[str, list[str]]:
    village = station.village
    common = ["/", "/villages/", village.get_absolute_url(), station.get_absolute_url(), "/accounts/profile/"]
    return {
        station.operator.username: [*common, "/villages/my-station/"],
        farmer.username: common,
    }


def _log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def test_pages_of_operators_and_farmers_are_light(browser, live_server, station):
    farmer = FarmerFactory(home_village=station.village)
    for username, urls in _pages(station, farmer).items():
        login_context = browser.new_context(base_url=live_server.url)
        _log_in(login_context.new_page(), username)
        session = login_context.storage_state()
        login_context.close()
        for url in urls:
            # A fresh context per page (only the session cookie kept): nothing cached, as on a first visit.
            context = browser.new_context(base_url=live_server.url, storage_state=session)
            page = context.new_page()
            sizes: dict[str, int] = {}
            page.on("response", lambda response, sizes=sizes: sizes.__setitem__(response.url, len(response.body())))
            page.goto(url)
            page.wait_for_load_state("networkidle")
            total = sum(sizes.values())
            assert total < BUDGET_BYTES, f"{url} as {username}: {total} bytes ({sizes})"
            context.close()


def test_main_content_works_without_javascript(browser, live_server, station):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    _log_in(page, station.operator.username)
    for url in ["/", "/villages/", station.village.get_absolute_url(), "/villages/my-station/"]:
        page.goto(url)
        assert page.locator("main h1").count() >= 1, url
    context.close()
