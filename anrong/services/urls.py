from django.urls import path

from .views import catalogue as views

app_name = "services"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("peristiwa/<slug:code>/", views.life_event, name="life_event"),
    path("<str:code>/", views.detail, name="detail"),
]
