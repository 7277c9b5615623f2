"""Training reads: catalogue, a learner's progress, certificates, operator qualification and statistics.

Each list is built in a fixed number of queries (annotations and prefetches), whatever its length.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from training.codes import certificate_code_normalise
from training.models import (
    DEFAULT_TARGET_GOAL,
    OPERATOR_COURSE_SLUG,
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
from villages.models import County, Province, ServiceStation, Village

# --- catalogue


def course_list(
    *, audience: str = "", level: str = "", language: str = "", include_unpublished: bool = False
) -> QuerySet[Course]:
    """Courses with their lesson count and total minutes, for the catalogue page and the API."""
    qs = Course.objects.annotate(lesson_count=Count("lessons"), total_minutes=Sum("lessons__minutes"))
    if not include_unpublished:
        qs = qs.filter(is_published=True)
    if audience:
        qs = qs.filter(audience=audience)
    if level:
        qs = qs.filter(level=level)
    if language:
        qs = qs.filter(language=language)
    return qs.order_by("audience", "title", "pk")


def course_language_default() -> str:
    """The course language matching the interface language: zh-hans and fr have their own courses, else English."""
    current = (translation.get_language() or "en").lower()
    if current.startswith("zh"):
        return "zh-hans"
    if current.startswith("fr"):
        return "fr"
    return "en"


def course_versions(*, course: Course) -> list[Course]:
    """The other published language versions of the course (the original and its translations), by language."""
    family = course.translation_of_id or course.pk
    return list(
        Course.objects.filter(Q(pk=family) | Q(translation_of_id=family), is_published=True)
        .exclude(pk=course.pk)
        .order_by("language", "pk")
    )


def course_visible_to(*, user) -> QuerySet[Course]:
    """Published courses; admins also see drafts (to preview them)."""
    return course_list(include_unpublished=bool(user.is_authenticated and user.is_admin))


def lessons_with_quiz() -> QuerySet[Lesson]:
    """Lessons with their questions and choices (choice correctness is for scoring, never sent to learners)."""
    return Lesson.objects.annotate(question_count=Count("questions")).prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.order_by("position", "pk").prefetch_related(
                Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
            ),
        )
    )


def course_lessons(*, course: Course) -> QuerySet[Lesson]:
    return Lesson.objects.filter(course=course).annotate(question_count=Count("questions")).order_by("position", "pk")


def lesson_neighbours(*, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    """The previous and next lessons of the same course (one query)."""
    siblings = list(
        Lesson.objects.filter(course_id=lesson.course_id)
        .order_by("position", "pk")
        .only("pk", "position", "title", "course_id")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == lesson.pk)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    return previous, following


# --- a learner's progress


def enrollment_for(*, user, course: Course) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(user=user, course=course).first()


def lesson_progress_map(*, enrollment: Enrollment | None) -> dict[int, LessonProgress]:
    if enrollment is None:
        return {}
    return {row.lesson_id: row for row in LessonProgress.objects.filter(enrollment=enrollment)}


def enrollment_list(*, user) -> QuerySet[Enrollment]:
    """A learner's enrolments with the course, its lesson count and the certificate when held."""
    certificate = Certificate.objects.filter(user_id=OuterRef("user_id"), course_id=OuterRef("course_id"))
    return (
        Enrollment.objects.filter(user=user)
        .select_related("course")
        .annotate(
            lesson_count=Count("course__lessons", distinct=True),
            certificate_code=Subquery(certificate.values("code")[:1]),
        )
        .prefetch_related(Prefetch("lesson_progress", queryset=LessonProgress.objects.order_by("lesson_id")))
        .order_by("-enrolled_at", "-pk")
    )


