from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared foundations every app may import: domain errors, money, API plumbing."""

    name = "core"

    def ready(self):
        from core import payments  # noqa: F401  (registers the payment provider check)
