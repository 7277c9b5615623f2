from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("courses/<slug:slug>/", views.course_detail, name="course_detail"),
    path("courses/<slug:slug>/enrol/", views.course_enrol, name="course_enrol"),
    path("courses/<slug:slug>/lessons/<int:position>/", views.lesson_detail, name="lesson_detail"),
    path("courses/<slug:slug>/lessons/<int:position>/read/", views.lesson_mark_read, name="lesson_mark_read"),
    path("courses/<slug:slug>/lessons/<int:position>/quiz/", views.lesson_quiz, name="lesson_quiz"),
    path("my-learning/", views.my_learning, name="my_learning"),
    path("certificates/<str:code>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<str:code>/pdf/", views.certificate_download, name="certificate_pdf"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify, name="verify_code"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("stations/", views.station_list, name="station_list"),
]
