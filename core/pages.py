"""Helpers for page views (the API has its own mapping in core.api)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.errors import DomainError, NotFound, NotPermitted


def report_domain_error(request, error: DomainError) -> None:
    """Show a broken rule to the person who submitted a page form.

    A refusal (someone acting on what is not theirs: the page never offers it) answers 403 and an unknown
    object 404, as the API does, so a forged form gets no redirect that looks like success. Any other rule
    (out of stock, wrong status, a bad code) is a message on the page the redirect leads back to.
    """
    if isinstance(error, NotPermitted):
        raise PermissionDenied(error.detail) from error
    if isinstance(error, NotFound):
        raise Http404(error.detail) from error
    messages.error(request, error.detail)
