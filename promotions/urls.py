from django.urls import path

from promotions import views

app_name = "promotions"

urlpatterns = [
    path("mine/", views.my_coupons, name="my_coupons"),
    path("<int:pk>/claim/", views.coupon_claim, name="coupon_claim"),
    path("<int:pk>/end/", views.coupon_end, name="coupon_end"),
    path("platform/", views.coupon_manage, name="platform_coupons"),
    path("shop/<slug:slug>/", views.coupon_manage, name="shop_coupons"),
]
