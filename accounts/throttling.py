"""The API's throttles (REST_FRAMEWORK's DEFAULT_THROTTLE_CLASSES, and the scoped one views ask for by name),
counting an anonymous client as every other limit of the project does: `client_key(client_ip_of(request))`, the
address core.middleware.TrustedProxyMiddleware settled on, an IPv6 client by its /64.

DRF's own `get_ident` keys on the full address (and would read X-Forwarded-For itself with NUM_PROXIES), so a
client with an IPv6 /64 got a fresh anonymous quota for each of its 2^64 addresses. A signed-in user is still
counted by user id, as DRF does.
"""

from __future__ import annotations

from rest_framework import throttling

from accounts.services import client_ip_of, client_key


class ClientKeyMixin:
    """An anonymous client is its address as the log-in lockout, the phone codes and the scan counts name it."""

    def get_ident(self, request) -> str:
        return client_key(client_ip_of(request))


class AnonRateThrottle(ClientKeyMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientKeyMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientKeyMixin, throttling.ScopedRateThrottle):
    pass
