from django import template
from django.urls import NoReverseMatch

from orders.selectors import pending_pickups

register = template.Library()


@register.simple_tag
def station_pickups(station):
    """Assisted purchases of a station not yet collected (for the operator's my-station page)."""
    return list(pending_pickups(station=station)[:50])


@register.filter
def product_url(product) -> str:
    """The product page, or "" while the catalogue pages are not installed (the shops app owns them)."""
    try:
        return product.get_absolute_url()
    except NoReverseMatch:
        return ""
