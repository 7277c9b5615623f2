from django.urls import path

from shops import review_views, views
from shops.imports import views as import_views

app_name = "shops"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("products/<int:pk>/", views.product_detail, name="product_detail"),
    path("s/<slug:slug>/", views.shop_detail, name="shop_detail"),
    path("reviews/<int:pk>/<str:action>/", review_views.review_action, name="review_action"),
    # Farmers and station operators.
    path("manage/", views.manage_redirect, name="manage"),
    path("mine/", views.my_shops, name="my_shops"),
    path("station/", views.station_shops, name="station_shops"),
    path("villages/<int:village_id>/", views.village_shops, name="village_shops"),
    path("open/", views.shop_open, name="shop_open"),
    path("s/<slug:slug>/edit/", views.shop_edit, name="shop_edit"),
    path("s/<slug:slug>/products/new/", views.product_create, name="product_create"),
    path("products/<int:pk>/edit/", views.product_edit, name="product_edit"),
    path("products/<int:pk>/stock/", views.product_stock, name="product_stock"),
    path("products/<int:pk>/options/", views.product_options, name="product_options"),
    path("products/<int:pk>/photos/", views.photo_upload, name="photo_upload"),
    path("products/<int:pk>/photos/<int:image_id>/<str:action>/", views.photo_action, name="photo_action"),
    path("products/<int:pk>/<str:move>/", views.product_move, name="product_move"),
    # Bulk listing from a spreadsheet (shops/imports/).
    path("imports/", import_views.import_list, name="import_list"),
    path("imports/template.<str:file_format>", import_views.import_template, name="import_template"),
    path("imports/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("imports/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
    path("imports/<int:pk>/report.<str:file_format>", import_views.import_report, name="import_report"),
    path("imports/<int:pk>/photos/", import_views.import_photos, name="import_photos"),
]
