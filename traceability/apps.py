from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    """The produce's story (issue 22): batch pages, QR labels, the public page a scan opens, the recall list.

    It sits at the top with certification and insights: the story reads villages, shops (the batch rows live
    there, so that orders can point at them), orders, certification (the village's label) and training (the
    farmer's certificates). No model of its own."""

    name = "traceability"
    verbose_name = _("Traceability")
