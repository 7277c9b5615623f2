"""Training writes: enrolment, lesson progress, quizzes, certificates, operator qualification overrides, targets.

Every progress write locks the learner's enrolment row first, so two tabs (or two API clients) of one
learner cannot interleave their updates; certificates rely on the (user, course) unique constraint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.audit import audit_record
from core.errors import Conflict, NotFound, NotPermitted, RateLimited, ValidationFailed
from notifications.services import notify
from training.catalogue import catalogue_read
from training.codes import certificate_code_new
from training.models import (
    Audience,
    Certificate,
    Choice,
    Course,
    Enrollment,
    EnrollmentStatus,
    Lesson,
    LessonProgress,
    QualificationOverride,
    Question,
    TrainingTarget,
)

# --- enrolment and progress


@transaction.atomic
def enrol(*, user, course: Course) -> Enrollment:
    """Enrol the user in a published course; enrolling again returns the existing enrolment."""
    if not user.is_authenticated:
        raise NotPermitted(_("Log in to enrol."))
    if not course.is_published and not user.is_admin:
        raise ValidationFailed(_("This course is not open for enrolment."), fields={"course": [_("Not published.")]})
    enrollment, _created = Enrollment.objects.get_or_create(user=user, course=course)
    return enrollment


def _locked_enrollment(*, user, course_id: int) -> Enrollment:
    enrollment = (
        # of=self: lock the learner's enrolment only, never the shared course row every learner's writes check.
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("course")
        .filter(user=user, course_id=course_id)
        .first()
        if user.is_authenticated
        else None
    )
    if enrollment is None:
        raise NotPermitted(_("You are not enrolled in this course."), code="not_enrolled")
    return enrollment


def _progress_row(*, enrollment: Enrollment, lesson: Lesson) -> LessonProgress:
    progress, _created = LessonProgress.objects.get_or_create(enrollment=enrollment, lesson=lesson)
    return progress


def _course_state(enrollment: Enrollment) -> tuple[int, int, bool]:
    """(units done, units in all, every lesson read and every quiz passed). A lesson counts one unit for
    reading it and one more for passing its quiz, when it has one."""
    lessons = list(
        Lesson.objects.filter(course_id=enrollment.course_id)
        .annotate(question_count=Count("questions"))
        .values_list("pk", "question_count")
    )
    done = {
        row["lesson_id"]: row
        for row in LessonProgress.objects.filter(enrollment=enrollment).values(
            "lesson_id", "completed_at", "quiz_passed"
        )
    }
    total = sum(1 + (1 if questions else 0) for _pk, questions in lessons)
    units = 0
    for pk, questions in lessons:
        row = done.get(pk)
        if row is None:
            continue
        units += 1 if row["completed_at"] else 0
        units += 1 if questions and row["quiz_passed"] else 0
    return units, total, bool(lessons) and units == total


def _enrollment_refresh(enrollment: Enrollment) -> Certificate | None:
    """Recompute the enrolment's progress; on completion mark it completed and issue the certificate."""
    units, total, complete = _course_state(enrollment)
    enrollment.progress_percent = (units * 100 // total) if total else 0
    fields = ["progress_percent"]
    if complete and enrollment.status != EnrollmentStatus.COMPLETED:
        enrollment.status = EnrollmentStatus.COMPLETED
        enrollment.completed_at = timezone.now()
        fields += ["status", "completed_at"]
    enrollment.save(update_fields=fields)
    if complete:
        return certificate_issue(enrollment=enrollment)
    return None


@transaction.atomic
def lesson_complete(*, user, lesson: Lesson) -> LessonProgress:
    """Mark a lesson as read by an enrolled learner (again is harmless) and update the course progress."""
    enrollment = _locked_enrollment(user=user, course_id=lesson.course_id)
    progress = _progress_row(enrollment=enrollment, lesson=lesson)
    if progress.completed_at is None:
        progress.completed_at = timezone.now()
        progress.save(update_fields=["completed_at"])
    _enrollment_refresh(enrollment)
    return progress


@dataclass(frozen=True)
class QuestionFeedback:
    """Before the lesson's quiz is passed, `is_correct` and `correct` are None (they would let a script mine the
    answers one question at a time), and `explanation` is empty until the day's last allowed attempt."""

    question: Question
    chosen: Choice
    correct: Choice | None
    is_correct: bool | None
    explanation: str = ""


@dataclass(frozen=True)
class QuizResult:
    lesson: Lesson
    score: int  # per cent, rounded half up
    correct_count: int
    question_count: int
    passed: bool
    progress: LessonProgress
    enrollment: Enrollment
    certificate: Certificate | None
    feedback: list[QuestionFeedback] = field(default_factory=list)
    attempts_left_today: int = 0


def _as_id(value) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _validated_answers(*, lesson: Lesson, questions: list[Question], answers: Mapping) -> dict[int, Choice]:
    """Map every question of the lesson to the chosen choice, or raise ValidationFailed naming what is wrong."""
    if not isinstance(answers, Mapping) or not answers:
        raise ValidationFailed(_("Answer the questions."), fields={"answers": [_("Answer every question.")]})
    by_id = {question.pk: question for question in questions}
    chosen: dict[int, Choice] = {}
    errors: list[str] = []
    for raw_question, raw_choice in answers.items():
        question_id, choice_id = _as_id(raw_question), _as_id(raw_choice)
        question = by_id.get(question_id) if question_id else None
        if question is None:
            errors.append(_("Question %(id)s is not part of this lesson's quiz.") % {"id": raw_question})
            continue
        choice = next((c for c in question.choices.all() if c.pk == choice_id), None) if choice_id else None
        if choice is None:
            errors.append(
                _("Answer %(choice)s is not a choice of question %(id)s.") % {"choice": raw_choice, "id": question.pk}
            )
            continue
        chosen[question.pk] = choice
    missing = [question for question in questions if question.pk not in chosen]
    if errors:
        raise ValidationFailed(_("Some answers do not fit this quiz."), fields={"answers": errors})
    if missing:
        raise ValidationFailed(
            _("Answer every question."),
            fields={str(question.pk): [_("Choose an answer.")] for question in missing}
            | {"answers": [_("Answer every question.")]},
        )
    return chosen


@transaction.atomic
def quiz_submit(*, user, lesson: Lesson, answers: Mapping) -> QuizResult:
    """Score an enrolled learner's answers ({question_id: choice_id}) to a lesson's quiz.

    The best score and "passed" are kept; passing the last missing quiz completes the course and issues the
    certificate. Not enrolled: NotPermitted. A question of another lesson, an unknown one, a choice of another
    question or a missing answer: ValidationFailed, and nothing is written.
    """
    enrollment = _locked_enrollment(user=user, course_id=lesson.course_id)
    questions = list(lesson.questions.prefetch_related("choices").order_by("position", "pk"))
    if not questions:
        raise ValidationFailed(_("This lesson has no quiz."), code="no_quiz")
    chosen = _validated_answers(lesson=lesson, questions=questions, answers=answers)
    progress = _progress_row(enrollment=enrollment, lesson=lesson)
    today = timezone.localdate()
    used_today = progress.quiz_attempts_that_day if progress.quiz_attempts_day == today else 0
    limit = settings.TRAINING_QUIZ_ATTEMPTS_PER_DAY
    if used_today >= limit:
        raise RateLimited(
            ngettext(
                "You have used your %(count)d attempt at this quiz today. Read the lesson again, come back tomorrow.",
                "You have used your %(count)d attempts at this quiz today. Read the lesson again, come back tomorrow.",
                limit,
            )
            % {"count": limit},
            code="quiz_attempts_exhausted",
        )
    right = sum(chosen[question.pk].is_correct for question in questions)
    total = len(questions)
    score = (200 * right + total) // (2 * total)
    passed = right * 100 >= lesson.quiz_pass_mark * total  # exact: no rounding decides a pass
    LessonProgress.objects.filter(pk=progress.pk).update(
        quiz_attempts=F("quiz_attempts") + 1,
        quiz_attempts_day=today,
        quiz_attempts_that_day=used_today + 1,
        quiz_score=Greatest(F("quiz_score"), score) if progress.quiz_score is not None else score,
        quiz_passed=progress.quiz_passed or passed,
    )
    progress.refresh_from_db()
    attempts_left = limit - (used_today + 1)
    feedback = quiz_feedback(
        questions=questions, chosen=chosen, passed=progress.quiz_passed, attempts_left_today=attempts_left
    )
    certificate = _enrollment_refresh(enrollment)
    return QuizResult(
        lesson=lesson,
        score=score,
        correct_count=right,
        question_count=total,
        passed=passed,
        progress=progress,
        enrollment=enrollment,
        certificate=certificate,
        feedback=feedback,
        attempts_left_today=attempts_left,
    )


def quiz_feedback(
    *, questions: list[Question], chosen: dict[int, Choice], passed: bool, attempts_left_today: int
) -> list[QuestionFeedback]:
    """What a learner may learn from an attempt: the right choices only once the lesson is passed (otherwise a
    certificate costs one retry); the explanations also after the day's last allowed attempt."""
    feedback = []
    for question in questions:
        choice = chosen[question.pk]
        correct = next((option for option in question.choices.all() if option.is_correct), None) if passed else None
        feedback.append(
            QuestionFeedback(
                question=question,
                chosen=choice,
                correct=correct,
                is_correct=choice.is_correct if passed else None,
                explanation=question.explanation if passed or attempts_left_today <= 0 else "",
            )
        )
    return feedback


# --- certificates


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment) -> Certificate:
    """Issue the course certificate once every lesson is read and every quiz passed.

    Idempotent: a learner holds at most one certificate per course, and issuing again returns it. Two
    concurrent calls meet at the (user, course) unique constraint; the loser returns the winner's row.
    """
    existing = Certificate.objects.filter(user_id=enrollment.user_id, course_id=enrollment.course_id).first()
    if existing is not None:
        return existing
    # Serialise with the learner's other progress writes (already held when called from quiz_submit).
    Enrollment.objects.select_for_update(of=("self",)).filter(pk=enrollment.pk).first()
    existing = Certificate.objects.filter(user_id=enrollment.user_id, course_id=enrollment.course_id).first()
    if existing is not None:
        return existing
    _units, _total, complete = _course_state(enrollment)
    if not complete:
        raise Conflict(_("The course is not finished yet: read every lesson and pass every quiz."), code="incomplete")
    for _attempt in range(3):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    user_id=enrollment.user_id, course_id=enrollment.course_id, code=certificate_code_new()
                )
        except IntegrityError:
            existing = Certificate.objects.filter(user_id=enrollment.user_id, course_id=enrollment.course_id).first()
            if existing is not None:
                return existing
            # Otherwise two codes collided (80 random bits: practically never); draw another.
        else:
            notify(
                event="certificate_issued",
                recipients=[certificate.user_id],
                key=f"certificate:{certificate.pk}",
                params={"course": enrollment.course.title, "code": certificate.code},
                url=reverse("training:certificate_detail", args=[certificate.code]),
            )
            return certificate
    raise Conflict(_("Could not issue the certificate; try again."))


