"""Typed domain errors: services raise these; the API maps them to status codes and the
`{"code", "detail", "fields"}` body, and pages show them as form errors or messages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the request. Nothing was written."""

    status_code = 400
    default_code = "invalid"
    default_detail = _("The request breaks a rule.")

    def __init__(self, detail: str | None = None, *, code: str | None = None, fields: dict | None = None):
        self.detail = str(detail or self.default_detail)  # in the language of the request that raised it
        self.code = code or self.default_code
        self.fields = fields or {}
        super().__init__(self.detail)

    def as_dict(self) -> dict:
        return {"code": self.code, "detail": self.detail, "fields": self.fields}


class ValidationFailed(DomainError):
    """Input that fails a business rule (a quantity off the step, an amount too large...)."""


class NotPermitted(DomainError):
    status_code = 403
    default_code = "forbidden"
    default_detail = _("You may not do this.")


class NotFound(DomainError):
    status_code = 404
    default_code = "not_found"
    default_detail = _("Not found.")


class RateLimited(DomainError):
    """Too many of one kind of request from one person in a while (counted in the shared cache)."""

    status_code = 429
    default_code = "rate_limited"
    default_detail = _("Too many requests: wait a while and try again.")


class Conflict(DomainError):
    """The request fits no longer: the state changed, or a concurrent request won."""

    status_code = 409
    default_code = "conflict"
    default_detail = _("This conflicts with the current state.")


class InvalidTransition(Conflict):
    default_code = "invalid_transition"
    default_detail = _("This action does not fit the current status.")
