"""Admins' certification pages: the dashboard (runs, queue, decisions, villages), a run, a village's file."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from certification import selectors, services
from certification.forms import GrantForm, RevokeForm, RunStartForm
from certification.models import AssessmentRun, RunTrigger
from core.errors import DomainError
from core.pages import report_domain_error
from core.spreadsheet import csv_stream, xlsx_stream

admin_required = role_required(Role.ADMIN)
PER_PAGE = 25


def _village_page(request, search: str):
    page = Paginator(selectors.village_certification_list(search=search), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.attach_latest_evidence(list(page.object_list))
    return page


@admin_required
def dashboard(request):
    search = request.GET.get("q", "").strip()
    page = _village_page(request, search)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "certification/dashboard.html",
        {
            "policy": selectors.policy_in_force(),
            "runs": list(selectors.run_list()[:10]),
            "running": selectors.running_run(),
            "start_form": RunStartForm(),
            "queue": selectors.review_queue(limit=50),
            "decisions": list(selectors.decision_list()[:20]),
            "page": page,
            "search": search,
            "query": query.urlencode(),
        },
    )


@admin_required
@require_POST
def run_start(request):
    form = RunStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid cut-off date."))
        return redirect("certification:dashboard")
    try:
        run, created = services.assessment_run_start(
            started_by=request.user, trigger=RunTrigger.ADMIN, cutoff=form.cleaned_data.get("cutoff")
        )
    except DomainError as error:
        report_domain_error(request, error)
        return redirect("certification:dashboard")
    if created:
        messages.success(request, _("Assessment run #%(id)s started.") % {"id": run.pk})
    else:
        messages.info(request, _("Run #%(id)s is already in progress.") % {"id": run.pk})
    return redirect(run.get_absolute_url())


@admin_required
def run_detail(request, pk: int):
    run = get_object_or_404(selectors.run_list(), pk=pk)
    evidence = selectors.evidence_list(run=run)
    only = request.GET.get("eligible", "")
    if only in ("yes", "no"):
        evidence = evidence.filter(eligible=only == "yes")
    page = Paginator(evidence, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "certification/run_detail.html",
        {
            "run": run,
            "page": page,
            "only": only,
            "query": query.urlencode(),
            "summary": selectors.run_evidence_summary(run=run),
        },
    )


@admin_required
def run_progress(request, pk: int):
    """Polled by static/js/certification-progress.js while a run is going."""
    run = get_object_or_404(AssessmentRun, pk=pk)
    return JsonResponse(
        {
            "id": run.pk,
            "status": run.status,
            "status_display": run.get_status_display(),
            "villages_done": run.villages_done,
            "villages_total": run.villages_total,
            "percent": run.percent,
            "stalled": run.is_stalled(),
        }
    )


@admin_required
@require_POST
def run_resume(request, pk: int):
    try:
        run = services.assessment_run_resume(run_id=pk, resumed_by=request.user)
    except DomainError as error:
        report_domain_error(request, error)
        return redirect("certification:run_detail", pk=pk)
    messages.success(request, _("Run #%(id)s resumed.") % {"id": run.pk})
    return redirect(run.get_absolute_url())


def _village_context(pk: int, *, grant_form=None, revoke_form=None) -> dict:
    village = get_object_or_404(selectors.village_certification_list(), pk=pk)
    selectors.attach_latest_evidence([village])
    return {
        "village": village,
        "evidence": village.latest_evidence,
        "current": getattr(village, "certification", None),
        "history": list(selectors.village_evidence_history(village_id=pk)[:12]),
        "decisions": list(selectors.village_decisions(village_id=pk)),
        "grant_form": grant_form or GrantForm(),
        "revoke_form": revoke_form or RevokeForm(),
    }


@admin_required
def village_detail(request, pk: int):
    return render(request, "certification/village_detail.html", _village_context(pk))


@admin_required
@require_POST
def village_grant(request, pk: int):
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            services.certification_grant(
                village_id=pk,
                decided_by=request.user,
                note=form.cleaned_data["note"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except DomainError as error:
            for field, errors in error.fields.items():
                if field in form.fields:
                    form.add_error(field, errors)
            if not error.fields or not set(error.fields) & set(form.fields):
                form.add_error(None, error.detail)
        else:
            messages.success(request, _("The label was granted."))
            return redirect("certification:village_detail", pk=pk)
    context = _village_context(pk, grant_form=form)
    return render(request, "certification/village_detail.html", context, status=400)


@admin_required
@require_POST
def village_revoke(request, pk: int):
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.certification_revoke(village_id=pk, decided_by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.detail)
        else:
            messages.success(request, _("The label was revoked."))
            return redirect("certification:village_detail", pk=pk)
    context = _village_context(pk, revoke_form=form)
    return render(request, "certification/village_detail.html", context, status=400)


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@admin_required
def run_evidence_export(request, pk: int, kind: str):
    """A run's evidence for every village, with its policy version and window, as CSV or XLSX, streamed."""
    if kind not in EXPORT_TYPES:
        raise Http404
    run = get_object_or_404(AssessmentRun, pk=pk)
    header, rows = selectors.evidence_export_header(), selectors.evidence_export_rows(run=run)
    if kind == "csv":
        content = csv_stream(header, rows)
    else:
        content = xlsx_stream(header, rows, title=f"run {run.pk} v{run.policy.version}")
    response = StreamingHttpResponse(content, content_type=EXPORT_TYPES[kind])
    response["Content-Disposition"] = (
        f'attachment; filename="taocun-evidence-run{run.pk}-{run.window_start:%Y%m}-{run.window_end:%Y%m}.{kind}"'
    )
    return response
