"""The REST API under /api/: one router, every app registers its resources."""

from django.conf import settings
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from accounts.api import (
    MePhoneCodeView,
    MePhoneVerifyView,
    MeView,
    PhoneCodeView,
    PhonePasswordResetView,
    PhoneSignUpView,
    PhoneTokenView,
    TokenView,
)
from certification.api import register_routes as certification_routes
from credit.api import register_routes as credit_routes
from insights.api import register_routes as insights_routes
from insights.api import stats_urls as insights_stats_urls
from logistics.carriers_api import register_routes as carriers_routes
from logistics.freight_api import register_freight_routes
from notifications.api import register_routes as notifications_routes
from orders.api import register_routes as orders_routes
from orders.presale_api import register_routes as presale_routes
from promotions.api import register_routes as promotions_routes
from shops.api import register_routes as shops_routes
from training.api import register_routes as training_routes
from villages.api import register_routes as villages_routes


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI injects <style> elements at run time: allow inline styles on this page only."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        policy = "; ".join(f"{key} {value}" for key, value in settings.CONTENT_SECURITY_POLICY.items())
        response["Content-Security-Policy"] = policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        return response


router = DefaultRouter()
for register in (
    villages_routes,
    notifications_routes,
    shops_routes,
    carriers_routes,
    training_routes,
    register_freight_routes,
    promotions_routes,
    orders_routes,
    presale_routes,
    certification_routes,
    credit_routes,
    insights_routes,
):
    register(router)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/phone/code/", PhoneCodeView.as_view(), name="api-phone-code"),
    path("auth/phone/token/", PhoneTokenView.as_view(), name="api-phone-token"),
    path("auth/phone/sign-up/", PhoneSignUpView.as_view(), name="api-phone-sign-up"),
    path("auth/phone/password-reset/", PhonePasswordResetView.as_view(), name="api-phone-password-reset"),
    path("me/", MeView.as_view(), name="api-me"),
    path("me/phone/code/", MePhoneCodeView.as_view(), name="api-me-phone-code"),
    path("me/phone/verify/", MePhoneVerifyView.as_view(), name="api-me-phone-verify"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    # villages/{id}/stats/ and the like: under the villages app's prefixes, so before the router's URLs.
    *insights_stats_urls,
    *router.urls,
]
