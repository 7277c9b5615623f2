"""Training: courses for villagers, rural youth and station operators, with quizzes and verifiable certificates.

Contract read by credit (pull): Certificate(user, course, code, issued_at).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The course whose certificate qualifies a user to operate a village service station.
OPERATOR_COURSE_SLUG = "running-a-service-station"
DEFAULT_TARGET_GOAL = 1_000_000


class Audience(models.TextChoices):
    VILLAGERS = "villagers", _("Villagers")
    RURAL_YOUTH = "rural_youth", _("Rural youth")
    STATION_OPERATORS = "station_operators", _("Station operators")


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Course(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("summary"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.BEGINNER)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    # A version of a course in another language is the same course: it points at the English original.
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The original course this one translates (empty for an original)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:course_detail", args=[self.slug])

    @property
    def family_slug(self) -> str:
        """The slug of the original course: the same for every language version."""
        return self.translation_of.slug if self.translation_of_id else self.slug


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("course"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("text"), help_text=_("Paragraphs separated by blank lines; simple markdown."))
    video_url = models.URLField(_("video link"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    quiz_pass_mark = models.PositiveSmallIntegerField(
        _("quiz pass mark (%)"), default=60, help_text=_("Share of correct answers needed to pass the quiz.")
    )

    class Meta:
        ordering = ["course", "position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [models.UniqueConstraint(fields=["course", "position"], name="lesson_unique_position")]

    def __str__(self):
        return self.title


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions", verbose_name=_("lesson"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("question"))
    explanation = models.TextField(_("explanation"), blank=True, help_text=_("Shown after answering."))

    class Meta:
        ordering = ["lesson", "position", "pk"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self):
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("answer"), max_length=255)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")

    def __str__(self):
        return self.text


class EnrollmentStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")


class Enrollment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrollments")
    status = models.CharField(
        _("status"), max_length=16, choices=EnrollmentStatus.choices, default=EnrollmentStatus.ACTIVE
    )
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrollment_unique_user_course")]

    def __str__(self):
        return f"{self.user} · {self.course}"


class LessonProgress(models.Model):
    """One learner's state on one lesson: read, and the best quiz result."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(_("read at"), null=True, blank=True)
    quiz_score = models.PositiveSmallIntegerField(_("best quiz score (%)"), null=True, blank=True)
    quiz_passed = models.BooleanField(_("quiz passed"), default=False)
    quiz_attempts = models.PositiveIntegerField(_("quiz attempts"), default=0)
    # The attempts of one day (Asia/Shanghai), for the daily limit (TRAINING_QUIZ_ATTEMPTS_PER_DAY).
    quiz_attempts_day = models.DateField(_("day of the latest quiz attempts"), null=True, blank=True)
    quiz_attempts_that_day = models.PositiveSmallIntegerField(_("quiz attempts that day"), default=0)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["enrollment", "lesson"], name="lesson_progress_unique")]

    def __str__(self):
        return f"{self.enrollment} · {self.lesson}"


class Certificate(models.Model):
    """Issued once per learner and course when every lesson is read and every quiz passed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="certificate_unique_user_course")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("training:certificate_detail", args=[self.code])


class LessonImage(models.Model):
    """A picture shown with a lesson's text (uploaded through the admin; served from MEDIA, never a CDN)."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="images", verbose_name=_("lesson"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    image = models.ImageField(_("image"), upload_to="training/lessons/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        ordering = ["lesson", "position", "pk"]
        verbose_name = _("lesson image")
        verbose_name_plural = _("lesson images")

    def __str__(self):
        return self.caption or self.image.name


class QualificationOverride(models.Model):
    """An admin's decision that a station's operator may run it without the operator certificate.

    It names the operator it was granted for: a new operator is not covered. Revoking keeps the row,
    so every decision (who, when, why) stays on record.
    """

    station = models.ForeignKey(
        "villages.ServiceStation",
        on_delete=models.CASCADE,
        related_name="qualification_overrides",
        verbose_name=_("station"),
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("operator")
    )
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("revoked by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("qualification override")
        verbose_name_plural = _("qualification overrides")
        constraints = [
            # At most one override in force per station and operator.
            models.UniqueConstraint(
                fields=["station", "operator"],
                condition=models.Q(revoked_at__isnull=True),
                name="qualification_override_one_active",
            )
        ]

    def __str__(self):
        return f"{self.station} · {self.operator}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class TrainingTarget(models.Model):
    """The training goal admins set; the latest row is in force, earlier ones stay as history."""

    label = models.CharField(_("label"), max_length=160)
    goal = models.PositiveIntegerField(_("people to train"))
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text=_("Count certificates of courses for this audience only; empty counts every course."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, verbose_name=_("set by")
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        ordering = ["-set_at", "-pk"]
        get_latest_by = ["set_at", "pk"]
        verbose_name = _("training target")
        verbose_name_plural = _("training targets")

    def __str__(self):
        return self.label
