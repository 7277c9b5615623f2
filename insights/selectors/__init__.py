"""Reads for the insights app: periods, figures per scope, who may see them (re-exported here)."""

from insights.selectors.access import farmer_access, sees_each_farmer, village_access
from insights.selectors.periods import LOCAL_TZ, MAX_PERIOD_MONTHS, Period, period_parse
from insights.selectors.stats import (
    CACHE_VERSION,
    HUNDRED,
    MONEY,
    PUBLIC_TOTALS,
    TOP,
    Scope,
    cache_key,
    comparison,
    comparison_k_anonymous,
    growth_percent,
    headline,
    public_summary,
    scope_stats,
    stats_k_anonymous,
    totals_k_anonymous,
)

__all__ = [
    "CACHE_VERSION",
    "HUNDRED",
    "LOCAL_TZ",
    "MAX_PERIOD_MONTHS",
    "MONEY",
    "PUBLIC_TOTALS",
    "Period",
    "Scope",
    "TOP",
    "cache_key",
    "comparison",
    "comparison_k_anonymous",
    "farmer_access",
    "growth_percent",
    "headline",
    "period_parse",
    "public_summary",
    "scope_stats",
    "sees_each_farmer",
    "stats_k_anonymous",
    "totals_k_anonymous",
    "village_access",
]
