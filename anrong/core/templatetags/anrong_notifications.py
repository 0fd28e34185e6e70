"""`{% load anrong_notifications %}{% unread_notifications_count %}`: the signed-in person's
number of unread notifications (0 for visitors), for the header's inbox link. One COUNT query
on the (recipient, read_at, created_at) index; memoised on the request so two uses cost one."""

from __future__ import annotations

from typing import Any

from django import template

from anrong.core import notifications

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications_count(context: Any) -> int:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    if request is not None:
        cached = getattr(request, "_anrong_unread_notifications", None)
        if cached is not None:
            return int(cached)
    count = notifications.unread_count(user)
    if request is not None:
        request._anrong_unread_notifications = count
    return count
