"""Log-in by mobile number and SMS code, as a Django authentication backend.

`authenticate(request, phone=..., code=...)` spends a log-in code (accounts.services.phone_log_in: counted,
throttled, single use) and returns the number's account, or None. The pages and the API call the service
themselves, to tell a throttled client from a wrong code, then log the user in under this backend.
notifications.auth.InboxPhoneCodeBackend is this backend whose get_user also loads the unread count: that is the
one settings.AUTHENTICATION_BACKENDS names, as for the password backend.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils.module_loading import import_string

from accounts import services
from core.errors import DomainError


class PhoneCodeBackend(ModelBackend):
    def authenticate(self, request, phone=None, code=None, **kwargs):
        if phone is None or code is None:
            return None
        client_ip = services.client_ip_of(request) if request is not None else "unknown"
        try:
            user = services.phone_log_in(phone=phone, code=code, client_ip=client_ip)
        except DomainError:
            return None
        return user if self.user_can_authenticate(user) else None


def phone_backend_path() -> str:
    """The configured backend that logs in by phone code (the session remembers it for get_user)."""
    for path in settings.AUTHENTICATION_BACKENDS:
        if issubclass(import_string(path), PhoneCodeBackend):
            return path
    return "accounts.auth.PhoneCodeBackend"