def certificate_list(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).select_related("course", "user").order_by("-issued_at", "-pk")


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate for a typed code (case, spaces and look-alike letters forgiven), or None."""
    raw = (code or "").strip()
    if not raw or len(raw) > 64:
        return None
    candidates = {raw, raw.upper()}
    normalised = certificate_code_normalise(raw)
    if normalised:
        candidates.add(normalised)
    return (
        Certificate.objects.select_related("course", "user__home_village__township__county__province")
        .filter(code__in=candidates)
        .first()
    )


# --- station-operator qualification


@dataclass(frozen=True)
class OperatorQualification:
    """Whether a station's operator may run it: by holding the operator certificate, or by an admin's override."""

    station: ServiceStation
    status: str  # "certified", "override", "unqualified", "no_operator"
    certificate: Certificate | None = None
    override: QualificationOverride | None = None

    @property
    def is_qualified(self) -> bool:
        return self.status in ("certified", "override")

    @property
    def label(self) -> str:
        return str(QUALIFICATION_LABELS[self.status])


QUALIFICATION_LABELS = {
    "certified": _("Qualified (certificate)"),
    "override": _("Qualified (admin override)"),
    "unqualified": _("Not qualified"),
    "no_operator": _("No operator"),
}


def operator_course_q() -> Q:
    """Certificates of the operator course in any of its languages (the English original or a translation)."""
    return Q(course__slug=OPERATOR_COURSE_SLUG) | Q(course__translation_of__slug=OPERATOR_COURSE_SLUG)


def operator_certificate(*, user) -> Certificate | None:
    if user is None or not getattr(user, "pk", None):
        return None
    return Certificate.objects.filter(operator_course_q(), user=user).select_related("course").first()


def active_override(*, station: ServiceStation, operator) -> QualificationOverride | None:
    if operator is None or station.pk is None:
        return None
    return (
        QualificationOverride.objects.select_related("granted_by")
        .filter(station=station, operator=operator, revoked_at__isnull=True)
        .first()
    )


def station_operator_qualification(*, station: ServiceStation, operator=None) -> OperatorQualification:
    """The qualification of the station's operator (or of `operator`, a candidate for the station)."""
    operator = operator if operator is not None else station.operator
    if operator is None:
        return OperatorQualification(station=station, status="no_operator")
    certificate = operator_certificate(user=operator)
    if certificate is not None:
        return OperatorQualification(station=station, status="certified", certificate=certificate)
    override = active_override(station=station, operator=operator)
    if override is not None:
        return OperatorQualification(station=station, status="override", override=override)
    return OperatorQualification(station=station, status="unqualified")


def station_qualification_list(*, status: str = "") -> QuerySet[ServiceStation]:
    """Stations with their operator's qualification as annotations (one query, whatever the number of stations)."""
    certificate = Certificate.objects.filter(operator_course_q(), user_id=OuterRef("operator_id"))
    override = QualificationOverride.objects.filter(
        station_id=OuterRef("pk"), operator_id=OuterRef("operator_id"), revoked_at__isnull=True
    )
    qs = (
        ServiceStation.objects.select_related("village__township__county__province", "operator")
        .annotate(
            operator_certificate_code=Subquery(certificate.values("code")[:1]),
            operator_certified_at=Subquery(certificate.values("issued_at")[:1]),
            override_reason=Subquery(override.values("reason")[:1]),
            override_granted_at=Subquery(override.values("granted_at")[:1]),
            has_certificate=Exists(certificate),
            has_override=Exists(override),
        )
        .order_by("village__township__county__name", "village__name", "pk")
    )
    if status == "qualified":
        qs = qs.filter(Q(has_certificate=True) | Q(has_override=True), operator__isnull=False)
    elif status == "unqualified":
        qs = qs.filter(Q(operator__isnull=True) | Q(has_certificate=False, has_override=False))
    return qs


def override_history(*, station: ServiceStation) -> QuerySet[QualificationOverride]:
    return QualificationOverride.objects.filter(station=station).select_related("operator", "granted_by", "revoked_by")


# --- statistics


@dataclass
class StatsRow:
    place: Village | County | Province | None
    learners: int = 0
    enrolments: int = 0
    completions: int = 0
    certificates: int = 0

    @property
    def completion_rate(self) -> int:
        return round(100 * self.completions / self.enrolments) if self.enrolments else 0

    def add(self, other: StatsRow) -> None:
        self.learners += other.learners
        self.enrolments += other.enrolments
        self.completions += other.completions
        self.certificates += other.certificates


def _stats_by_village() -> dict[int | None, StatsRow]:
    """Three GROUP BYs on the learners' home village, each joining one table at most.

    Learners are counted from the user side (a semi-join, no COUNT DISTINCT over enrolments); a person has
    one home village, so village figures add up exactly to county and province figures.
    """
    rows: dict[int | None, StatsRow] = {}
    learners = (
        User.objects.filter(Exists(Enrollment.objects.filter(user_id=OuterRef("pk"))))
        .values("home_village_id")
        .annotate(learners=Count("id"))
        .order_by()
    )
    for item in learners:
        rows[item["home_village_id"]] = StatsRow(place=None, learners=item["learners"])
    enrolments = (
        Enrollment.objects.values("user__home_village_id")
        .annotate(enrolments=Count("id"), completions=Count("id", filter=Q(status=EnrollmentStatus.COMPLETED)))
        .order_by()
    )
    for item in enrolments:
        row = rows.setdefault(item["user__home_village_id"], StatsRow(place=None))
        row.enrolments, row.completions = item["enrolments"], item["completions"]
    for item in Certificate.objects.values("user__home_village_id").annotate(certificates=Count("id")).order_by():
        rows.setdefault(item["user__home_village_id"], StatsRow(place=None)).certificates = item["certificates"]
    return rows


