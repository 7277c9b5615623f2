"""Training REST API: courses (+ lessons), enrolments (enrol, progress, quiz answers), certificates (+ verify)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import display_of, label_of
from core.errors import NotFound
from training import selectors, services
from training.models import Certificate, Choice, Course, Enrollment, Lesson, LessonProgress, Question

# --- serializers


class CourseSerializer(serializers.ModelSerializer):
    # A plain code: the same choice set as the user's preferred language would be named twice in the schema.
    language = serializers.CharField(read_only=True, help_text="Language code: en, zh-hans or fr.")
    lesson_count = serializers.IntegerField(read_only=True)
    total_minutes = serializers.IntegerField(read_only=True, default=0)
    audience_display = display_of("audience")
    level_display = display_of("level")

    class Meta:
        model = Course
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "audience",
            "audience_display",
            "level",
            "level_display",
            "language",
            "lesson_count",
            "total_minutes",
        ]


class ChoiceSerializer(serializers.ModelSerializer):
    """A choice without its correctness: learners find out by answering."""

    class Meta:
        model = Choice
        fields = ["id", "position", "text"]


class QuestionSerializer(serializers.ModelSerializer):
    choices = ChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "position", "text", "choices"]


class LessonSerializer(serializers.ModelSerializer):
    # Blank when the lesson has no video: a plain string, since `format: uri` rejects "".
    video_url = serializers.CharField(read_only=True, help_text="Video link, or empty.")
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Lesson
        fields = ["id", "position", "title", "body", "video_url", "minutes", "quiz_pass_mark", "questions"]


class LessonProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = LessonProgress
        fields = ["lesson", "completed_at", "quiz_score", "quiz_passed", "quiz_attempts"]


class EnrollmentSerializer(serializers.ModelSerializer):
    course = serializers.SlugRelatedField(slug_field="slug", queryset=Course.objects.filter(is_published=True))
    course_title = serializers.CharField(source="course.title", read_only=True)
    lessons = LessonProgressSerializer(source="lesson_progress", many=True, read_only=True)
    certificate = serializers.CharField(source="certificate_code", read_only=True, default=None, allow_null=True)
    status_display = display_of("status")

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "course",
            "course_title",
            "status",
            "status_display",
            "progress_percent",
            "enrolled_at",
            "completed_at",
            "certificate",
            "lessons",
        ]
        read_only_fields = ["status", "progress_percent", "enrolled_at", "completed_at"]


class LessonRefSerializer(serializers.Serializer):
    lesson = serializers.PrimaryKeyRelatedField(queryset=Lesson.objects.select_related("course"))


class QuizAnswersSerializer(LessonRefSerializer):
    answers = serializers.DictField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        help_text="{question_id: choice_id} for every question of the lesson's quiz.",
    )


class QuestionFeedbackSerializer(serializers.Serializer):
    question = serializers.IntegerField(source="question.pk")
    chosen = serializers.IntegerField(source="chosen.pk")
    correct_choice = serializers.IntegerField(
        source="correct.pk", default=None, allow_null=True, help_text="Shown only once the lesson's quiz is passed."
    )
    is_correct = serializers.BooleanField(allow_null=True, help_text="Shown only once the lesson's quiz is passed.")
    explanation = serializers.CharField(help_text="Shown once passed, or after the day's last allowed attempt.")


class QuizResultSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(source="lesson.pk")
    score = serializers.IntegerField()
    correct_count = serializers.IntegerField()
    question_count = serializers.IntegerField()
    pass_mark = serializers.IntegerField(source="lesson.quiz_pass_mark")
    passed = serializers.BooleanField()
    best_score = serializers.IntegerField(source="progress.quiz_score")
    progress_percent = serializers.IntegerField(source="enrollment.progress_percent")
    certificate = serializers.CharField(source="certificate.code", default=None, allow_null=True)
    attempts_left_today = serializers.IntegerField()
    feedback = QuestionFeedbackSerializer(many=True)


class CertificateSerializer(serializers.ModelSerializer):
    course = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    course_title = serializers.CharField(source="course.title", read_only=True)
    holder = serializers.CharField(source="user.display_name", read_only=True)
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = ["code", "course", "course_title", "holder", "issued_at", "verify_url"]

    def get_verify_url(self, certificate) -> str:
        path = reverse("training:verify_code", args=[certificate.code])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class CertificateVerifySerializer(CertificateSerializer):
    valid = serializers.SerializerMethodField()
    village = label_of("user.home_village", default=None, allow_null=True)

    class Meta(CertificateSerializer.Meta):
        fields = ["valid", *CertificateSerializer.Meta.fields, "village"]

    def get_valid(self, certificate) -> bool:
        return True


# --- viewsets


class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    """Published courses; filter by `audience`, `level`, `language` (default: the request's language, from
    Accept-Language); `/lessons/` gives the lessons with quizzes."""

    serializer_class = CourseSerializer
    lookup_field = "slug"
    permission_classes = [permissions.AllowAny]
    search_fields = ["title", "summary"]
    filterset_fields = ["audience", "level", "language"]  # an unknown value is a 400, not an empty list
    ordering_fields = ["title", "level", "audience"]

    def get_queryset(self):
        qs = selectors.course_visible_to(user=self.request.user)
        if self.action == "list" and "language" not in self.request.query_params:
            # Without a filter, the courses in the language of the request (Accept-Language).
            qs = qs.filter(language=selectors.course_language_default())
        return qs

    @extend_schema(responses=LessonSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])  # a plain list
    def lessons(self, request, slug=None):
        course = self.get_object()
        lessons = selectors.lessons_with_quiz().filter(course=course).order_by("position", "pk")
        return Response(LessonSerializer(lessons, many=True).data)

    @extend_schema(request=None, responses={201: EnrollmentSerializer, 200: EnrollmentSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def enrol(self, request, slug=None):
        course = self.get_object()
        existed = Enrollment.objects.filter(user=request.user, course=course).exists()
        enrollment = services.enrol(user=request.user, course=course)
        data = EnrollmentSerializer(selectors.enrollment_list(user=request.user).get(pk=enrollment.pk)).data
        return Response(data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


class EnrollmentViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The caller's enrolments with progress per lesson. POST `{"course": slug}` enrols (again: the same one).

    `lesson-complete` marks a lesson read; `quiz` answers a lesson's quiz. Both name the lesson, and answer 403
    when the caller is not enrolled in its course.
    """

    serializer_class = EnrollmentSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["status"]
    ordering_fields = ["enrolled_at", "completed_at", "progress_percent", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Enrollment.objects.none()
        return selectors.enrollment_list(user=self.request.user)

    @extend_schema(responses={201: EnrollmentSerializer, 200: EnrollmentSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        course = serializer.validated_data["course"]
        existed = Enrollment.objects.filter(user=request.user, course=course).exists()
        enrollment = services.enrol(user=request.user, course=course)
        data = self.get_serializer(self.get_queryset().get(pk=enrollment.pk)).data
        return Response(data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    @extend_schema(request=LessonRefSerializer, responses=EnrollmentSerializer)
    @action(detail=False, methods=["post"], url_path="lesson-complete")
    def lesson_complete(self, request):
        serializer = LessonRefSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        progress = services.lesson_complete(user=request.user, lesson=serializer.validated_data["lesson"])
        return Response(self.get_serializer(self.get_queryset().get(pk=progress.enrollment_id)).data)

    @extend_schema(request=QuizAnswersSerializer, responses=QuizResultSerializer)
    @action(detail=False, methods=["post"])
    def quiz(self, request):
        serializer = QuizAnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = services.quiz_submit(
            user=request.user,
            lesson=serializer.validated_data["lesson"],
            answers=serializer.validated_data["answers"],
        )
        return Response(QuizResultSerializer(result).data)


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's certificates (by code). `verify/{code}/` is public: anyone checks a code without logging in."""

    serializer_class = CertificateSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    permission_classes = [permissions.IsAuthenticated]
    ordering_fields = ["issued_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Certificate.objects.none()
        return selectors.certificate_list(user=self.request.user)

    @extend_schema(
        responses={200: CertificateVerifySerializer, 404: OpenApiResponse(description="No certificate has this code.")}
    )
    @action(
        detail=False,
        methods=["get"],
        url_path=r"verify/(?P<code>[^/]+)",
        permission_classes=[permissions.AllowAny],
        authentication_classes=[],
    )
    def verify(self, request, code=None):
        certificate = selectors.certificate_by_code(code=code)
        if certificate is None:
            raise NotFound(_("No certificate has this code."), code="certificate_not_found")
        return Response(CertificateVerifySerializer(certificate, context={"request": request}).data)


def register_routes(router) -> None:
    """Register this app's API resources on the shared router (config/api_urls.py)."""
    router.register("courses", CourseViewSet, basename="course")
    router.register("enrollments", EnrollmentViewSet, basename="enrollment")
    router.register("certificates", CertificateViewSet, basename="certificate")
