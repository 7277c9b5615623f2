"""Data for the certification partials shown on village, township and county pages."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import translation

from certification import selectors

register = template.Library()


@register.simple_tag
def village_certification(village) -> dict:
    """The village's label and the evidence of the latest completed run (two queries)."""
    return {
        "current": selectors.certification_for_village(village_id=village.pk),
        "evidence": selectors.latest_evidence_for_village(village_id=village.pk),
    }


@register.simple_tag
def township_certification(township):
    return selectors.township_status(township=township)


@register.simple_tag
def county_certification(county):
    return selectors.county_status(county=county)


@register.filter
def yuan_millions(amount) -> str:
    """7,400,000.00 -> "7.4 M" (one decimal, half up; exact millions without the decimal); "7,4 M" in French;
    in Chinese, where people count in 万 (ten thousands), "740万" (10,000,000 -> "1000万")."""
    if amount is None:
        return "0"
    language = (translation.get_language() or "en").lower()
    if language.startswith("zh"):
        wan = (Decimal(amount) / Decimal(10_000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = f"{wan:f}"
        return f"{text.rstrip('0').rstrip('.') if '.' in text else text}万"
    millions = (Decimal(amount) / Decimal(1_000_000)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{millions:,.1f}"
    text = text[:-2] if text.endswith(".0") else text
    if language.startswith("fr"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return f"{text} M"


@register.filter
def is_valid_label(current) -> bool:
    return bool(current) and current.is_valid()


@register.simple_tag
def home_certified():
    """The home page's certified villages and Taobao towns (3 queries)."""
    return selectors.home_certified_villages()


@register.simple_tag
def village_standing(village):
    """The village's provisional standing from the rollups (a few index-range queries)."""
    return selectors.village_standing(village=village)
