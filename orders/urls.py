from django.urls import path
from django.views.generic import RedirectView

from orders import views

app_name = "orders"

urlpatterns = [
    # /orders/ on its own (typed, or a trimmed link): the person's orders, not a 404.
    path("", RedirectView.as_view(pattern_name="orders:my_orders", permanent=False), name="index"),
    path("cart/", views.cart_view, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/<uuid:checkout_id>/", views.checkout_done, name="checkout_done"),
    path("mine/", views.my_orders, name="my_orders"),
    path("fulfil/", views.fulfil, name="fulfil"),
    path("statement/", views.statement, name="statement"),
    path("station/", views.station, name="station"),
    path("assisted/mine/", views.my_assisted, name="my_assisted"),
    path("assisted/<int:pk>/<str:action>/", views.assisted_action, name="assisted_action"),
    path("disputes/", views.dispute_list, name="dispute_list"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("reviews/<str:number>/<str:action>/", views.review_action, name="review_action"),
    path("disputes/<int:pk>/<str:action>/", views.dispute_respond, name="dispute_respond"),
    path("pay/<str:reference>/", views.simulated_pay, name="simulated_pay"),
    path("payments/callback/", views.payment_callback, name="payment_callback"),
    path("carriers/callback/", views.carrier_callback, name="carrier_callback"),
    path("<str:number>/", views.order_detail, name="order_detail"),
    path("<str:number>/lines/<int:line_id>/batch/", views.order_line_batch, name="order_line_batch"),
    path("<str:number>/pay/", views.order_pay, name="order_pay"),
    path("<str:number>/dispute/", views.dispute_open, name="dispute_open"),
    path("<str:number>/<str:action>/", views.order_action, name="order_action"),
]
