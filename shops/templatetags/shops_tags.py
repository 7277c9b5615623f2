"""Template tags for shop partials on other apps' pages (village page, operator's station page)."""

from django import template
from django.db.models import Count, Q

from core.quantity import format_number
from shops import selectors
from shops.labels import category_label
from shops.models import ProductStatus, ShopStatus

register = template.Library()


@register.filter(name="category_label")
def category_label_filter(name) -> str:
    """{{ category.name|category_label }}: a seed category or channel name in the active language."""
    return category_label(str(name)) if name else ""


@register.filter
def qty(value) -> str:
    """1.500 -> 1.5, 10.000 -> 10 (never 1E+1), 1,5 in French: core.quantity.format_number."""
    return format_number(value)


@register.filter
def cover(product, size: str = "small"):
    """The product's first ready photo (thumbnail url), or None for the placeholder."""
    images = getattr(product, "ready_images", None)
    if images is None:
        images = [image for image in product.images.all() if image.status == "ready"]
    if not images:
        return None
    field = images[0].thumbnail_large if size == "large" else images[0].thumbnail_small
    return field.url if field else None


def image_srcset(image) -> str:
    """ "small.jpg 320w, large.jpg 960w": the browser picks the thumbnail the screen needs (a phone, 320 px)."""
    if image is None or image.status != "ready" or not image.thumbnail_small:
        return ""
    widths = [(image.thumbnail_small, 320), (image.thumbnail_large, 960)]
    return ", ".join(f"{field.url} {width}w" for field, width in widths if field)


@register.filter
def cover_srcset(product) -> str:
    """The srcset of the product's first ready photo, or "" (see image_srcset)."""
    images = getattr(product, "ready_images", None)
    if images is None:
        images = [image for image in product.images.all() if image.status == "ready"]
    return image_srcset(images[0]) if images else ""


@register.filter
def srcset(image) -> str:
    return image_srcset(image)


@register.simple_tag
def village_shops(village):
    """The village's open shops with their product counts (one query)."""
    return list(selectors.village_shops(village_id=village.pk))


@register.simple_tag
def station_shop_figures(station):
    """Shops and products of the station's village, for the operator's page (one query)."""
    from shops.models import Shop

    return Shop.objects.filter(village_id=station.village_id).aggregate(
        open_shops=Count("pk", filter=Q(status=ShopStatus.OPEN), distinct=True),
        published=Count("products", filter=Q(products__status=ProductStatus.PUBLISHED)),
        drafts=Count("products", filter=Q(products__status=ProductStatus.DRAFT)),
    )


@register.simple_tag
def shop_front(province=None):
    """The home page's produce: in season, and new near the buyer (`province`, or None when unknown)."""
    from django.utils import timezone

    in_season = selectors.products_in_season(today=timezone.localdate())
    new, near = selectors.products_new_near(
        province_id=province.pk if province else None, exclude=[product.pk for product in in_season], limit=4
    )
    return {"in_season": in_season, "new": new, "near": near}
