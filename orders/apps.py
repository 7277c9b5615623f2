from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = pgettext_lazy("app name", "Orders")  # the column "Orders" is a count (订单数)
