"""Template tags for credit pages and the partials other pages include (station section)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core.quantity import plain_number
from credit.scorecard import TIER_FLOORS

register = template.Library()

TIER_BADGES = {"bronze": "badge", "silver": "badge", "gold": "badge badge-warn", "diamond": "badge badge-brand"}


@register.filter
def tier_badge_class(tier: str) -> str:
    return TIER_BADGES.get(tier, "badge")


@register.simple_tag
def score_chart(history, width: int = 420, height: int = 170):
    """The score history as an inline SVG line chart (server-side, no script, no CDN).
    Without history, a paragraph instead: text inside the SVG would neither wrap nor scale with the font,
    and a long translation ran over the axis labels."""
    points = [(snapshot.taken_on, snapshot.score) for snapshot in history]
    if not points:
        return format_html(
            '<p class="score-chart-empty muted">{}</p>', _("No history yet: scores are saved every night.")
        )
    pad_left, pad_right, pad_top, pad_bottom = 40, 10, 10, 24
    inner_w, inner_h = width - pad_left - pad_right, height - pad_top - pad_bottom

    def y(score: int) -> float:
        return pad_top + inner_h * (1 - score / 1000)

    def x(index: int) -> float:
        if len(points) <= 1:
            return pad_left + inner_w / 2
        return pad_left + inner_w * index / (len(points) - 1)

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#e5e1d8" stroke-dasharray="3 3"/>'
        '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#6b7280">{}</text>',
        (
            (
                pad_left,
                width - pad_right,
                f"{y(floor):.1f}",
                f"{y(floor):.1f}",
                pad_left - 4,
                f"{y(floor) + 3:.1f}",
                floor,
            )
            for _tier, floor in TIER_FLOORS + [("", 1000)]
        ),
    )
    line = " ".join(f"{x(i):.1f},{y(score):.1f}" for i, (_day, score) in enumerate(points))
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="#b45309"><title>{}: {}</title></circle>',
        (
            (f"{x(i):.1f}", f"{y(score):.1f}", date_format(day, "SHORT_DATE_FORMAT"), score)
            for i, (day, score) in enumerate(points)
        ),
    )
    labels = format_html(
        '<text x="{}" y="{}" font-size="12" fill="#6b7280">{}</text>'
        '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#6b7280">{}</text>',
        pad_left,
        height - 6,
        date_format(points[0][0], "SHORT_DATE_FORMAT"),
        width - pad_right,
        height - 6,
        date_format(points[-1][0], "SHORT_DATE_FORMAT"),
    )
    body = format_html('<polyline points="{}" fill="none" stroke="#b45309" stroke-width="2"/>{}{}', line, dots, labels)
    return format_html(
        '<svg class="score-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
        'preserveAspectRatio="xMidYMid meet">{}{}</svg>',
        width,
        height,
        _("Trust score history"),
        grid,
        body,
    )


@register.simple_tag
def station_credit_summary(station) -> dict:
    """Villagers of the station's village and how many have their identity verified (one query)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(home_village_id=station.village_id, role="farmer")
        .aggregate(villagers=Count("pk"), verified=Count("pk", filter=Q(identity_verification__isnull=False)))
    )


@register.filter
def tier_label(tier: str) -> str:
    from credit.models import Tier

    try:
        return Tier(tier).label
    except ValueError:
        return tier or ""


@register.filter
def rate_percent(rate) -> str:
    """A daily rate as a percentage: 0.000500 -> "0.05"."""
    if rate in (None, ""):
        return ""
    return plain_number(rate * 100)


@register.filter
def rate_ppm(rate) -> int:
    """A daily rate in millionths for the loan form's estimate (integer arithmetic): 0.000500 -> 500."""
    return int(rate * 1_000_000)


@register.filter
def annual_rate_percent(daily_rate) -> str:
    """A daily rate as a yearly (annualised, simple) percentage: 0.000500 -> "18.25"."""
    if daily_rate in (None, ""):
        return ""
    return plain_number(daily_rate * 365 * 100)


@register.filter
def decline_reason(code: str) -> str:
    """A decline reason code ("score_too_low") as the sentence the applicant reads."""
    from credit.services import DECLINE_REASONS

    return str(DECLINE_REASONS.get(code, code))


@register.filter
def percent_of_one(ratio) -> str:
    """0.0425 -> "4.3 %" (a share shown to one decimal)."""
    if ratio is None:
        return "—"
    return f"{plain_number((Decimal(ratio) * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP))} %"


@register.filter
def arrears_bucket(days) -> str:
    """The arrears bucket of a number of days past due ("1-30", ">90"), or ""."""
    from credit.arrears import bucket_of

    return bucket_of(int(days or 0)) or ""
