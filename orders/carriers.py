"""The carriers' tracking callbacks: a JSON body signed by HMAC-SHA256 under CARRIER_WEBHOOK_SECRET, in the
`X-Taocun-Signature` header (the same scheme as the payment provider's, with its own key).

Only a "delivered" event signed by a carrier moves an order to delivered for the carrier: the seller holds no key.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from django.conf import settings

DELIVERED = "delivered"


def carrier_sign(body: bytes) -> str:
    return hmac.new(settings.CARRIER_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()


def carrier_signature_valid(body: bytes, signature: str) -> bool:
    return bool(signature) and hmac.compare_digest(carrier_sign(body), signature)


def carrier_event_body(*, carrier: str, tracking_number: str, status: str = DELIVERED) -> bytes:
    return json.dumps({"carrier": carrier, "tracking_number": tracking_number, "status": status}).encode()
