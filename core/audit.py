"""The audit log: one call from inside the service's transaction, so the entry and the change commit together."""

from __future__ import annotations

import contextvars
from typing import Any

from django.db import models

from core.models import AuditEntry

# The address of the request being served; set by core.middleware.RequestAddressMiddleware.
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_ip", default=None)
# A fingerprint of the device making the request (core.middleware.DeviceMiddleware): the anti-fraud rules compare
# the devices a buyer and a seller use.
current_device: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_device", default=None)


def audit_record(
    *, actor, action: str, target: models.Model, summary: str, details: dict[str, Any] | None = None
) -> AuditEntry:
    """Record that `actor` did `action` on `target` (details must be JSON-serialisable)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:255],
        details=details or {},
        ip_address=current_ip.get(),
    )
