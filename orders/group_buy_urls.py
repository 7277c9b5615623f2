"""Group-buy pages (issue 23), included in orders/urls.py."""

from django.urls import path

from orders import group_buy_views

urlpatterns = [
    path("group-buys/offers/", group_buy_views.group_buy_offers, name="group_buy_offers"),
    path("group-buys/offers/<int:offer_id>/end/", group_buy_views.group_buy_offer_end, name="group_buy_offer_end"),
    path("group-buys/offers/<int:offer_id>/open/", group_buy_views.group_buy_start, name="group_buy_start"),
    path("group-buys/<str:code>/", group_buy_views.group_buy_detail, name="group_buy"),
]
