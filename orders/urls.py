from django.urls import path
from django.views.generic import RedirectView

from orders import group_buy_urls, presale_views, review_views, views, withdrawal_views

app_name = "orders"

urlpatterns = [
    # /orders/ on its own (typed, or a trimmed link): the person's orders, not a 404.
    path("", RedirectView.as_view(pattern_name="orders:my_orders", permanent=False), name="index"),
    *group_buy_urls.urlpatterns,  # group buys (issue 23): before <number>/<action>/
    path("cart/", views.cart_view, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/<uuid:checkout_id>/", views.checkout_done, name="checkout_done"),
    path("checkout/<uuid:checkout_id>/pay/", views.checkout_pay, name="checkout_pay"),
    path("mine/", views.my_orders, name="my_orders"),
    # Pre-sales (issue 23)
    path("presales/<int:presale_id>/reserve/", presale_views.presale_reserve, name="presale_reserve"),
    path("presales/mine/", presale_views.presale_orders_mine, name="presale_orders_mine"),
    path("presales/orders/<str:number>/pay/", presale_views.presale_pay, name="presale_pay"),
    path("presales/orders/<str:number>/ship/", presale_views.presale_ship, name="presale_ship"),
    path("presales/pay/<str:reference>/", presale_views.presale_simulated_pay, name="presale_simulated_pay"),
    path("presales/manage/", presale_views.presales_manage, name="presales_manage"),
    path("presales/<int:presale_id>/", presale_views.presale_detail, name="presale_detail"),
    path("presales/<int:presale_id>/call/", presale_views.presale_call, name="presale_call"),
    path("fulfil/", views.fulfil, name="fulfil"),
    path("statement/", views.statement, name="statement"),
    path("station/", views.station, name="station"),
    path("station/parcels/", views.station_parcels, name="station_parcels"),
    path("station/parcels/pick-list.pdf", views.station_pick_list, name="station_pick_list"),
    path("station/parcels/<str:number>/<str:action>/", views.station_parcel_action, name="station_parcel_action"),
    path("assisted/mine/", views.my_assisted, name="my_assisted"),
    path("assisted/<int:pk>/<str:action>/", views.assisted_action, name="assisted_action"),
    path("disputes/", views.dispute_list, name="dispute_list"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("reviews/<str:number>/<str:action>/", views.review_action, name="review_action"),
    path("disputes/<int:pk>/<str:action>/", views.dispute_respond, name="dispute_respond"),
    path("pay/<str:reference>/", views.simulated_pay, name="simulated_pay"),
    path("pay/checkout/<str:reference>/", views.simulated_checkout_pay, name="simulated_checkout_pay"),
    path("payments/callback/", views.payment_callback, name="payment_callback"),
    path("carriers/callback/", views.carrier_callback, name="carrier_callback"),
    path("withdrawals/", withdrawal_views.withdrawals, name="withdrawals"),
    path("withdrawals/request/", withdrawal_views.withdrawal_request, name="withdrawal_request"),
    path("withdrawals/accounts/", withdrawal_views.payout_account_add, name="payout_account_add"),
    path("withdrawals/accounts/<int:pk>/remove/", withdrawal_views.payout_account_remove, name="payout_account_remove"),
    path("withdrawals/callback/", withdrawal_views.withdrawal_payout_callback, name="withdrawal_payout_callback"),
    path("withdrawals/<int:pk>/<str:action>/", withdrawal_views.withdrawal_decide, name="withdrawal_decide"),
    path("<str:number>/", views.order_detail, name="order_detail"),
    path("<str:number>/lines/<int:line_id>/batch/", views.order_line_batch, name="order_line_batch"),
    path("<str:number>/pay/", views.order_pay, name="order_pay"),
    path("<str:number>/dispute/", views.dispute_open, name="dispute_open"),
    path("<str:number>/print/<str:kind>/", views.order_print, name="order_print"),
    path("<str:number>/review/", review_views.review_post, name="review_post"),
    path("<str:number>/buy-again/", review_views.buy_again, name="buy_again"),
    path("<str:number>/<str:action>/", views.order_action, name="order_action"),
]
