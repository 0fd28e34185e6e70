from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("peristiwa/<slug:code>/", views.life_event, name="life_event"),
    path("<str:code>/", views.detail, name="detail"),
]
