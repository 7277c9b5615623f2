"""Coupon pages (thin adapters): my coupons and the platform's on offer, claiming, and the coupons of a shop (or
the platform's, for admins) with a form to create one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.pages import report_domain_error
from promotions import selectors, services
from promotions.forms import CouponForm
from shops.models import Shop
from shops.selectors import shop_can_manage


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


@login_required
def my_coupons(request):
    """The buyer's coupons (available first) and the platform's coupons on offer."""
    claims = list(selectors.claims_of(user=request.user)[:200])
    claims.sort(key=lambda claim: claim.status != "available")
    return render(
        request,
        "promotions/my_coupons.html",
        {"claims": claims, "on_offer": list(selectors.coupons_on_offer()[:50])},
    )


@login_required
@require_POST
def coupon_claim(request, pk: int):
    try:
        services.coupon_claim(user=request.user, coupon_id=pk)
    except DomainError as error:
        report_domain_error(request, error)
    else:
        messages.success(request, _("The coupon is in “My coupons”: it applies at checkout."))
    return _back(request, reverse("promotions:my_coupons"))


@login_required
def coupon_manage(request, slug: str | None = None):
    """A shop's coupons (its owner, members, station operator, admins) or, without a shop, the platform's
    (admins): the list with what was claimed, and the form for a new one."""
    shop = get_object_or_404(Shop, slug=slug) if slug else None
    allowed = shop_can_manage(user=request.user, shop=shop) if shop else request.user.is_admin
    if not allowed:
        raise PermissionDenied
    form = CouponForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.coupon_create(actor=request.user, shop_id=shop.pk if shop else None, **form.cleaned_data)
        except DomainError as error:
            if error.fields:
                for field, errors in error.fields.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                report_domain_error(request, error)
        else:
            messages.success(request, _("Coupon created."))
            return redirect(request.path)
    coupons = selectors.coupons_managed_by(user=request.user)
    coupons = coupons.filter(shop=shop) if shop else coupons.filter(shop__isnull=True)
    return render(request, "promotions/manage.html", {"shop": shop, "form": form, "coupons": list(coupons[:100])})


@login_required
@require_POST
def coupon_end(request, pk: int):
    try:
        services.coupon_end(actor=request.user, coupon_id=pk)
    except DomainError as error:
        report_domain_error(request, error)
    else:
        messages.success(request, _("Coupon ended."))
    return _back(request, reverse("promotions:my_coupons"))
