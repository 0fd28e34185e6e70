"""Kernel endpoints, mounted at /api/v1/core/: Makassar's kecamatan and kelurahan and which
kelurahan a point lies in (public), and the signed-in person's notifications (session or bearer)."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from . import notifications, queries
from .api_auth import api_auth
from .models import Region
from .schemas import MarkedReadOut, NotificationOut, NotificationPageOut, RegionAtOut, RegionOut

router = Router(auth=None, tags=["regions"])


@router.get("/regions", response=list[RegionOut], summary="Daftar wilayah / List regions")
def list_regions(  # type: ignore[no-untyped-def]
    request,
    level: Literal["kecamatan", "kelurahan"] | None = Query(None),  # noqa: B008
    parent: str | None = Query(None, max_length=13, examples=["73.71.01"]),  # noqa: B008
):
    return list(queries.regions(level=level, parent=parent))


@router.get("/regions/at", response=RegionAtOut,
            summary="Kelurahan di suatu titik / Kelurahan at a point")
def region_at_point(  # type: ignore[no-untyped-def]
    request,
    lat: float = Query(..., ge=-90, le=90, examples=[-5.15993]),  # noqa: B008
    lng: float = Query(..., ge=-180, le=180, examples=[119.408043]),  # noqa: B008
):
    kelurahan: Region | None = queries.region_at(lat, lng)
    if kelurahan is None:
        raise HttpError(404, _("Titik ini berada di luar Kota Makassar."))
    return {"kelurahan": kelurahan, "kecamatan": kelurahan.parent}


@router.get("/notifications", response=NotificationPageOut, auth=api_auth, tags=["notifications"],
            summary="Pemberitahuan saya / My notifications")
def list_notifications(request, page: int = Query(1, ge=1)):  # type: ignore[no-untyped-def]  # noqa: B008
    """Newest first, 20 a page, with the number still unread."""
    found = notifications.inbox(request.user, page=page)
    return {
        "items": list(found.object_list),
        "page": found.number,
        "pages": found.paginator.num_pages,
        "count": found.paginator.count,
        "unread_count": notifications.unread_count(request.user),
    }


@router.post("/notifications/read-all", response=MarkedReadOut, auth=api_auth,
             tags=["notifications"], summary="Tandai semua dibaca / Mark all read")
def read_all_notifications(request):  # type: ignore[no-untyped-def]
    return {"marked": notifications.mark_all_read(user=request.user)}


@router.post("/notifications/{notification_id}/read", response=NotificationOut, auth=api_auth,
             tags=["notifications"], summary="Tandai dibaca / Mark read")
def read_notification(request, notification_id: int):  # type: ignore[no-untyped-def]
    notification = notifications.notification_for(request.user, notification_id)
    return notifications.mark_read(user=request.user, notification=notification)
