from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = pgettext_lazy("app name", "Orders")  # the column "Orders" is a count (订单数)

    def ready(self):
        from orders import receivers  # noqa: F401 (connects the log-in cart merge)
