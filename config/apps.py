from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The top layer: wires the apps together (urls, demo data, health check)."""

    name = "config"
    verbose_name = "Taocun"
