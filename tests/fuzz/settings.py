"""Settings of the fuzzed server: the production settings (config.settings, DJANGO_DEBUG=0), with a fast hasher.

The fuzzer posts hundreds of made-up logins to /api/auth/token/ per role, and each one hashes a password:
PBKDF2 at Django's 1,000,000 iterations costs about 0.3 s of CPU, which made the token endpoint most of the
server's time. The hasher changes no status or body the fuzzer checks, so this server hashes with MD5.
"""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Production serves collected static files (collectstatic writes the manifest); this server has none, and the HTML
# 404 page the fuzzer's probes reach would fail on the missing manifest entry. Plain storage changes no API answer.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
