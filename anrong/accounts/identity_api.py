"""Identity endpoints of /api/v1/: who is calling (session or bearer token)."""

from __future__ import annotations

from ninja import Router, Schema

from .roles import is_staff_member

router = Router(tags=["auth"])


class WhoAmI(Schema):
    id: int
    is_staff_member: bool
    language: str


@router.get("/whoami", response=WhoAmI, summary="The signed-in user")
def whoami(request):  # type: ignore[no-untyped-def]
    user = request.user
    return WhoAmI(id=user.pk, is_staff_member=is_staff_member(user), language=user.language)
