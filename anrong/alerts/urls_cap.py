"""CAP 1.2 feed under /alerts/ (namespace alerts_cap)."""

from django.urls import path

from .views import cap as views

app_name = "alerts_cap"

urlpatterns = [
    path("cap.xml", views.index, name="index"),
    path("<int:pk>.xml", views.document, name="document"),
]
