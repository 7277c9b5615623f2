"""Group buys on the product page and the catalogue cards (issue 23), each in a constant number of queries."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from orders import group_buy_selectors
from promotions import selectors as offer_selectors

register = template.Library()

OPEN_GROUPS_SHOWN = 5


@register.simple_tag
def product_group_buys(product) -> dict:
    """The live offers on a product and the groups one may join (two queries)."""
    offers = list(offer_selectors.group_buy_offers_live(product_ids=[product.pk]))
    groups = []
    if offers:
        groups = list(group_buy_selectors.group_buys_open(offer_ids=[o.pk for o in offers])[:OPEN_GROUPS_SHOWN])
    for group in groups:
        group.places_left = max(0, group.size - group.places_held)
    return {"offers": offers, "groups": groups}


@register.simple_tag
def group_buy_marks(products) -> set[int]:
    """Which of the products on a page have a live group buy: one query for the page."""
    ids = [product.pk for product in products]
    return offer_selectors.product_ids_with_group_buy(ids) if ids else set()


@register.filter
def time_left(deadline: datetime.datetime) -> str:
    """ "5 h 12 min" until the deadline (or "closing" under a minute)."""
    seconds = int((deadline - timezone.now()).total_seconds())
    if seconds < 60:
        return _("closing")
    hours, minutes = divmod(seconds // 60, 60)
    if hours >= 48:
        return _("%(days)s days") % {"days": hours // 24}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": minutes}
