import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve with a payment set-up that confirms money nobody paid.
from core.payments import payment_provider_check  # noqa: E402

if errors := payment_provider_check():
    from django.core.exceptions import ImproperlyConfigured  # noqa: E402

    raise ImproperlyConfigured("; ".join(f"{error.id}: {error.msg}" for error in errors))
