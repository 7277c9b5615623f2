"""Training at scale: statistics by village/county/province, target progress, quiz answers, verification.

Learners are spread over a generated geography; a third of the enrolments are completed with a
certificate. "full" is 200,000 learners in 1,000 villages (a province-sized programme on the way to the
national one-million target); "small" is 2,000 learners in 40 villages.
"""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bench.report import Row, median_p95, timings_ms

SCALES = {"small": (2_000, 40), "full": (200_000, 1_000)}
PREFIX = "bench_training_"
BATCH = 5_000


def _geography(villages: int):
    from villages.models import County, Province, Township, Village

    province = Province.objects.get(code="52")
    made = []
    for county_index in range(-(-villages // 100)):
        county, _ = County.objects.get_or_create(province=province, name=f"{PREFIX}county {county_index}")
        for township_index in range(10):
            township, _ = Township.objects.get_or_create(county=county, name=f"{PREFIX}township {township_index}")
            for village_index in range(10):
                village, _ = Village.objects.get_or_create(township=township, name=f"{PREFIX}village {village_index}")
                made.append(village)
    return made[:villages]


def _populate(learners: int, villages: int):
    from accounts.models import Role, User
    from tests.training.factories import make_course
    from training.codes import certificate_code_new
    from training.models import Certificate, Enrollment

    places = _geography(villages)
    courses = [make_course(lessons=3, questions=3, slug=f"bench-{i}", audience="rural_youth") for i in range(4)]
    password = make_password("bench-only")
    rng = random.Random(7)
    now = timezone.now()
    for start in range(0, learners, BATCH):
        users = User.objects.bulk_create(
            [
                User(
                    username=f"{PREFIX}{n}",
                    password=password,
                    role=Role.FARMER,
                    home_village=places[n % len(places)],
                )
                for n in range(start, min(learners, start + BATCH))
            ]
        )
        enrollments, certificates = [], []
        for user in users:
            for course in rng.sample(courses, 2):
                done = rng.random() < 1 / 3
                enrollments.append(
                    Enrollment(
                        user=user,
                        course=course,
                        status="completed" if done else "active",
                        progress_percent=100 if done else rng.randrange(0, 100),
                        completed_at=now if done else None,
                    )
                )
                if done:
                    certificates.append(Certificate(user=user, course=course, code=certificate_code_new()))
        Enrollment.objects.bulk_create(enrollments)
        Certificate.objects.bulk_create(certificates)
    return courses


def _row(what: str, setting: str, samples: list[float], goal_ms: float) -> Row:
    median, p95 = median_p95(samples)
    return Row(what, setting, f"{median:.1f} ms", f"{p95:.1f} ms", f"p95 < {goal_ms:g} ms", p95 < goal_ms)


def run(*, scale: str) -> list[Row]:
    """Everything happens in one transaction that is rolled back: the database is left as it was."""
    with transaction.atomic():
        rows = _measure(scale)
        transaction.set_rollback(True)
    return rows


def _measure(scale: str) -> list[Row]:
    from django.db import connection
    from django.test import override_settings

    from accounts.models import User
    from tests.training.factories import right_answers
    from training import selectors, services
    from training.models import Certificate

    learners, villages = SCALES[scale]
    courses = _populate(learners, villages)
    with connection.cursor() as cursor:  # fresh statistics for the planner, as autovacuum would give
        for table in ("accounts_user", "training_enrollment", "training_certificate", "villages_village"):
            cursor.execute(f"ANALYZE {table}")
    setting = f"{learners:,} learners, {villages:,} villages"
    rows = []
    samples = timings_ms(lambda: selectors.training_stats(village_limit=100), repeat=7, warmup=1)
    rows.append(_row("training stats, province + county + village (4 queries)", setting, samples, 1500))
    rows.append(_row("training target progress", setting, timings_ms(selectors.target_progress, repeat=9), 1000))
    codes = list(Certificate.objects.filter(user__username__startswith=PREFIX).values_list("code", flat=True)[:50])
    samples = timings_ms(lambda: selectors.certificate_by_code(code=random.choice(codes).lower()), repeat=50)
    rows.append(_row("certificate verify lookup", setting, samples, 20))

    lesson = courses[0].lessons.order_by("position").first()
    answers = right_answers(lesson)
    user = User.objects.filter(username__startswith=PREFIX).order_by("pk").first()
    services.enrol(user=user, course=courses[0])
    # One learner submits 32 times: the daily attempt limit (3) is lifted, the scoring and writes are what is timed.
    with override_settings(TRAINING_QUIZ_ATTEMPTS_PER_DAY=1000):
        samples = timings_ms(lambda: services.quiz_submit(user=user, lesson=lesson, answers=answers), repeat=30)
    rows.append(_row("quiz_submit (3 questions)", setting, samples, 100))
    return rows
