"""Browser adapters on a completed order: the buyer reviews its lines, or buys the same again."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.pages import report_domain_error
from orders import selectors, services
from orders.models import OrderStatus
from orders.views import _cart, _cart_save
from shops.models import ProductStatus
from shops.reviews import MAX_REVIEW_TEXT

RATING_CHOICES = [(n, "★" * n) for n in range(5, 0, -1)]


class ReviewForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(label=gettext_lazy("Stars"), choices=RATING_CHOICES, coerce=int, initial=5)
    text = forms.CharField(
        label=gettext_lazy("Your review"),
        required=False,
        max_length=MAX_REVIEW_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    anonymous = forms.BooleanField(label=gettext_lazy("Post anonymously"), required=False)


@login_required
@require_POST
def review_post(request, number: str):
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("orders:order_detail", number=number)
    try:
        services.review_post(
            buyer=request.user,
            line_id=form.cleaned_data["line"],
            rating=form.cleaned_data["rating"],
            text=form.cleaned_data["text"],
            anonymous=form.cleaned_data["anonymous"],
            photos=request.FILES.getlist("photos"),
        )
    except DomainError as error:
        for field_messages in error.fields.values():
            for message in field_messages:
                messages.error(request, message)
        if not error.fields:
            report_domain_error(request, error)
    else:
        messages.success(request, _("Thank you: your review is published."))
    return redirect("orders:order_detail", number=number)


@login_required
@require_POST
def buy_again(request, number: str):
    """Put the lines of one of the buyer's orders back in the cart, as far as the products are still on sale."""
    order = (
        selectors.order_list_for(user=request.user)
        .filter(number=number, buyer=request.user)
        .prefetch_related("lines__variant__product__shop")
        .first()
    )
    if order is None or order.status not in (OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDED):
        raise Http404
    cart = _cart(request)
    added = 0
    for line in order.lines.all():  # the same option again (5 斤装, not whichever the product lists first)
        variant = line.variant
        quantity = Decimal(cart.get(str(variant.pk), "0")) + line.quantity
        if variant.product.status != ProductStatus.PUBLISHED or not variant.is_active:
            messages.warning(request, _("%(name)s is no longer on sale.") % {"name": line.display_name})
            continue
        try:
            services.quantity_check(variant, quantity)
        except DomainError as error:
            messages.warning(request, f"{line.display_name}: {error.detail}")
            continue
        cart[str(variant.pk)] = str(quantity)
        added += 1
    _cart_save(request, cart)
    if added:
        messages.success(request, _("The same again is in your cart: check the prices before paying."))
    return redirect("orders:cart")
