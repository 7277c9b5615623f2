"""Extension points: higher apps add menu links and page sections without lower apps importing them.

An app contributes by shipping a template named `<app>/_<slot>.html` (for example
`shops/_village_section.html`); such a partial loads its own app's template tags for its data.
"""

from functools import cache

from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

SLOTS = (
    "nav",
    "village_section",
    "station_section",
    "county_section",
    "township_section",
    "home_section",
    "product_actions",
    "product_section",
)


@cache
def _slot_templates(slot: str) -> tuple[str, ...]:
    found = []
    for app in apps.get_app_configs():
        name = f"{app.label}/_{slot}.html"
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        found.append(name)
    return tuple(found)


def navigation(request) -> dict:
    # nav -> nav_templates; every other slot -> its plural: village_sections, product_actions, ...
    context = {"nav_templates": _slot_templates("nav")}
    for slot in SLOTS[1:]:
        context[slot if slot.endswith("s") else f"{slot}s"] = _slot_templates(slot)
    return context
