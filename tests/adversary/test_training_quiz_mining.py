"""Issue 14, quiz mining through the real API: a script that answers and reads the feedback learns no right
choice before passing, is stopped after the day's attempts, and certificates of one course count once."""

from __future__ import annotations

import itertools

import pytest

from credit import services as credit_services
from tests.training.factories import make_course, right_answers

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

QUIZ = "/api/enrollments/quiz/"


def test_quiz_mining_learns_nothing_and_is_stopped(api_client, farmer, settings):
    settings.TRAINING_QUIZ_ATTEMPTS_PER_DAY = 3
    course = make_course(lessons=1, questions=3, pass_mark=100)
    lesson = course.lessons.get(position=1)
    api_client.force_authenticate(farmer)
    assert api_client.post("/api/enrollments/", {"course": course.slug}, format="json").status_code == 201
    questions = list(lesson.questions.prefetch_related("choices").order_by("position"))
    wrong = [[c.pk for c in q.choices.all() if not c.is_correct] for q in questions]
    leaked, statuses = set(), []
    # Every combination of wrong answers: the feedback must never name a right choice or mark one answer right.
    for combination in itertools.islice(itertools.product(*wrong), 6):
        answers = {str(q.pk): choice for q, choice in zip(questions, combination, strict=True)}
        response = api_client.post(QUIZ, {"lesson": lesson.pk, "answers": answers}, format="json")
        statuses.append(response.status_code)
        if response.status_code == 200:
            for item in response.json()["feedback"]:
                assert item["is_correct"] is None
                if item["correct_choice"]:
                    leaked.add(item["correct_choice"])
    assert not leaked
    assert statuses == [200, 200, 200, 429, 429, 429]
    refused = api_client.post(QUIZ, {"lesson": lesson.pk, "answers": right_answers(lesson)}, format="json")
    assert refused.status_code == 429 and refused.json()["code"] == "quiz_attempts_exhausted"
    assert "tomorrow" in refused.json()["detail"]
    assert not api_client.get("/api/certificates/").json()["results"]


def test_certificates_of_one_course_in_three_languages_count_once(farmer):
    from training import services as training_services

    original = make_course(lessons=1, questions=1, slug="photos")
    versions = [original] + [
        make_course(lessons=1, questions=1, slug=f"photos-{lang}", language=lang, translation_of=original)
        for lang in ("fr", "zh-hans")
    ]
    for course in versions:
        training_services.enrol(user=farmer, course=course)
        lesson = course.lessons.get(position=1)
        training_services.lesson_complete(user=farmer, lesson=lesson)
        assert training_services.quiz_submit(user=farmer, lesson=lesson, answers=right_answers(lesson)).certificate
    card = credit_services.score_compute(user=farmer)
    line = next(line for line in card.lines if line["factor"] == "certificates")
    assert (line["count"], line["points"]) == (1, 25)
