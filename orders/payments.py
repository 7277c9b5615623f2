"""Payment providers. The order code only knows this interface; a real provider (Alipay, WeChat Pay)
is another class here, selected by name, without touching the order services.

The provider confirms a payment by calling our callback endpoint (`orders:payment_callback`) with a
JSON body signed by HMAC-SHA256 under PAYMENT_WEBHOOK_SECRET, in the `X-Taocun-Signature` header.
Nothing else marks an order paid.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.urls import reverse

SIGNATURE_HEADER = "X-Taocun-Signature"


def callback_sign(body: bytes) -> str:
    """Hex HMAC-SHA256 of the raw callback body under the shared webhook secret."""
    return hmac.new(settings.PAYMENT_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()


def callback_signature_valid(body: bytes, signature: str) -> bool:
    return bool(signature) and hmac.compare_digest(callback_sign(body), signature)


def callback_body(*, reference: str, status: str, amount: Decimal) -> bytes:
    """The canonical callback body (keys sorted, amount as a string: never a float)."""
    return json.dumps({"reference": reference, "status": status, "amount": str(amount)}, sort_keys=True).encode()


class PaymentProvider(Protocol):
    name: str

    def new_reference(self) -> str: ...

    def checkout_url(self, *, reference: str) -> str:
        """Where the payer goes to pay (the provider's page)."""
        ...


class SimulatedProvider:
    """Built-in provider for development and demos: its "pay" page (orders:simulated_pay) confirms by
    building the signed callback server-side and handing it to the same handler as the endpoint."""

    name = "simulated"

    def new_reference(self) -> str:
        return f"SIM-{secrets.token_hex(12).upper()}"

    def checkout_url(self, *, reference: str) -> str:
        return reverse("orders:simulated_pay", args=[reference])

    def confirmation(self, *, reference: str, amount: Decimal, succeed: bool = True) -> tuple[bytes, str]:
        """The body and signature the provider would POST to our callback."""
        body = callback_body(reference=reference, status="succeeded" if succeed else "failed", amount=amount)
        return body, callback_sign(body)


PROVIDERS: dict[str, PaymentProvider] = {"simulated": SimulatedProvider()}


def provider_get(name: str | None = None) -> PaymentProvider:
    return PROVIDERS[name or settings.PAYMENT_PROVIDER]
