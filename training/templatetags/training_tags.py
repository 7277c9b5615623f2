"""Template helpers for training pages and for the partials other pages include (my station, home)."""

from django import template

from training import selectors
from training.lesson_text import render_lesson_text

register = template.Library()


@register.filter
def lesson_text(text: str):
    """Lesson body: escaped, then paragraphs, "- " / "1. " lists and **bold**."""
    return render_lesson_text(text)


@register.simple_tag
def station_qualification(station):
    return selectors.station_operator_qualification(station=station)


@register.simple_tag
def training_summary():
    return selectors.training_summary()


@register.simple_tag
def training_target_progress():
    return selectors.target_progress()


@register.simple_tag
def override_history(station):
    return list(selectors.override_history(station=station)[:5])
