"""Reads for the insights app: periods, figures per scope, who may see them (re-exported here)."""

from insights.selectors.access import farmer_access, village_access
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
    growth_percent,
    headline,
    public_summary,
    scope_stats,
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
    "farmer_access",
    "growth_percent",
    "headline",
    "period_parse",
    "public_summary",
    "scope_stats",
    "village_access",
]
