"""The carriers' tracking callback as the earlier trust work wrote it, now served by logistics.tracking (one
signature scheme, one handler): kept so callers and tests that sign a one-event body keep working."""

from __future__ import annotations

import json

from logistics.tracking import tracking_sign as carrier_sign
from logistics.tracking import tracking_signature_valid as carrier_signature_valid

DELIVERED = "delivered"

__all__ = ["DELIVERED", "carrier_event_body", "carrier_sign", "carrier_signature_valid"]


def carrier_event_body(*, carrier: str, tracking_number: str, status: str = DELIVERED) -> bytes:
    return json.dumps({"carrier": carrier, "tracking_number": tracking_number, "status": status}).encode()
