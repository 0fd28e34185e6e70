"""The meeting room in the browser (the lead includes these at /rapat/): the room page and the
LiveKit token the page asks for when a bubble outgrows peer-to-peer."""

from django.urls import path

from . import views_room

app_name = "meetings_room"
urlpatterns = [
    path("<str:code>/ruang/", views_room.room, name="room"),
    path("<str:code>/livekit-token/", views_room.livekit_token, name="livekit_token"),
]
