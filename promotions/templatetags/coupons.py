"""`{% shop_coupons shop %}`: the coupons a shop offers now, with claim buttons (shop and product pages)."""

from django import template

from promotions.selectors import coupons_on_offer

register = template.Library()


@register.inclusion_tag("promotions/_on_offer.html", takes_context=True)
def shop_coupons(context, shop):
    request = context.get("request")
    user = getattr(request, "user", None)
    coupons = list(coupons_on_offer(shop_id=shop.pk)[:6])
    signed_in = bool(user and user.is_authenticated)
    return {"coupons": coupons, "next": request.get_full_path() if request and signed_in else "", "user": user}
