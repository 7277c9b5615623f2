from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config import views
from config.metrics import metrics
from core.media import serve_media

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("villages/", include("villages.urls")),
    path("notifications/", include("notifications.urls")),
    path("shop/", include("shops.urls")),
    path("logistics/freight/", include("logistics.freight_urls")),
    path("orders/", include("orders.urls")),
    path("coupons/", include("promotions.urls")),
    path("certification/", include("certification.urls")),
    path("credit/", include("credit.urls")),
    path("training/", include("training.urls")),
    path("insights/", include("insights.urls")),
    path("", include("traceability.urls")),
    path("api/", include("config.api_urls")),
    path("admin/", admin.site.urls),
    path("metrics", metrics, name="metrics"),
    # Uploads, whatever DEBUG says (no web server for media in docker-compose): never executed, see core/media.py.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"),
]

handler404 = "core.api.api_not_found"
handler500 = "core.api.api_server_error"
