"""Request-wide concerns: the client's address for the audit log, the Content Security Policy, compression."""

from functools import wraps

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from core.audit import current_ip


class RequestAddressMiddleware:
    """Make the client's address available to services (audit log) without passing requests down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = request.META.get("REMOTE_ADDR") or None
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and not settings.DEBUG:
            address = forwarded.split(",")[-1].strip() or address
        token = current_ip.set(address)
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class ContentSecurityPolicyMiddleware:
    """Only our own scripts, styles, images and connections; no inline scripts; no framing."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            f"{directive} {sources}" for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class CompressionMiddleware(GZipMiddleware):
    """Gzip for HTML, JSON, CSS and scripts (a page is 4-8 times smaller on a slow rural link).

    BREACH (recovering a secret from the compressed size of responses that also reflect the attacker's
    input) is answered three ways: Django pads every gzip response with 0-100 random bytes ("Heal the
    Breach", Django >= 4.2), so sizes leak nothing over a few requests; the CSRF token in forms is masked
    afresh on every response; and a view whose body shows a lasting secret (a pickup code) is marked
    `@never_compressed`, so it is sent as it is. Session and API tokens travel in headers, never bodies.
    """

    def process_response(self, request, response):
        if getattr(response, "never_compressed", False):
            return response
        return super().process_response(request, response)


def never_compressed(view):
    """Send this view's responses uncompressed: its body shows a secret (see CompressionMiddleware)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.never_compressed = True
        return response

    return wrapped
