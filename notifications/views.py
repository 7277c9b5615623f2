"""Inbox and preferences pages: plain forms, no JavaScript needed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.pages import report_domain_error
from notifications import selectors, services
from notifications.events import CHANNEL_LABELS, EVENTS, SWITCHABLE_CHANNELS
from notifications.events import render as render_event

PER_PAGE = 20


@login_required
def inbox(request):
    page = Paginator(selectors.inbox(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    for notification in page:
        notification.title, notification.body = render_event(notification.event, notification.params)
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request, pk: int):
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except DomainError as error:
        report_domain_error(request, error)
        return redirect("notifications:inbox")
    target = notification.url if request.POST.get("open") and notification.url else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(_back(request))


@login_required
@require_POST
def mark_all_read(request):
    changed = services.notifications_mark_all_read(user=request.user)
    if changed:
        messages.success(request, _("All notifications are marked read."))
    return redirect(_back(request))


def _back(request) -> str:
    """Back to the inbox page the form was on."""
    page = request.POST.get("page", "")
    return reverse("notifications:inbox") + (f"?page={page}" if page.isdigit() else "")


@login_required
def preferences(request):
    if request.method == "POST":
        table = selectors.preference_table(user=request.user)
        # An unticked box is absent from the form: every unlocked box on the page is a choice.
        choices = {
            (row["event"], cell["channel"]): f"{row['event']}.{cell['channel']}" in request.POST
            for row in table
            for cell in row["channels"]
            if not cell["locked"]
        }
        try:
            services.preferences_set(user=request.user, choices=choices)
        except DomainError as error:
            report_domain_error(request, error)
        else:
            messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    table = selectors.preference_table(user=request.user)
    return render(
        request,
        "notifications/preferences.html",
        {
            "table": table,
            "channels": [(channel, CHANNEL_LABELS[channel]) for channel in SWITCHABLE_CHANNELS],
            "has_phone": bool(request.user.phone),
            "has_email": bool(request.user.email),
            "event_count": len(EVENTS),
        },
    )
