from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("mine/", views.mine, name="mine"),
    path("villages/<int:pk>/", views.village_dashboard, name="village"),
    path("counties/<int:pk>/", views.county_dashboard, name="county"),
    path("provinces/<int:pk>/", views.province_dashboard, name="province"),
    path("farmers/<int:pk>/", views.farmer_dashboard, name="farmer"),
    path("<str:kind>/<int:pk>/<str:table>.csv", views.dashboard_csv, name="csv"),
]
