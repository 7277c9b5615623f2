"""Payment providers, shared by every app that moves money (orders, credit). Callers only know this interface;
a real provider (Alipay, WeChat Pay) is another class here, selected by name in PAYMENT_PROVIDER.

A provider confirms a payment or a payout by calling back one of our endpoints with a JSON body signed by
HMAC-SHA256 under PAYMENT_WEBHOOK_SECRET, in the `X-Taocun-Signature` header. Nothing else moves money.

The simulated provider signs in-process: with DEBUG off it would let anyone "pay" with no money, so it refuses
to work unless PAYMENT_PROVIDER_ALLOW_SIMULATED=1 was set on purpose (a demo); `manage.py check` reports it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from decimal import Decimal
from typing import Protocol, TypeVar

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.errors import DomainError, NotPermitted, ValidationFailed
from core.money import money_parse

SIGNATURE_HEADER = "X-Taocun-Signature"
# Accepted only when the server started with DEBUG on (settings.PAYMENT_DEV_SECRET_ACCEPTED).
DEV_WEBHOOK_SECRET = "dev-only-payment-webhook-secret"


def _webhook_secret() -> bytes:
    secret = settings.PAYMENT_WEBHOOK_SECRET
    if secret == DEV_WEBHOOK_SECRET and not settings.PAYMENT_DEV_SECRET_ACCEPTED:
        raise ImproperlyConfigured("The development PAYMENT_WEBHOOK_SECRET is refused when DEBUG is off.")
    return secret.encode()


def callback_sign(body: bytes) -> str:
    """Hex HMAC-SHA256 of the raw callback body under the shared webhook secret."""
    return hmac.new(_webhook_secret(), body, hashlib.sha256).hexdigest()


def callback_signature_valid(body: bytes, signature: str) -> bool:
    if not signature:
        return False
    try:
        expected = callback_sign(body)
    except ImproperlyConfigured:
        return False  # a development secret in production verifies nothing
    return hmac.compare_digest(expected, signature)


def callback_verified(*, body: bytes, signature: str) -> tuple[str, str, Decimal]:
    """A provider callback's (reference, status, amount), for orders and loans alike: NotPermitted (403) without a
    valid HMAC, so nothing is written; ValidationFailed (400) when the body is malformed."""
    if not callback_signature_valid(body, signature):
        raise NotPermitted(gettext("The callback signature is not valid."), code="bad_signature")
    try:
        data = json.loads(body, parse_float=Decimal)  # never a float: 1e999999 stays a Decimal, refused below
        reference, status, amount = str(data["reference"]), str(data["status"]), data["amount"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationFailed(gettext("The callback body is malformed.")) from exc
    if isinstance(amount, bool) or not isinstance(amount, str | int | Decimal):
        raise ValidationFailed(
            gettext("The callback body is malformed."), fields={"amount": [gettext("A decimal string.")]}
        )
    # Infinity, NaN, 1e999999 or an amount no column holds: a malformed body (400), nothing written.
    return reference, status, money_parse(amount, field="amount")


def callback_body(*, reference: str, status: str, amount: Decimal) -> bytes:
    """The canonical callback body (keys sorted, amount as a string: never a float)."""
    return json.dumps({"reference": reference, "status": status, "amount": str(amount)}, sort_keys=True).encode()


class ProviderPayment(models.Model):
    """What every sum the provider moves keeps, in or out (order and checkout payments, loan payments and payouts,
    withdrawals): which provider, its reference, the amount, and what its signed confirmation said and when."""

    provider = models.CharField(_("provider"), max_length=32)
    reference = models.CharField(_("provider reference"), max_length=64, unique=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    failure_reason = models.CharField(_("failure reason"), max_length=255, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.reference


Confirmed = TypeVar("Confirmed", bound=ProviderPayment)


def provider_callback_view(handle: Callable[..., Confirmed]) -> Callable:
    """The endpoint a provider POSTs its signed confirmation to: `handle(body=, signature=)` verifies and applies
    it; the answer is the reference and the new status, or the domain error (403 for a bad signature) as JSON."""

    @csrf_exempt
    @require_POST
    def callback(request):
        try:
            confirmed = handle(body=request.body, signature=request.headers.get(SIGNATURE_HEADER, ""))
        except DomainError as error:
            return JsonResponse(error.as_dict(), status=error.status_code)
        return JsonResponse({"reference": confirmed.reference, "status": confirmed.status})

    callback.__doc__ = handle.__doc__
    return callback


class PaymentProvider(Protocol):
    name: str

    def new_reference(self) -> str: ...

    def checkout_url(self, *, reference: str, simulated_page: str) -> str:
        """Where the payer goes to pay (the provider's page). `simulated_page` is the URL name of the page
        that stands in for the provider when it is simulated; a real provider ignores it."""
        ...

    def request_payout(self, *, reference: str, amount: Decimal) -> tuple[bytes, str] | None:
        """Ask the provider to pay `amount` out (a loan to its borrower, a withdrawal to its account). `reference` is
        also the request's idempotency key: asked again for the same reference (a retry after a crash), a provider
        pays nothing more. A real provider answers later, with a signed callback; the simulated one returns that
        signed confirmation at once (body, signature)."""
        ...


class SimulatedProvider:
    """Built-in provider for development and demos: its "pay" pages (orders:simulated_pay,
    credit:simulated_pay) confirm by building the signed callback server-side and handing it to the same
    handler as the endpoint."""

    name = "simulated"

    def new_reference(self) -> str:
        return f"SIM-{secrets.token_hex(12).upper()}"

    def checkout_url(self, *, reference: str, simulated_page: str) -> str:
        return reverse(simulated_page, args=[reference])

    def request_payout(self, *, reference: str, amount: Decimal) -> tuple[bytes, str]:
        return self.confirmation(reference=reference, amount=amount)

    def confirmation(self, *, reference: str, amount: Decimal, succeed: bool = True) -> tuple[bytes, str]:
        """The body and signature the provider would POST to our callback."""
        body = callback_body(reference=reference, status="succeeded" if succeed else "failed", amount=amount)
        return body, callback_sign(body)


PROVIDERS: dict[str, PaymentProvider] = {"simulated": SimulatedProvider()}


def payout_send(
    payout: Confirmed,
    *,
    confirm: Callable[..., Confirmed],
    sent: Callable[[Confirmed], None] | None = None,
) -> Confirmed:
    """Ask the payout's provider to pay it; `sent(payout)` records that the provider took the request. A real
    provider answers later, through the signed callback; the simulated one answers at once, and that answer is
    verified and applied by the same `confirm(reference=, status=, amount=)` as the callback's. The reference is
    the provider's idempotency key: asked twice, it pays once."""
    confirmation = provider_get(payout.provider).request_payout(reference=payout.reference, amount=payout.amount)
    if sent is not None:
        sent(payout)
    if confirmation is None:
        return payout
    body, signature = confirmation
    reference, status, amount = callback_verified(body=body, signature=signature)
    return confirm(reference=reference, status=status, amount=amount)


def simulated_callback(payment: ProviderPayment, *, succeed: bool = True) -> tuple[bytes, str]:
    """The signed callback the simulated provider sends for `payment` (its "pay" pages and the demo): refused
    for a payment started with any other provider."""
    provider = provider_get(payment.provider)
    if not isinstance(provider, SimulatedProvider):
        raise NotPermitted(gettext("Only the simulated provider pays from here."))
    return provider.confirmation(reference=payment.reference, amount=payment.amount, succeed=succeed)


def simulated_refused() -> bool:
    """The simulated provider is configured on a server that did not start in DEBUG nor allow it on purpose."""
    return settings.PAYMENT_PROVIDER == "simulated" and not settings.PAYMENT_PROVIDER_ALLOW_SIMULATED


class PaymentsUnavailable(DomainError):
    """No provider that really moves money is configured: a clear 503, never a payment confirmed for nothing."""

    status_code = 503
    default_code = "payments_unavailable"
    default_detail = _("Payments are not available at the moment. Try again later or pay at your station.")


def provider_get(name: str | None = None) -> PaymentProvider:
    """The provider by name (the configured one by default). The simulated provider on a server that neither
    started in DEBUG nor allowed it on purpose is refused here too, should such a server have started anyway."""
    name = name or settings.PAYMENT_PROVIDER
    if name == "simulated" and not settings.PAYMENT_PROVIDER_ALLOW_SIMULATED:
        raise PaymentsUnavailable()
    try:
        return PROVIDERS[name]
    except KeyError:
        raise PaymentsUnavailable() from None


@checks.register(checks.Tags.security, deploy=False)
def payment_provider_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Run by `check`, `check --deploy`, `migrate` and `runserver`: a production server does not start with a
    provider that confirms payments nobody made, or with the development webhook secret."""
    errors = []
    if settings.PAYMENT_PROVIDER not in PROVIDERS:
        errors.append(checks.Error(f"Unknown PAYMENT_PROVIDER {settings.PAYMENT_PROVIDER!r}.", id="core.E010"))
    elif simulated_refused():
        errors.append(
            checks.Error(
                "PAYMENT_PROVIDER is 'simulated' with DJANGO_DEBUG=0: orders and loan repayments would be paid "
                "with no money.",
                hint="Configure a real provider, or set PAYMENT_PROVIDER_ALLOW_SIMULATED=1 for a demo only.",
                id="core.E011",
            )
        )
    if settings.PAYMENT_WEBHOOK_SECRET == DEV_WEBHOOK_SECRET and not settings.PAYMENT_DEV_SECRET_ACCEPTED:
        errors.append(
            checks.Error(
                "PAYMENT_WEBHOOK_SECRET is the development secret with DJANGO_DEBUG=0: anyone could sign callbacks.",
                hint="Set the secret your payment provider gave you.",
                id="core.E012",
            )
        )
    return errors
