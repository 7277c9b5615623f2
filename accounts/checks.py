"""Deploy check: the login lockout must be counted in a cache every web process shares."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = ("LocMemCache", "DummyCache")


@checks.register(checks.Tags.security, deploy=True)
def lockout_cache_shared(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(PER_PROCESS_CACHES):
        return [
            checks.Warning(
                "The login lockout and the API throttles are counted in a per-process cache: with several gunicorn "
                "workers an attacker gets that many times the limit.",
                hint="Set REDIS_URL to a Redis shared by every web process.",
                id="accounts.W001",
            )
        ]
    return []
