"""Extension points: higher apps add menu links and page sections without lower apps importing them.

An app contributes by shipping a template named `<app>/_<slot>.html` (for example
`shops/_village_section.html`); such a partial loads its own app's template tags for its data.
"""

from functools import cache

from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

SLOTS = ("nav", "village_section", "station_section", "county_section", "township_section", "home_section")


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
    return {
        "nav_templates": _slot_templates("nav"),
        "village_sections": _slot_templates("village_section"),
        "station_sections": _slot_templates("station_section"),
        "county_sections": _slot_templates("county_section"),
        "township_sections": _slot_templates("township_section"),
        "home_sections": _slot_templates("home_section"),
    }
