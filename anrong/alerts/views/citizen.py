"""Citizens' pages under /peringatan/ (namespace alerts): live alerts, one alert with its
history, choosing one's area (a cookie the banner reads, and with JavaScript a web-push
subscription), and the JSON endpoints the subscribe script posts to."""

from __future__ import annotations

import json
import re

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from anrong.core.middleware import client_ip

from .. import actions, push, queries
from ..errors import AlertError
from ..forms import AreaForm

AREA_COOKIE = "anrong_kecamatan"
AREA_COOKIE_AGE = 365 * 24 * 3600
_CODE = re.compile(r"^73\.71\.\d\d$")


def area_from_cookie(request: HttpRequest) -> set[str] | None:
    raw = request.COOKIES.get(AREA_COOKIE, "")
    if raw == "all":
        return None
    codes = {code for code in raw.split("|") if _CODE.match(code)}
    return codes or None


def _choices() -> list[tuple[str, str]]:
    return [(region.code, region.name) for region in queries.kecamatan_choices()]


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    chosen = request.COOKIES.get(AREA_COOKIE, "")
    initial = {"whole_city": chosen == "all",
               "kecamatan": [c for c in chosen.split("|") if _CODE.match(c)]}
    return render(request, "alerts/home.html", {
        "alerts": list(queries.live_alerts()),
        "form": AreaForm(initial=initial, kecamatan_choices=_choices()),
        "vapid_public_key": push.public_key(),
    })


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    messages = queries.chain(pk)
    if (not messages or messages[-1].pk != pk or messages[-1].original_id is not None
            or messages[-1].status == "Test"):
        raise Http404
    return render(request, "alerts/detail.html", {"latest": messages[0], "history": messages})


@require_POST
def choose_area(request: HttpRequest) -> HttpResponse:
    """Without JavaScript: remember the area for the banner (a cookie, nothing stored)."""
    form = AreaForm(request.POST, kecamatan_choices=_choices())
    if not form.is_valid() or not (form.cleaned_data["whole_city"] or form.cleaned_data["kecamatan"]):
        return render(request, "alerts/home.html", {
            "alerts": list(queries.live_alerts()), "form": form,
            "area_error": _("Pilih paling sedikit satu kecamatan, atau seluruh kota."),
            "vapid_public_key": push.public_key()}, status=400)
    value = "all" if form.cleaned_data["whole_city"] else "|".join(sorted(form.cleaned_data["kecamatan"]))
    response = redirect("alerts:home")
    response.set_cookie(AREA_COOKIE, value, max_age=AREA_COOKIE_AGE, samesite="Lax",
                        secure=request.is_secure(), httponly=True)
    return response


def _json_body(request: HttpRequest) -> dict:  # type: ignore[type-arg]
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@require_POST
def subscribe(request: HttpRequest) -> JsonResponse:
    """{"endpoint", "keys": {"p256dh", "auth"}, "kecamatan": [...], "whole_city": bool}:
    the browser's PushSubscription and the chosen area. CSRF-protected like every form."""
    data = _json_body(request)
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    kecamatan = data.get("kecamatan") if isinstance(data.get("kecamatan"), list) else []
    try:
        actions.subscribe_push(user=request.user, endpoint=str(data.get("endpoint", "")),
                               p256dh=str(keys.get("p256dh", "")), auth=str(keys.get("auth", "")),
                               kecamatan_codes=[str(code) for code in kecamatan],
                               whole_city=bool(data.get("whole_city")),
                               sender_ip=client_ip(request))
    except AlertError as error:
        return JsonResponse({"message": error.message, "errors": error.errors}, status=400)
    value = "all" if data.get("whole_city") else "|".join(sorted(str(c) for c in kecamatan))
    response = JsonResponse({"message": _("Notifikasi peringatan aktif untuk area pilihan Anda.")},
                            status=201)
    response.set_cookie(AREA_COOKIE, value, max_age=AREA_COOKIE_AGE, samesite="Lax",
                        secure=request.is_secure(), httponly=True)
    return response


@require_POST
def unsubscribe(request: HttpRequest) -> JsonResponse:
    actions.unsubscribe_push(endpoint=str(_json_body(request).get("endpoint", "")))
    return JsonResponse({"message": _("Notifikasi peringatan dimatikan di browser ini.")})
