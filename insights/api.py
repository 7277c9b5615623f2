"""REST: `villages/{id}/stats/`, `counties/{id}/stats/`, `provinces/{id}/stats/` with a period parameter.

The villages app owns the `villages`, `counties` and `provinces` router prefixes and must not import
insights, so these are explicit paths (`stats_urls`) that config/api_urls.py puts before the router's.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core.extensions import village_stats_extras
from insights import selectors
from insights.selectors import Scope
from insights.tables import TABLES, cell_value, table_rows
from villages.models import County, Province, Village

PERIOD_PARAMETERS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="A calendar year (default: this year)."),
    OpenApiParameter("from", OpenApiTypes.STR, description="First month, YYYY-MM (instead of year)."),
    OpenApiParameter("to", OpenApiTypes.STR, description="Last month, YYYY-MM (default: this month)."),
]
STATS_DESCRIPTION = (
    "Sales figures over the period: totals (volume net of refunds, orders, active shops, year-on-year "
    "growth in percent: null when the year before had no sales), monthly and yearly series, destinations "
    "(distinct provinces, cities, counties; by province), top products and categories, farmers with sales "
    "and their income (registered poor households apart), stock-outs and most viewed items. Money is a "
    "decimal string in yuan, months are YYYY-MM."
)


def names_localized(data: dict) -> dict:
    """Place and category names in the request's language, as the dashboard shows them (the JSON is built
    per request from the cached figures, so the cache holds no language)."""
    for table in TABLES.values():
        for column in table.columns:
            if column.kind in ("place", "category"):
                for row in table_rows(data, table) or []:
                    row[column.key] = cell_value(row, column)
    return data


def stats_json(value):
    """Decimal money as strings (never floats), months as YYYY-MM, recursively."""
    if isinstance(value, dict):
        return {key: stats_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [stats_json(item) for item in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m}"
    return value


class _StatsView(APIView):
    kind = ""
    model = None
    permission_classes = [permissions.AllowAny]

    def full_access(self, request, subject) -> bool:
        return bool(request.user.is_authenticated and request.user.is_admin)

    def get(self, request, pk: int):
        subject = get_object_or_404(self.model, pk=pk)
        full = self.full_access(request, subject)
        period = selectors.period_parse(
            year=request.query_params.get("year"),
            start=request.query_params.get("from"),
            end=request.query_params.get("to"),
        )
        stats = selectors.scope_stats(scope=Scope(self.kind, subject.pk), period=period)
        if not selectors.sees_each_farmer(user=request.user, kind=self.kind, pk=subject.pk):
            # Residents and the public: no figure that fewer than INSIGHTS_MIN_FARMERS farmers made, no names.
            stats = selectors.stats_k_anonymous(stats)
        stats = {**stats, "public": False} if full else selectors.public_summary(stats)
        data = names_localized(stats_json(stats))
        data["period"]["label"] = str(period.label)  # translated per request, not cached
        return Response({"name": subject.label, **data})  # the page's name for the place: Chinese in Chinese


@extend_schema(
    tags=["insights"],
    parameters=PERIOD_PARAMETERS,
    responses=OpenApiTypes.OBJECT,
    description=STATS_DESCRIPTION
    + " Admins, the village's operator and its farmers whose home village the operator confirmed only; for farmers,"
    " every figure that fewer than 5 farmers made is null (`min_farmers`), and top products and names are left out.",
)
class VillageStatsView(_StatsView):
    kind = "village"
    model = Village

    def get(self, request, pk: int):
        response = super().get(request, pk)
        village = Village.objects.get(pk=pk)
        for extra in village_stats_extras:  # e.g. certification's live standing (core.extensions)
            response.data.update(extra(village=village, user=request.user))
        return response

    def full_access(self, request, subject) -> bool:
        if not request.user.is_authenticated:
            raise NotAuthenticated
        if not selectors.village_access(user=request.user, village_id=subject.pk):
            raise PermissionDenied
        return True


@extend_schema(
    tags=["insights"],
    parameters=PERIOD_PARAMETERS,
    responses=OpenApiTypes.OBJECT,
    description=STATS_DESCRIPTION
    + " Admins get every figure; everyone else the public summary (`public: true`), without the figures that"
    " fewer than 5 farmers made (null).",
)
class CountyStatsView(_StatsView):
    kind = "county"
    model = County


@extend_schema(
    tags=["insights"],
    parameters=PERIOD_PARAMETERS,
    responses=OpenApiTypes.OBJECT,
    description=STATS_DESCRIPTION
    + " Admins get every figure; everyone else the public summary (`public: true`), without the figures that"
    " fewer than 5 farmers made (null).",
)
class ProvinceStatsView(_StatsView):
    kind = "province"
    model = Province


# Put before the router's URLs by config/api_urls.py (the villages app owns these prefixes).
stats_urls = [
    path("villages/<int:pk>/stats/", VillageStatsView.as_view(), name="village-stats"),
    path("counties/<int:pk>/stats/", CountyStatsView.as_view(), name="county-stats"),
    path("provinces/<int:pk>/stats/", ProvinceStatsView.as_view(), name="province-stats"),
]


def register_routes(router) -> None:
    """Nothing on the shared router: the stats live under the villages app's prefixes (see stats_urls)."""
