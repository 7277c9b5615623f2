from django.urls import path

from traceability import views

app_name = "traceability"

urlpatterns = [
    # What a QR label opens: short, public.
    path("t/<str:code>/", views.story, name="story"),
    path("trace/", views.batch_list, name="batch_list"),
    path("trace/recall/", views.recall, name="recall"),
    path("trace/b/<str:code>/", views.batch_detail, name="batch_detail"),
    path("trace/b/<str:code>/photos/", views.batch_photo, name="batch_photo"),
    path("trace/b/<str:code>/labels-<str:size>.pdf", views.batch_labels, name="batch_labels"),
]
