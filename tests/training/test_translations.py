"""Courses in other languages: the zh-hans seed catalogue mirrors the English one, the loader links each
translation to its original, qualification accepts any language version, the catalogue follows the interface."""

import re
import shutil

import pytest
from django.urls import reverse
from django.utils import translation

from core.errors import NotFound
from tests.training.factories import finish_course
from training import selectors, services
from training.catalogue import CATALOGUE_DIR, catalogue_read
from training.models import OPERATOR_COURSE_SLUG, Certificate, Course, Lesson, Question

pytestmark = pytest.mark.django_db

EN, ZH = (dict(catalogue_read())[language] for language in ("en", "zh-hans"))

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = r"\d[\d,]*\.\d+"
# Figures that change unit in Chinese: 65.7098 million yuan is read as 6570.98万元.
UNIT_CHANGES = {"65.7098": "6570.98"}


def _shape(courses):
    return [
        (
            course["slug"],
            course["audience"],
            course["level"],
            [
                (
                    lesson["minutes"],
                    lesson.get("video_url", ""),
                    lesson["quiz"]["pass_mark"],
                    [[choice["correct"] for choice in q["choices"]] for q in lesson["quiz"]["questions"]],
                )
                for lesson in course["lessons"]
            ],
        )
        for course in courses
    ]


def test_zh_catalogue_has_the_structure_of_the_english_one():
    assert _shape(ZH) == _shape(EN)  # slugs and order, lessons, questions, correct-answer positions, pass marks
    assert {course["language"] for course in ZH} == {"zh-hans"}


def test_zh_catalogue_is_written_in_chinese():
    english = {text for course in EN for text in _texts(course)}
    for course in ZH:
        for text in _texts(course):
            assert text not in english, text  # nothing left untranslated
            assert CJK.search(text) or re.fullmatch(r"[\d.,% ¥元]+", text), text


def test_zh_figures_match_the_english_ones():
    # Amounts stay arithmetically right: every number of the English lesson appears in its translation.
    for en_course, zh_course in zip(EN, ZH, strict=True):
        for en_lesson, zh_lesson in zip(en_course["lessons"], zh_course["lessons"], strict=True):
            en_numbers = {
                UNIT_CHANGES.get(n, n) for n in (n.replace(",", "") for n in re.findall(NUMBER, en_lesson["body"]))
            }
            zh_numbers = {n.replace(",", "") for n in re.findall(NUMBER, zh_lesson["body"])}
            assert en_numbers <= zh_numbers, (zh_lesson["title"], en_numbers - zh_numbers)


def _texts(course):
    yield course["title"]
    yield course["summary"]
    for lesson in course["lessons"]:
        yield lesson["title"]
        yield lesson["body"]
        for question in lesson["quiz"]["questions"]:
            yield question["text"]
            yield question["explanation"]
            yield from (choice["text"] for choice in question["choices"])


def test_loader_links_translations_and_is_idempotent():
    services.catalogue_load_all()
    languages = [language for language, _data in services.seed_catalogues()]
    assert languages[:2] == ["en", "zh-hans"]
    counts = (Course.objects.count(), Lesson.objects.count(), Question.objects.count())
    assert counts == (9 * len(languages), 32 * len(languages), 96 * len(languages))
    services.catalogue_load_all()
    assert (Course.objects.count(), Lesson.objects.count(), Question.objects.count()) == counts
    zh = Course.objects.select_related("translation_of").get(slug="first-online-shop-zh-hans")
    assert zh.language == "zh-hans" and zh.translation_of.slug == "first-online-shop"
    assert zh.family_slug == "first-online-shop" and zh.translation_of.family_slug == "first-online-shop"
    assert Course.objects.filter(language="en", translation_of__isnull=True).count() == 9


def test_loader_without_french_files(tmp_path):
    # A language nobody has written yet is simply not offered; the others load.
    root = tmp_path / "courses"
    shutil.copytree(CATALOGUE_DIR, root, ignore=shutil.ignore_patterns("fr"))
    catalogues = catalogue_read(root)
    assert [language for language, _data in catalogues] == ["en", "zh-hans"]
    for _language, courses in catalogues:
        services.catalogue_load(courses=courses)
    assert Course.objects.count() == 18


def test_translation_needs_its_original():
    with pytest.raises(NotFound):
        services.catalogue_load(courses=ZH[:1])
    assert not Course.objects.exists()


@pytest.fixture
def catalogues():
    services.catalogue_load(courses=EN)
    services.catalogue_load(courses=ZH)


def test_zh_certificate_qualifies_the_operator(station, catalogues):
    zh_course = Course.objects.get(slug=f"{OPERATOR_COURSE_SLUG}-zh-hans")
    assert selectors.station_operator_qualification(station=station).status == "unqualified"
    finish_course(user=station.operator, course=zh_course)
    qualification = selectors.station_operator_qualification(station=station)
    assert qualification.status == "certified" and qualification.certificate.course == zh_course
    row = selectors.station_qualification_list().get(pk=station.pk)
    assert row.has_certificate and row.operator_certificate_code == qualification.certificate.code


def test_another_zh_course_does_not_qualify(station, catalogues):
    finish_course(user=station.operator, course=Course.objects.get(slug="first-online-shop-zh-hans"))
    assert selectors.station_operator_qualification(station=station).status == "unqualified"
    assert Certificate.objects.count() == 1


def test_catalogue_follows_the_interface_language(client, catalogues):
    response = client.get(reverse("training:catalogue"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    courses = list(response.context["courses"])
    assert len(courses) == 9 and {course.language for course in courses} == {"zh-hans"}
    assert "开你的第一家网店" in response.content.decode()
    response = client.get(reverse("training:catalogue"), HTTP_ACCEPT_LANGUAGE="en")
    assert {course.language for course in response.context["courses"]} == {"en"}
    # The filter still shows the others: a chosen language, or every language.
    response = client.get(reverse("training:catalogue"), {"language": "en"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert {course.language for course in response.context["courses"]} == {"en"}
    response = client.get(reverse("training:catalogue"), {"language": ""}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert len(response.context["courses"]) == 18


def test_api_lists_courses_in_the_request_language(api_client, catalogues):
    url = "/api/courses/"
    data = api_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert {row["language"] for row in data["results"]} == {"zh-hans"} and data["count"] == 9
    assert {row["language"] for row in api_client.get(url).json()["results"]} == {"en"}
    assert api_client.get(url, {"language": "zh-hans"}, HTTP_ACCEPT_LANGUAGE="en").json()["count"] == 9
    detail = api_client.get("/api/courses/branding-zh-hans/", HTTP_ACCEPT_LANGUAGE="en")
    assert detail.status_code == 200 and detail.json()["language"] == "zh-hans"


def test_course_page_links_its_other_languages(client, catalogues):
    response = client.get(reverse("training:course_detail", args=["branding"]))
    assert 'href="/training/courses/branding-zh-hans/"' in response.content.decode()
    assert [version.slug for version in response.context["versions"]] == ["branding-zh-hans"]
    response = client.get(reverse("training:course_detail", args=["branding-zh-hans"]))
    assert [version.slug for version in response.context["versions"]] == ["branding"]
    assert reverse("training:course_detail", args=["branding"]) in response.content.decode()


def test_course_language_default():
    for interface, expected in [("zh-hans", "zh-hans"), ("fr", "fr"), ("en", "en"), ("de", "en")]:
        with translation.override(interface):
            assert selectors.course_language_default() == expected
