"""The training, certification, credit and insights pages in Simplified Chinese and French at phone width:
the language comes from Accept-Language, the pages show translated text and nothing overflows sideways.
Screenshots go to test-artifacts/screenshots/i18n-<lang>-<page>-360.png."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.credit.factories import LoanProductFactory, completed_orders, verify_identity
from tests.factories import PASSWORD, AdminFactory, FarmerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A phrase each page shows, per language: proof that the page is served translated.
LANGUAGES = {
    "zh-hans": {
        "locale": "zh_Hans",
        "credit": "信用分",
        "book": "贷款台账",
        "training": "培训课程",
        "certification": "淘宝村认定",
        "insights": "销售分析",
        "training_dashboard": "培训看板",
    },
    "fr": {
        "locale": "fr",
        "credit": "points de respectabilité",
        "book": "Portefeuille de prêts",
        "training": "Cours de formation",
        "certification": "Labellisation",
        "insights": "Analyse des ventes",
        "training_dashboard": "Tableau de bord de la formation",
    },
}


def _compiled(locale: str) -> bool:
    return (Path(settings.BASE_DIR) / "locale" / locale / "LC_MESSAGES" / "django.mo").exists()


def _visit(page, url, phrase, shot, width=360):
    page.goto(url)
    assert phrase in page.content(), url
    page.screenshot(path=shot, full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, url


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_part_b_pages_are_translated_and_fit_a_phone(browser, live_server, station, screenshot_dir, language):
    texts = LANGUAGES[language]
    if not _compiled(texts["locale"]):
        pytest.skip("catalogues not compiled (run the translations compile step first)")
    farmer = FarmerFactory(home_village=station.village, first_name="Rui", last_name="Long")
    verify_identity(farmer, station.operator)
    completed_orders(farmer, 12)
    LoanProductFactory(name="Harvest microloan")
    admin = AdminFactory()
    context = browser.new_context(
        viewport={"width": 360, "height": 800},
        base_url=live_server.url,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for user, pages in (
            (farmer, [("/credit/", "credit"), ("/training/", "training")]),
            (
                admin,
                [
                    ("/credit/book/", "book"),
                    ("/certification/", "certification"),
                    ("/insights/", "insights"),
                    ("/training/dashboard/", "training_dashboard"),
                ],
            ),
        ):
            page.context.clear_cookies()
            page.goto("/accounts/login/")
            page.fill("input[name=username]", user.username)
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == language
            for url, key in pages:
                _visit(page, url, texts[key], screenshot_dir / f"i18n-{language}-{key}-360.png")
    finally:
        context.close()
