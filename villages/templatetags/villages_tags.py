"""Template filters for places: names of dict rows (values() queries) and addresses in the reader's order."""

from django import template

from core.i18n import chinese_page, written_in_chinese
from villages.models import place_label

register = template.Library()


@register.filter
def place_name(name: str, name_zh: str | None) -> str:
    """`{{ row.county__name|place_name:row.county__name_zh }}`: the Chinese name on a Chinese page (as `label`)."""
    return place_label(name, name_zh) if name else name


@register.filter
def address(place) -> str:
    """A village's, township's or county's place in the country as its readers write it: "Baihe, Xiuwen, Guizhou";
    in Chinese big to small, without separators: "贵州省修文县白鹤村"."""
    if place is None or place == "":
        return ""
    if hasattr(place, "township"):  # a village: its county and province
        chain = [place, place.township.county, place.township.county.province]
    elif hasattr(place, "county"):  # a township: its county
        chain = [place, place.county]
    elif hasattr(place, "province"):  # a county: its province
        chain = [place, place.province]
    else:
        chain = [place]
    labels = [item.label for item in chain]
    if chinese_page() and written_in_chinese(*labels):
        return "".join(reversed(labels))
    return ", ".join(labels)
