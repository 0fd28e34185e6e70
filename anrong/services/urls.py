from django.urls import path

from .views import applications
from .views import catalogue as views

app_name = "services"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("peristiwa/<slug:code>/", views.life_event, name="life_event"),
    path("peristiwa/<slug:code>/ajukan/", applications.life_event, name="life_event_apply"),
    path("<str:code>/ajukan/", applications.start, name="start"),
    path("<str:code>/", views.detail, name="detail"),
]
