from django import template
from django.urls import NoReverseMatch
from django.utils.translation import get_language

from accounts.models import CJK
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


@register.filter
def ship_to_address(order) -> str:
    """The delivery address as its readers write it: "1 Zhongshan Road, Xuanwu, Nanjing, Jiangsu"; in Chinese,
    big to small without separators: "江苏省南京市玄武区中山路1号"."""
    province = order.ship_province.label if order.ship_province_id else ""
    parts = [order.ship_address, order.ship_county, order.ship_city, province]
    if (get_language() or "").startswith("zh") and CJK.search(order.ship_address + order.ship_city):
        return "".join(part for part in reversed(parts) if part)
    return ", ".join(part for part in parts if part)


@register.filter
def ship_to_city(order) -> str:
    """Where an order goes, in short: "Nanjing, Jiangsu"; "江苏省南京市" in Chinese."""
    province = order.ship_province.label if order.ship_province_id else ""
    if (get_language() or "").startswith("zh") and CJK.search(order.ship_city):
        return f"{province}{order.ship_city}"
    return ", ".join(part for part in (order.ship_city, province) if part)
