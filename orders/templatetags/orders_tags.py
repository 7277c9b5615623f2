from django import template

from orders.selectors import pending_pickups

register = template.Library()


@register.simple_tag
def station_pickups(station):
    """Assisted purchases of a station not yet collected (for the operator's my-station page)."""
    return list(pending_pickups(station=station)[:50])