def _rollup(by_village: dict[int | None, StatsRow], villages: dict[int, Village], level: str) -> list[StatsRow]:
    grouped: dict[int | None, StatsRow] = {}
    for village_id, row in by_village.items():
        village = villages.get(village_id)
        place = None
        if village is not None:
            place = {"village": village, "county": village.township.county}.get(level, village.township.county.province)
        target = grouped.setdefault(place.pk if place else None, StatsRow(place=place))
        target.add(row)
    return sorted(grouped.values(), key=lambda row: (-row.learners, -row.certificates, str(row.place or "~")))


def training_stats(*, village_limit: int | None = None) -> dict[str, list[StatsRow]]:
    """Learners, enrolments, completions and certificates by province, county and village of the learners'
    home village, in four queries at any size (three GROUP BYs and the villages with their county and
    province). People without a home village (buyers) are one row with place None."""
    by_village = _stats_by_village()
    villages = {
        village.pk: village
        for village in Village.objects.filter(pk__in=[pk for pk in by_village if pk is not None]).select_related(
            "township__county__province"
        )
    }
    stats = {level: _rollup(by_village, villages, level) for level in ("province", "county", "village")}
    if village_limit:
        stats["village"] = stats["village"][:village_limit]
    return stats


STATS_CACHE_SECONDS = 300


def training_stats_cached(*, village_limit: int = 100) -> tuple[dict[str, list[StatsRow]], datetime.datetime]:
    """training_stats() as of at most five minutes ago, and when it was computed.

    At 200,000 learners the three GROUP BYs take over a second on PostgreSQL (make bench): the dashboard
    shares one computation per five minutes instead of running them on every load.
    """
    key = f"training:stats:v1:{village_limit}"
    cached = cache.get(key)
    if cached is None:
        cached = (training_stats(village_limit=village_limit), timezone.now())
        cache.set(key, cached, STATS_CACHE_SECONDS)
    return cached


def training_stats_by(*, level: str, limit: int | None = None) -> list[StatsRow]:
    """One level of training_stats() (four queries)."""
    rows = training_stats()[level]
    return rows[:limit] if limit else rows


@dataclass(frozen=True)
class TargetProgress:
    label: str
    goal: int
    audience: str
    reached: int
    target: TrainingTarget | None

    @property
    def percent(self) -> float:
        return min(100.0, 100 * self.reached / self.goal) if self.goal else 0.0

    @property
    def bar_percent(self) -> int:
        """Width of the progress bar: at least a sliver once anyone is trained, so progress is visible."""
        if not self.reached:
            return 0
        return max(1, round(self.percent))


def training_target() -> TrainingTarget | None:
    return TrainingTarget.objects.order_by("-set_at", "-pk").first()


def target_progress() -> TargetProgress:
    """People holding at least one certificate of the target's audience, against the goal (two queries)."""
    target = training_target()
    if target is None:
        label, goal, audience = (
            _("One million rural youth trained in e-commerce"),
            DEFAULT_TARGET_GOAL,
            Audience.RURAL_YOUTH,
        )
    else:
        label, goal, audience = target.label, target.goal, target.audience
    certificates = Certificate.objects.all()
    if audience:
        certificates = certificates.filter(course__audience=audience)
    reached = certificates.values("user_id").distinct().count()
    return TargetProgress(label=str(label), goal=goal, audience=audience, reached=reached, target=target)


def training_summary() -> dict[str, int]:
    """Public headline figures (two queries)."""
    enrolments = Enrollment.objects.aggregate(
        learners=Count("user", distinct=True),
        enrolments=Count("id"),
        completions=Count("id", filter=Q(status=EnrollmentStatus.COMPLETED)),
    )
    certificates = Certificate.objects.aggregate(certificates=Count("id"), certified=Count("user", distinct=True))
    # A translation is the same course in another language: nine courses in three languages are nine courses.
    courses = Course.objects.filter(is_published=True, translation_of__isnull=True).count()
    return {**enrolments, **certificates, "courses": courses}
