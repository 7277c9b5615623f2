from django.urls import path

from credit import views

app_name = "credit"

urlpatterns = [
    path("", views.my_credit, name="my_credit"),
    path("apply/", views.loan_apply, name="loan_apply"),
    path("loans/<int:pk>/repay/", views.loan_repay, name="loan_repay"),
    path("pay/<str:reference>/", views.simulated_pay, name="simulated_pay"),
    path("payments/callback/", views.payment_callback, name="payment_callback"),
    path("payouts/callback/", views.payout_callback, name="payout_callback"),
    path("station/", views.station_scores, name="station_scores"),
    path("station/cash/", views.station_cash, name="station_cash"),
    path("station/collections/", views.station_collections, name="station_collections"),
    path("station/verify/<int:user_id>/", views.identity_verify, name="identity_verify"),
    path("book/", views.loan_book, name="loan_book"),
    path("book/portfolio.csv", views.loan_book_csv, name="loan_book_csv"),
    path("book/<int:pk>/write-off/", views.loan_write_off, name="loan_write_off"),
]
