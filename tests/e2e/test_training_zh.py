"""A Chinese-speaking villager reads a zh-hans lesson and takes its quiz on a phone."""

import re

import pytest

from tests.factories import PASSWORD, FarmerFactory
from training.catalogue import catalogue_read
from training.services import catalogue_load

EN, ZH = (dict(catalogue_read())[language] for language in ("en", "zh-hans"))

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SLUG = "microloan-borrowing-well"


def _shot(page, screenshot_dir, name, width):
    page.screenshot(path=screenshot_dir / f"training-zh-{name}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # long CJK lines wrap, nothing overflows


@pytest.mark.parametrize("width", [360])
def test_zh_lesson_and_quiz_on_a_phone(page, live_server, screenshot_dir, width):
    catalogue_load(courses=[course for course in EN if course["slug"] == SLUG])
    course = next(course for course in ZH if course["slug"] == SLUG)
    catalogue_load(courses=[course])
    villager = FarmerFactory(username="ding_zh")
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 800})

    page.goto("/accounts/login/?next=/training/")
    page.fill("input[name=username]", villager.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/training/")
    assert course["title"] in page.locator("main").inner_text()  # the zh-hans course, by default
    _shot(page, screenshot_dir, "catalogue", width)
    page.click(f"text={course['title']}")
    page.wait_for_url(f"**/courses/{SLUG}-zh-hans/")
    _shot(page, screenshot_dir, "course", width)
    page.locator("main form[action$='/enrol/'] button[type=submit]").click()

    lesson = course["lessons"][1]  # daily interest: figures and formulas in running Chinese text
    page.goto(f"/training/courses/{SLUG}-zh-hans/lessons/2/")
    assert lesson["title"] in page.locator("h1").inner_text()
    _shot(page, screenshot_dir, "lesson", width)
    page.goto(f"/training/courses/{SLUG}-zh-hans/lessons/2/quiz/")
    for index, question in enumerate(lesson["quiz"]["questions"]):
        wanted = next(choice["text"] for choice in question["choices"] if choice["correct"])
        page.locator("fieldset.question-card").nth(index).get_by_text(wanted, exact=True).click()
    _shot(page, screenshot_dir, "quiz", width)
    page.locator("main form button[type=submit]").last.click()
    # The interface is Chinese too now: "100%" (no space before % in Chinese typography).
    assert re.search(r"100\s?%", page.locator(".quiz-score").inner_text())
    _shot(page, screenshot_dir, "quiz-result", width)
