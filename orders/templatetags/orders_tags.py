from django import template
from django.urls import NoReverseMatch

from core.i18n import chinese_page, written_in_chinese
from orders.selectors import pending_pickups, phone_masked

register = template.Library()


@register.simple_tag
def station_pickups(station):
    """Assisted purchases of a station not yet collected (for the operator's my-station page)."""
    return list(pending_pickups(station=station)[:50])


@register.filter(name="phone_masked")
def phone_masked_filter(phone) -> str:
    """138****1111: enough for the station to tell two villagers apart, and to match the number they show."""
    return phone_masked(phone)


@register.filter
def product_url(product) -> str:
    """The product page, or "" while the catalogue pages are not installed (the shops app owns them)."""
    try:
        return product.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.filter
def ship_to_address(order, street=None) -> str:
    """The delivery address as its readers write it: "1 Zhongshan Road, Xuanwu, Nanjing, Jiangsu"; in Chinese,
    big to small without separators: "江苏省南京市玄武区中山路1号". `street` replaces the street line (masked)."""
    province = order.ship_province.label if order.ship_province_id else ""
    street = order.ship_address if street is None else street
    parts = [street, order.ship_county, order.ship_city, province]
    if chinese_page() and written_in_chinese(order.ship_address, order.ship_city):
        return "".join(part for part in reversed(parts) if part)
    return ", ".join(part for part in parts if part)


@register.filter
def ship_to_city(order) -> str:
    """Where an order goes, in short: "Nanjing, Jiangsu"; "江苏省南京市" in Chinese."""
    province = order.ship_province.label if order.ship_province_id else ""
    if chinese_page() and written_in_chinese(order.ship_city):
        return f"{province}{order.ship_city}"
    return ", ".join(part for part in (order.ship_city, province) if part)


@register.filter
def freight_explained(order) -> list[str]:
    """How the order's freight was reached, one line per freight template (orders.Order.freight_detail)."""
    from django.utils.translation import gettext as _

    from core.money import format_yuan
    from core.quantity import format_number

    detail = order.freight_detail or {}
    if "flat" in detail:  # the demo's order history, from before freight templates
        return [
            _("Flat freight of %(fee)s, free from %(free)s of goods (before freight templates).")
            % {"fee": format_yuan(detail["flat"]), "free": format_yuan(detail["free_over_amount"])}
        ]
    lines = []
    for group in detail.get("groups", []):
        schedule = group["schedule"]
        name = schedule.get("name") or _("platform default")
        if schedule["basis"] == "piece":
            measure = _("%(pieces)s pieces") % {"pieces": format_number(group["pieces"])}
        else:
            measure = _("%(weight)s kg") % {"weight": format_number(group["weight_kg"])}
        rate = schedule["rates"].get(str(detail.get("province_id")), schedule["default"])
        text = _(
            "%(name)s: %(measure)s, first %(first_unit)s for %(first_price)s, then %(extra_price)s per %(extra_unit)s"
        )
        text %= {
            "name": name,
            "measure": measure,
            "first_unit": format_number(rate["first_unit"]),
            "first_price": format_yuan(rate["first_price"]),
            "extra_price": format_yuan(rate["extra_price"]),
            "extra_unit": format_number(rate["extra_unit"]),
        }
        if group["fee"] in ("0", "0.00") and (schedule.get("free_over_amount") or schedule.get("free_over_weight")):
            text += " · " + _("free shipping")
        lines.append(f"{text} → {format_yuan(group['fee'])}")
    return lines
