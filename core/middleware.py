"""Request-wide concerns: the client's address for the audit log, and the Content Security Policy."""

from django.conf import settings

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
