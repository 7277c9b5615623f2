"""Dashboards: thin adapters over insights.selectors (figures) and insights.tables (presentation)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from insights import selectors
from insights.charts import chart_svg
from insights.forms import PeriodForm
from insights.selectors import Scope
from insights.tables import TABLES, page_columns, table_csv, table_display, table_rows
from villages.models import County, Province, Village
from villages.selectors import station_for_operator

User = get_user_model()


def _period_form(request) -> PeriodForm:
    keys = ("year", "from", "to")
    return PeriodForm(request.GET if any(request.GET.get(key) for key in keys) else None)


def _subject(kind: str, pk: int):
    """The village, county, province or farmer a dashboard is about (404 when missing)."""
    if kind == "village":
        return get_object_or_404(Village.objects.select_related("township__county__province"), pk=pk)
    if kind == "county":
        return get_object_or_404(County.objects.select_related("province"), pk=pk)
    if kind == "province":
        return get_object_or_404(Province, pk=pk)
    if kind == "farmer":
        return get_object_or_404(User.objects.select_related("home_village"), pk=pk, role="farmer")
    raise Http404


def _access(request, kind: str, subject) -> str:
    """'full', 'public' (county and province summaries) or raises: login for anonymous, 403 for others."""
    user = request.user
    if kind in ("county", "province"):
        return "full" if user.is_authenticated and user.is_admin else "public"
    allowed = (
        selectors.village_access(user=user, village_id=subject.pk)
        if kind == "village"
        else selectors.farmer_access(user=user, farmer=subject)
    )
    if allowed:
        return "full"
    if not user.is_authenticated:
        raise _LoginRequired
    raise PermissionDenied


class _LoginRequired(Exception):
    pass


def _dashboard(request, kind: str, pk: int):
    subject = _subject(kind, pk)
    try:
        access = _access(request, kind, subject)
    except _LoginRequired:
        return redirect_to_login(request.get_full_path())
    form = _period_form(request)
    period = form.period()
    stats = selectors.scope_stats(scope=Scope(kind, subject.pk), period=period)
    public = access == "public"
    if public:
        stats = selectors.public_summary(stats)
    shows_people = not public and request.user.is_authenticated and (request.user.is_admin or request.user.is_operator)
    tables = []
    for table in TABLES.values():
        rows = table_rows(stats, table)
        if rows is None or (public and not table.public) or (table.people and not shows_people):
            continue
        link = None
        if table.name == "breakdown":
            target = "insights:village" if kind == "county" else "insights:county"

            def link(row, target=target):
                return f"{reverse(target, args=[row['id']])}?{period.query}"

        display = table_display(rows, table, link)
        tables.append(
            {"table": table, "columns": page_columns(table), "rows": display, "chart": chart_svg(stats, table)}
        )
    return render(
        request,
        "insights/dashboard.html",
        {
            "kind": kind,
            "subject": subject,
            "stats": stats,
            "public": public,
            "form": form,
            "period": period,
            "tables": tables,
        },
    )


def village_dashboard(request, pk: int):
    """The village's sales: operators and farmers of the village, and admins."""
    return _dashboard(request, "village", pk)


def county_dashboard(request, pk: int):
    """A county's sales: everything for admins, the public summary for everyone else."""
    return _dashboard(request, "county", pk)


def province_dashboard(request, pk: int):
    return _dashboard(request, "province", pk)


def farmer_dashboard(request, pk: int):
    """A farmer's own sales: the farmer, admins, and the operator of the farmer's village."""
    return _dashboard(request, "farmer", pk)


def dashboard_csv(request, kind: str, pk: int, table: str):
    """One table of a dashboard as CSV, with the same access rules and period as the page."""
    definition = TABLES.get(table)
    if definition is None:
        raise Http404
    subject = _subject(kind, pk)
    try:
        access = _access(request, kind, subject)
    except _LoginRequired:
        return redirect_to_login(request.get_full_path())
    if access == "public" and not definition.public:
        raise PermissionDenied
    if definition.people and not (request.user.is_admin or request.user.is_operator):
        raise PermissionDenied
    form = _period_form(request)
    stats = selectors.scope_stats(scope=Scope(kind, subject.pk), period=form.period())
    if table_rows(stats, definition) is None:
        raise Http404
    response = HttpResponse(table_csv(stats, definition), content_type="text/csv; charset=utf-8")
    filename = f"taocun-{kind}-{pk}-{table}-{stats['period']['from']:%Y%m}-{stats['period']['to']:%Y%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def overview(request):
    """Provinces and counties side by side (public figures): where admins compare counties."""
    form = _period_form(request)
    period = form.period()
    return render(
        request,
        "insights/overview.html",
        {
            "form": form,
            "period": period,
            "provinces": selectors.comparison(level="province", period=period),
            "counties": selectors.comparison(level="county", period=period)[:100],
        },
    )


def mine(request):
    """The menu's entry: an operator's village, a farmer's own page, the overview for the others."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.is_operator:
        station = station_for_operator(user=user)
        if station is None:
            raise Http404(_("You do not run a station yet."))
        return redirect("insights:village", pk=station.village_id)
    if user.is_farmer:
        return redirect("insights:farmer", pk=user.pk)
    return redirect("insights:overview")
