import pytest
from django.urls import reverse

from tests.factories import AdminFactory
from tests.training.factories import make_course
from training.models import Choice, TrainingTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = AdminFactory(username="root", is_superuser=True)
    client.force_login(user)
    return user


def test_authoring_pages_render_with_inlines(client, superuser):
    course = make_course(lessons=2, questions=2)
    lesson = course.lessons.first()
    question = lesson.questions.first()
    for url in (
        reverse("admin:training_course_changelist"),
        reverse("admin:training_course_change", args=[course.pk]),
        reverse("admin:training_course_add"),
        reverse("admin:training_lesson_change", args=[lesson.pk]),
        reverse("admin:training_question_change", args=[question.pk]),
        reverse("admin:training_certificate_changelist"),
        reverse("admin:training_qualificationoverride_changelist"),
        reverse("admin:training_trainingtarget_add"),
    ):
        assert client.get(url).status_code == 200, url
    body = client.get(reverse("admin:training_course_change", args=[course.pk])).content.decode()
    assert "lessons-TOTAL_FORMS" in body
    body = client.get(reverse("admin:training_lesson_change", args=[lesson.pk])).content.decode()
    assert "questions-TOTAL_FORMS" in body


def _choice_post(question, correct_flags):
    choices = list(question.choices.order_by("position"))
    data = {
        "lesson": question.lesson_id,
        "position": question.position,
        "text": question.text,
        "explanation": question.explanation,
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": str(len(choices)),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for index, (choice, correct) in enumerate(zip(choices, correct_flags, strict=True)):
        data |= {
            f"choices-{index}-id": str(choice.pk),
            f"choices-{index}-question": str(question.pk),
            f"choices-{index}-position": str(choice.position),
            f"choices-{index}-text": choice.text,
        }
        if correct:
            data[f"choices-{index}-is_correct"] = "on"
    return data


@pytest.mark.parametrize("flags", [(False, False, False), (True, True, False)])
def test_a_question_needs_exactly_one_correct_choice(client, superuser, flags):
    question = make_course(lessons=1, questions=1).lessons.get().questions.get()
    url = reverse("admin:training_question_change", args=[question.pk])
    response = client.post(url, _choice_post(question, flags))
    assert response.status_code == 200 and "Mark exactly one choice as correct." in response.content.decode()
    assert list(question.choices.order_by("position").values_list("is_correct", flat=True)) == [True, False, False]


def test_moving_the_correct_choice_is_saved(client, superuser):
    question = make_course(lessons=1, questions=1).lessons.get().questions.get()
    url = reverse("admin:training_question_change", args=[question.pk])
    assert client.post(url, _choice_post(question, (False, False, True))).status_code == 302
    assert Choice.objects.get(question=question, is_correct=True).position == 3


def test_target_added_in_admin_goes_through_the_service(client, superuser):
    response = client.post(
        reverse("admin:training_trainingtarget_add"), {"label": "Guizhou youth", "goal": "20000", "audience": ""}
    )
    assert response.status_code == 302
    target = TrainingTarget.objects.get()
    assert (target.goal, target.set_by) == (20000, superuser)
