from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = _("Village certification")

    def ready(self):
        from certification.api import village_standing_extra
        from core.extensions import register_village_stats_extra

        register_village_stats_extra(village_standing_extra)
