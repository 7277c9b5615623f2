from django.urls import path

from certification import views

app_name = "certification"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/evidence.<str:kind>", views.run_evidence_export, name="run_evidence_export"),
    path("runs/<int:pk>/resume/", views.run_resume, name="run_resume"),
    path("villages/<int:pk>/", views.village_detail, name="village_detail"),
    path("villages/<int:pk>/grant/", views.village_grant, name="village_grant"),
    path("villages/<int:pk>/revoke/", views.village_revoke, name="village_revoke"),
]
