"""Formatting of the dashboards' figures, and the headline figures of the village and county pages."""

from __future__ import annotations

from django import template

from core.templatetags.money import yuan_text
from insights import selectors
from insights.selectors import Scope
from insights.tables import Column, cell_value, growth_text

register = template.Library()


@register.filter
def yuan(value) -> str:
    return yuan_text(value)


@register.filter
def growth(value) -> str:
    return growth_text(value)


@register.filter
def place(row: dict, key: str) -> str:
    """A comparison row's place name in the active language: `{{ row|place:"name" }}` (Chinese name in Chinese)."""
    return cell_value(row, Column(key, "", "place"))


@register.simple_tag
def sales_headline(kind: str, pk: int) -> dict:
    """This year's sales, growth and active shops of a village or county (one cached query). A public page: no
    figure that fewer than INSIGHTS_MIN_FARMERS farmers made."""
    figures = selectors.headline(scope=Scope(kind, pk))
    return {**selectors.totals_k_anonymous(figures), "period": figures["period"]}


@register.simple_tag(takes_context=True)
def may_see_village_dashboard(context, village_id: int) -> bool:
    return selectors.village_access(user=context["request"].user, village_id=village_id)
