"""The inbox pages (kotak masuk): list, open one (marks it read), mark all read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import notifications


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    page = notifications.inbox(request.user, page=request.GET.get("halaman"))
    return render(request, "core/inbox.html", {
        "page": page,
        "unread": notifications.unread_count(request.user),
    })


@login_required
@require_GET
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Opening a notification marks it read and goes where it points (a link works without
    JavaScript; only the recipient may open it, others get 404)."""
    notification = notifications.notification_for(request.user, notification_id)
    notifications.mark_read(user=request.user, notification=notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("core:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = notifications.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Semua pemberitahuan sudah ditandai dibaca."))
    return redirect("core:inbox")
