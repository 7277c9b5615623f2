"""The checkout page's coupon part (issue 23): which coupons the buyer chose (one select per shop and one for the
platform; untouched: the best valid combination) and the plan to show, explained. Kept apart from views.py so
that checkout changes little."""

from __future__ import annotations

from decimal import Decimal

from core.errors import DomainError
from orders.services import coupons as coupon_checkout

NONE = "none"


def checkout_coupons(request, *, summary: dict) -> tuple[list[int] | str, dict]:
    """(choice for order_place, template context) from the page's cart summary (its groups and totals)."""
    groups = summary["groups"]
    subtotals = {shop.pk: sum((row["line_total"] for row in rows), Decimal("0.00")) for shop, rows, _fee in groups}
    posted = request.method == "POST" and request.POST.get("coupons_shown") == "1"
    choice: list[int] | str = coupon_checkout.BEST
    if posted:
        choice = []
        for key, value in request.POST.items():
            if key.startswith("coupon_") and value != NONE and value.isdigit() and len(value) <= 18:
                choice.append(int(value))
    error = ""
    try:
        plan = coupon_checkout.checkout_plan(buyer=request.user, subtotals=subtotals, choice=choice)
    except DomainError as exc:
        # A coupon chosen that no longer applies: the page shows the best combination and says why; placing the
        # order with the same choice fails the same way (nothing is placed with coupons the buyer did not see).
        error = exc.detail
        plan = coupon_checkout.checkout_plan(buyer=request.user, subtotals=subtotals, choice=coupon_checkout.BEST)
    shops = {shop.pk: shop for shop, _rows, _fee in groups}
    selects = [
        {
            "name": f"coupon_shop_{shop_id}",
            "shop": shops.get(shop_id),
            "options": options,
            "chosen": plan.shop_picks.get(shop_id),
        }
        for shop_id, options in plan.options.items()
        if shop_id is not None and options
    ]
    if plan.options.get(None):
        selects.append(
            {"name": "coupon_platform", "shop": None, "options": plan.options[None], "chosen": plan.platform_pick}
        )
    to_pay = summary["grand_total"] - plan.total_discount if summary.get("grand_total") is not None else None
    return choice, {"coupon_plan": plan, "coupon_selects": selects, "coupon_error": error, "coupon_to_pay": to_pay}
