"""Demo data for training (called by `manage.py seed_demo`; must be idempotent).

Loads the seed catalogue, then gives demo users some progress: op_libei holds the station operator
certificate, farmer_long the first-shop certificate, farmer_wang is half-way through a course, and the
Dinglou operator runs the station on an admin's override.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from core.progress import progress
from training.models import Course, Enrollment, QualificationOverride
from training.services import catalogue_load_all, enrol, lesson_complete, qualification_override_grant, quiz_submit

# (username, course slug, lessons to finish: None = all)
DEMO_LEARNING = [
    ("op_libei", "running-a-service-station", None),
    ("farmer_long", "first-online-shop", None),
    ("farmer_long", "product-presentation", 2),
    ("farmer_wang", "first-online-shop", 2),
    ("farmer_ding", "microloan-borrowing-well", None),
    ("op_dinglou", "running-a-service-station", 1),
]


def _finish_lessons(user: User, course: Course, count: int | None) -> None:
    enrol(user=user, course=course)
    lessons = list(course.lessons.prefetch_related("questions__choices").order_by("position"))
    for lesson in lessons[:count]:
        lesson_complete(user=user, lesson=lesson)
        answers = {
            question.pk: next(choice.pk for choice in question.choices.all() if choice.is_correct)
            for question in lesson.questions.all()
        }
        if answers:
            quiz_submit(user=user, lesson=lesson, answers=answers)


@transaction.atomic
def seed(*, quiet: bool = False) -> None:
    catalogue_load_all(publish=True)  # English, then every translation present
    users = {user.username: user for user in User.objects.filter(username__in={row[0] for row in DEMO_LEARNING})}
    courses = {course.slug: course for course in Course.objects.all()}
    for username, slug, count in progress(DEMO_LEARNING, desc="training", disable=quiet):
        user = users.get(username)
        if user is None or Enrollment.objects.filter(user=user, course=courses[slug]).exists():
            continue  # done on an earlier run
        _finish_lessons(user, courses[slug], count)
    admin = User.objects.filter(username="admin").first()
    operator = users.get("op_dinglou")
    station = getattr(operator, "operated_stations", None) and operator.operated_stations.first()
    if (
        admin
        and station
        and not QualificationOverride.objects.filter(station=station, revoked_at__isnull=True).exists()
    ):
        qualification_override_grant(
            station=station,
            reason="在上线淘村之前已经运营丁楼村服务站两年，今年春天参加站长课程考试。",
            granted_by=admin,
        )
