"""Formatting of the dashboards' figures, and the headline figures of the village and county pages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from insights import selectors
from insights.selectors import Scope

register = template.Library()

DASH = "—"


@register.filter
def yuan(value) -> str:
    """¥1,234.50; a dash when there is no figure."""
    if value is None or value == "":
        return DASH
    return f"¥{intcomma(f'{Decimal(value):.2f}')}"


@register.filter
def growth(value) -> str:
    """+56.74 %, -3.10 %, or a dash when there is nothing to compare with (no division by zero)."""
    if value is None or value == "":
        return DASH
    return f"{'+' if value > 0 else ''}{value}\u00a0%"  # the sign and the % never part at a line end


@register.filter
def cell(value, kind: str) -> str:
    if kind == "money":
        return yuan(value)
    if kind == "percent":
        return growth(value)
    if kind == "month":
        return f"{value:%Y-%m}" if value else DASH
    if kind == "flag":
        return _("yes") if value else ""
    if kind == "count":
        if value is None:
            return DASH
        if isinstance(value, Decimal):
            value = value.normalize() if value == value.to_integral() else value
            return intcomma(f"{value:f}")
        return intcomma(value)
    return "" if value is None else str(value)


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def sales_headline(kind: str, pk: int) -> dict:
    """This year's sales, growth and active shops of a village or county (one cached query)."""
    return selectors.headline(scope=Scope(kind, pk))


@register.simple_tag(takes_context=True)
def may_see_village_dashboard(context, village_id: int) -> bool:
    return selectors.village_access(user=context["request"].user, village_id=village_id)