# --- station-operator qualification


@transaction.atomic
def qualification_override_grant(*, station, reason: str, granted_by) -> QualificationOverride:
    """Let the station's current operator run it without the operator certificate, for a recorded reason."""
    if not (granted_by.is_authenticated and granted_by.is_admin):
        raise NotPermitted(_("Only admins may override the operator qualification."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationFailed(
            _("Give the reason for the override."),
            fields={
                "reason": [_("Explain in a sentence why this operator may run the station (10 characters at least).")]
            },
        )
    if station.operator_id is None:
        raise ValidationFailed(_("This station has no operator."), fields={"station": [_("No operator to qualify.")]})
    try:
        with transaction.atomic():
            override = QualificationOverride.objects.create(
                station=station, operator_id=station.operator_id, reason=reason, granted_by=granted_by
            )
    except IntegrityError as exc:
        raise Conflict(_("An override for this operator is already in force.")) from exc
    audit_record(
        actor=granted_by,
        action="qualification_override_grant",
        target=override,
        summary=f"station {station.pk}: operator {station.operator_id} qualified by override",
        details={"station_id": station.pk, "operator_id": station.operator_id, "reason": reason},
    )
    return override


@transaction.atomic
def qualification_override_revoke(*, override: QualificationOverride, revoked_by) -> QualificationOverride:
    """End an override (the row stays, with who ended it and when)."""
    if not (revoked_by.is_authenticated and revoked_by.is_admin):
        raise NotPermitted(_("Only admins may revoke an override."))
    now = timezone.now()
    updated = QualificationOverride.objects.filter(pk=override.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=revoked_by
    )
    if not updated:
        raise Conflict(_("This override was already revoked."))
    override.refresh_from_db()
    audit_record(
        actor=revoked_by,
        action="qualification_override_revoke",
        target=override,
        summary=f"station {override.station_id}: override for operator {override.operator_id} revoked",
        details={"station_id": override.station_id, "operator_id": override.operator_id},
    )
    return override


# --- statistics target


@transaction.atomic
def training_target_set(*, label: str, goal: int, audience: str, set_by) -> TrainingTarget:
    """Set the training goal shown on the dashboard; the previous targets stay as history."""
    if not (set_by.is_authenticated and set_by.is_admin):
        raise NotPermitted(_("Only admins may set the training target."))
    errors = {}
    if not isinstance(goal, int) or isinstance(goal, bool) or goal < 1:
        errors["goal"] = [_("Enter a whole number of people, at least 1.")]
    if not (label or "").strip():
        errors["label"] = [_("Name the target.")]
    if audience and audience not in Audience.values:
        errors["audience"] = [_("Unknown audience.")]
    if errors:
        raise ValidationFailed(_("Check the target."), fields=errors)
    return TrainingTarget.objects.create(label=label.strip(), goal=goal, audience=audience or "", set_by=set_by)


# --- catalogue


@transaction.atomic
def catalogue_load(*, courses: list[dict], publish: bool = True) -> list[Course]:
    """Create or update courses from plain data (read from training/courses/); running it again changes nothing.

    Lessons, questions and choices are matched by position (1, 2, ...); questions and choices past the end of
    the data are removed, lessons are kept (learners' progress points at them).
    """
    loaded = []
    for data in courses:
        language = data.get("language", "en")
        original = None
        slug = data["slug"]
        if language != "en":
            # A translation is the same course: its own slug, linked to the English original (loaded first).
            original = Course.objects.filter(slug=data["slug"], translation_of__isnull=True).first()
            if original is None:
                raise NotFound(_("Load the English course %(slug)s before its translations.") % {"slug": data["slug"]})
            slug = f"{data['slug']}-{language}"
        course, _created = Course.objects.update_or_create(
            slug=slug,
            defaults={
                "title": data["title"],
                "summary": data["summary"],
                "audience": data["audience"],
                "level": data["level"],
                "language": language,
                "translation_of": original,
                "is_published": publish,
            },
        )
        for lesson_position, lesson_data in enumerate(data["lessons"], start=1):
            quiz = lesson_data.get("quiz") or {"pass_mark": 60, "questions": []}
            lesson, _created = Lesson.objects.update_or_create(
                course=course,
                position=lesson_position,
                defaults={
                    "title": lesson_data["title"],
                    "body": lesson_data["body"],
                    "video_url": lesson_data.get("video_url", ""),
                    "minutes": lesson_data.get("minutes", 10),
                    "quiz_pass_mark": quiz.get("pass_mark", 60),
                },
            )
            for question_position, question_data in enumerate(quiz["questions"], start=1):
                question, _created = Question.objects.update_or_create(
                    lesson=lesson,
                    position=question_position,
                    defaults={"text": question_data["text"], "explanation": question_data.get("explanation", "")},
                )
                for choice_position, choice_data in enumerate(question_data["choices"], start=1):
                    Choice.objects.update_or_create(
                        question=question,
                        position=choice_position,
                        defaults={"text": choice_data["text"], "is_correct": bool(choice_data["correct"])},
                    )
                question.choices.filter(position__gt=len(question_data["choices"])).delete()
            lesson.questions.filter(position__gt=len(quiz["questions"])).delete()
        loaded.append(course)
    return loaded


def seed_catalogues() -> list[tuple[str, list[dict]]]:
    """The seed catalogue's languages and courses, English first, read and checked from training/courses/."""
    return catalogue_read()


@transaction.atomic
def catalogue_load_all(*, publish: bool = True) -> list[Course]:
    """Load the English catalogue and every translation available (idempotent)."""
    loaded = []
    for _language, courses in seed_catalogues():
        loaded += catalogue_load(courses=courses, publish=publish)
    return loaded
