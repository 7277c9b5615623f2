from django.urls import path

from villages import views

app_name = "villages"

urlpatterns = [
    path("", views.village_list, name="village_list"),
    path("<int:pk>/", views.village_detail, name="village_detail"),
    path("stations/<int:pk>/", views.station_detail, name="station_detail"),
    path("my-station/", views.my_station, name="my_station"),
    path(
        "my-station/residents/<int:pk>/confirm/",
        views.resident_act,
        {"action": "confirm"},
        name="resident_confirm",
    ),
    path("my-station/residents/register/", views.resident_register, name="resident_register"),
    path("my-station/residents/<int:pk>/unlock/", views.resident_act, {"action": "unlock"}, name="resident_unlock"),
    path("counties/<int:pk>/", views.county_detail, name="county_detail"),
    path("addresses/", views.address_list, name="address_list"),
    path("addresses/new/", views.address_edit, name="address_new"),
    path("addresses/<int:pk>/", views.address_edit, name="address_edit"),
    path("addresses/<int:pk>/delete/", views.address_act, {"action": "delete"}, name="address_delete"),
    path("addresses/<int:pk>/default/", views.address_act, {"action": "default"}, name="address_default"),
    path("townships/<int:pk>/", views.township_detail, name="township_detail"),
]
