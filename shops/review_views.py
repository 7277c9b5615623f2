"""Browser adapters for the seller's answer and an admin hiding a review (the buyer posts from the order page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.pages import report_domain_error
from shops import reviews
from shops.models import Review


@login_required
@require_POST
def review_action(request, pk: int, action: str):
    review = Review.objects.filter(pk=pk, hidden=False).select_related("product").first()
    if review is None or action not in ("reply", "hide"):
        raise Http404
    try:
        if action == "reply":
            reviews.review_reply(seller=request.user, review_id=pk, text=request.POST.get("text", ""))
            messages.success(request, _("Your answer is published."))
        else:
            reviews.review_hide(admin=request.user, review_id=pk, reason=request.POST.get("reason", ""))
            messages.success(request, _("The review is hidden."))
    except DomainError as error:
        report_domain_error(request, error)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = review.product.get_absolute_url()
    return redirect(target)
