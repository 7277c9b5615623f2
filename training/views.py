"""Training pages: catalogue, course, lesson, quiz, my learning, certificates, verification, dashboard, stations."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from core.errors import DomainError
from training import selectors, services
from training.certificate_pdf import certificate_pdf
from training.forms import CatalogueFilterForm, QuizForm, StationFilterForm, TrainingTargetForm, VerifyForm
from training.models import Course, Lesson

STATIONS_PER_PAGE = 50


def _course_or_404(request, slug: str) -> Course:
    return get_object_or_404(selectors.course_visible_to(user=request.user), slug=slug)


def _lesson_or_404(course: Course, position: int) -> Lesson:
    return get_object_or_404(selectors.lessons_with_quiz().select_related("course"), course=course, position=position)


def catalogue(request):
    data = request.GET.copy()
    if "language" not in data:
        data["language"] = selectors.course_language_default()  # courses in the interface language first
    form = CatalogueFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    courses = selectors.course_list(
        audience=filters.get("audience", ""), level=filters.get("level", ""), language=filters.get("language", "")
    )
    return render(
        request,
        "training/catalogue.html",
        {
            "form": form,
            "courses": courses,
            "summary": selectors.training_summary(),
            "target": selectors.target_progress(),
        },
    )


def course_detail(request, slug: str):
    course = _course_or_404(request, slug)
    enrollment = selectors.enrollment_for(user=request.user, course=course)
    progress = selectors.lesson_progress_map(enrollment=enrollment)
    lessons = [(lesson, progress.get(lesson.pk)) for lesson in selectors.course_lessons(course=course)]
    certificate = (
        course.certificates.filter(user=request.user).first()
        if enrollment and enrollment.status == "completed"
        else None
    )
    next_lesson = next((lesson for lesson, row in lessons if not (row and row.completed_at)), None)
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "lessons": lessons,
            "enrollment": enrollment,
            "certificate": certificate,
            "next_lesson": next_lesson,
            "versions": selectors.course_versions(course=course),
        },
    )


@require_POST
@login_required
def course_enrol(request, slug: str):
    course = _course_or_404(request, slug)
    try:
        services.enrol(user=request.user, course=course)
    except DomainError as error:
        messages.error(request, error.detail)
        return redirect(course)
    messages.success(request, _("You are enrolled. Start with the first lesson."))
    first = course.lessons.order_by("position", "pk").first()
    if first is None:
        return redirect(course)
    return redirect("training:lesson_detail", slug=course.slug, position=first.position)


def _require_enrolment(request, course: Course):
    """The enrolment of the user (admins may preview without one); otherwise a redirect to the course page."""
    if not request.user.is_authenticated:
        return None, redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")
    enrollment = selectors.enrollment_for(user=request.user, course=course)
    if enrollment is None and not request.user.is_admin:
        messages.info(request, _("Enrol in the course to read its lessons."))
        return None, redirect(course)
    return enrollment, None


def lesson_detail(request, slug: str, position: int):
    course = _course_or_404(request, slug)
    enrollment, refusal = _require_enrolment(request, course)
    if refusal:
        return refusal
    lesson = _lesson_or_404(course, position)
    previous, following = selectors.lesson_neighbours(lesson=lesson)
    progress = selectors.lesson_progress_map(enrollment=enrollment).get(lesson.pk)
    return render(
        request,
        "training/lesson_detail.html",
        {
            "course": course,
            "lesson": lesson,
            "enrollment": enrollment,
            "progress": progress,
            "previous": previous,
            "next": following,
            "images": lesson.images.all(),
        },
    )


@require_POST
@login_required
def lesson_mark_read(request, slug: str, position: int):
    course = _course_or_404(request, slug)
    lesson = _lesson_or_404(course, position)
    try:
        services.lesson_complete(user=request.user, lesson=lesson)
    except DomainError as error:
        messages.error(request, error.detail)
        return redirect(course)
    if lesson.question_count:
        return redirect("training:lesson_quiz", slug=course.slug, position=lesson.position)
    _previous, following = selectors.lesson_neighbours(lesson=lesson)
    if following is not None:
        return redirect("training:lesson_detail", slug=course.slug, position=following.position)
    return redirect(course)


def lesson_quiz(request, slug: str, position: int):
    course = _course_or_404(request, slug)
    enrollment, refusal = _require_enrolment(request, course)
    if refusal:
        return refusal
    lesson = _lesson_or_404(course, position)
    questions = list(lesson.questions.all())
    if not questions:
        raise Http404(_("This lesson has no quiz."))
    form = QuizForm(request.POST if request.method == "POST" else None, questions=questions)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.quiz_submit(user=request.user, lesson=lesson, answers=form.answers())
        except DomainError as error:
            form.add_error(None, error.detail)
    _previous, following = selectors.lesson_neighbours(lesson=lesson)
    progress = selectors.lesson_progress_map(enrollment=enrollment).get(lesson.pk)
    return render(
        request,
        "training/lesson_quiz.html",
        {
            "course": course,
            "lesson": lesson,
            "form": form,
            "result": result,
            "progress": progress,
            "next": following,
            "enrollment": result.enrollment if result else enrollment,
            "attempts_per_day": settings.TRAINING_QUIZ_ATTEMPTS_PER_DAY,
        },
        status=400 if request.method == "POST" and result is None else 200,
    )


@login_required
def my_learning(request):
    return render(
        request,
        "training/my_learning.html",
        {
            "enrollments": selectors.enrollment_list(user=request.user),
            "certificates": selectors.certificate_list(user=request.user),
        },
    )


def _own_certificate(request, code: str):
    certificate = selectors.certificate_by_code(code=code)
    if certificate is None:
        raise Http404(_("No certificate has this code."))
    if not request.user.is_authenticated:
        return None
    if certificate.user_id != request.user.pk and not request.user.is_admin:
        raise PermissionDenied
    return certificate


def certificate_detail(request, code: str):
    """The printable certificate, for its holder (and admins); anyone else checks it on the verify page."""
    certificate = _own_certificate(request, code)
    if certificate is None:
        return redirect("training:verify_code", code=code)
    verify_url = request.build_absolute_uri(reverse("training:verify_code", args=[certificate.code]))
    return render(request, "training/certificate_detail.html", {"certificate": certificate, "verify_url": verify_url})


def certificate_download(request, code: str):
    certificate = _own_certificate(request, code)
    if certificate is None:
        return redirect("training:verify_code", code=code)
    verify_url = request.build_absolute_uri(reverse("training:verify_code", args=[certificate.code]))
    response = HttpResponse(
        certificate_pdf(certificate=certificate, verify_url=verify_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="taocun-certificate-{certificate.code}.pdf"'
    return response


def verify(request, code: str = ""):
    """Public: anyone checks a certificate code, no login. An unknown or forged code gets a clear 404 page.

    /verify/<code>/ is the address printed on certificates; /verify/?code= is where the form sends a typed code.
    """
    form = VerifyForm(request.GET if "code" in request.GET else None, initial={"code": code})
    if not code and form.is_bound:
        # A code too long or with control characters cannot be a certificate's: "not found" like any other.
        code = form.cleaned_data["code"] if form.is_valid() else request.GET["code"][:64].replace("\x00", "")
    certificate = selectors.certificate_by_code(code=code) if code.strip() else None
    not_found = bool(code.strip()) and certificate is None
    return render(
        request,
        "training/verify.html",
        {"form": form, "code": code, "certificate": certificate, "not_found": not_found},
        status=404 if not_found else 200,
    )


@role_required(Role.ADMIN)
def dashboard(request):
    target_form = TrainingTargetForm(request.POST or None)
    if request.method == "POST" and target_form.is_valid():
        try:
            services.training_target_set(set_by=request.user, **target_form.cleaned_data)
        except DomainError as error:
            target_form.add_error(None, error.detail)
        else:
            messages.success(request, _("The training target is saved."))
            return redirect("training:dashboard")
    target = selectors.target_progress()
    stats, stats_at = selectors.training_stats_cached(village_limit=100)
    if request.method != "POST":
        target_form = TrainingTargetForm(
            initial={"label": target.label, "goal": target.goal, "audience": target.audience}
        )
    return render(
        request,
        "training/dashboard.html",
        {
            "summary": selectors.training_summary(),
            "target": target,
            "target_form": target_form,
            "stats": stats,
            "stats_at": stats_at,
            "stats_minutes": selectors.STATS_CACHE_SECONDS // 60,
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.ADMIN)
def station_list(request):
    """Stations and whether their operator is qualified (certificate or an admin's override)."""
    form = StationFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    page = Paginator(selectors.station_qualification_list(status=status), STATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/station_list.html", {"form": form, "page": page, "query": query.urlencode()})
