"""Freight pages under /logistics/freight/ (namespace `freight`: tracking's pages keep their own)."""

from django.urls import path

from logistics import freight_views

app_name = "freight"

urlpatterns = [
    path("", freight_views.freight_list, name="freight_list"),
    path("shop/<int:shop_id>/new/", freight_views.freight_create, name="freight_create"),
    path("shop/<int:shop_id>/default/", freight_views.freight_default_create, name="freight_default_create"),
    path("<int:template_id>/", freight_views.freight_edit, name="freight_edit"),
    path("<int:template_id>/delete/", freight_views.freight_delete, name="freight_delete"),
]
