"""The meeting room in the browser: the page (a canvas map, chat, calls; everything live comes
over the room's websocket, see static/meetings/room.js) and the LiveKit token it asks for.

Only people who may join the meeting see that it exists: anyone else gets 404, as for a code
that does not exist."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from . import livekit, permissions
from .models import Meeting, MeetingMember, Presence


def _joinable(request: HttpRequest, code: str) -> Meeting:
    meeting = Meeting.objects.select_related("agency").filter(code=code).first()
    if meeting is None or not permissions.can_join(request.user, meeting):
        raise Http404
    return meeting


def _is_inside(user: object, meeting: Meeting) -> bool:
    return Presence.objects.filter(meeting=meeting, user=user,
                                   state=Presence.State.INSIDE).exists()


def room_texts() -> dict[str, str]:
    """The words room.js shows, in the page's language."""
    return {
        "connecting": _("Menghubungkan ke ruang…"),
        "connected": _("Anda di dalam ruang."),
        "reconnecting": _("Sambungan terputus. Menyambung lagi…"),
        "closed": _("Sambungan ke ruang ditutup."),
        "removed": _("Tuan rumah mengeluarkan Anda dari rapat ini."),
        "replaced": _("Anda membuka ruang ini di tab atau perangkat lain."),
        "lobby": _("Ruang sedang penuh atau dikunci. Anda menunggu di lobi; Anda masuk otomatis "
                   "begitu ada tempat."),
        "admitted": _("Anda dipersilakan masuk."),
        "joined": _("{name} masuk ruang."),
        "left": _("{name} keluar ruang."),
        "nobody_inside": _("Belum ada orang di dalam ruang."),
        "you": _("Anda"),
        "host": _("tuan rumah"),
        "presenter": _("penyaji"),
        "muted": _("dibisukan"),
        "in_bubble": _("sedang bercakap dengan Anda"),
        "chat_room": _("Seluruh ruang"),
        "chat_bubble": _("Percakapan ini"),
        "no_bubble": _("Anda belum bercakap dengan siapa pun. Dekati orang lain atau duduk di "
                       "meja yang sama."),
        "chat_empty": _("Belum ada pesan."),
        "chat_too_long": _("Pesan paling panjang 1000 karakter."),
        "new_message": _("Pesan baru dari {name}: {text}"),
        "bubble_with": _("Anda bercakap dengan: {names}."),
        "bubble_alone": _("Anda tidak sedang bercakap dengan siapa pun."),
        "on_stage": _("Anda di panggung: semua orang di ruang mendengar Anda."),
        "too_many_p2p": _("Percakapan ini lebih dari 4 orang. Tanpa server media (SFU) suara dan "
                          "video hanya tersambung untuk 4 orang; gunakan obrolan teks atau bentuk "
                          "kelompok yang lebih kecil."),
        "sfu_connecting": _("Percakapan ini lebih dari 4 orang: menyambung lewat server media…"),
        "media_denied": _("Kamera atau mikrofon tidak bisa dipakai. Periksa izin peramban Anda; "
                          "Anda tetap bisa mengobrol lewat teks."),
        "mic_on": _("Matikan mikrofon"),
        "mic_off": _("Nyalakan mikrofon"),
        "cam_on": _("Matikan kamera"),
        "cam_off": _("Nyalakan kamera"),
        "share_start": _("Bagikan layar"),
        "share_stop": _("Berhenti berbagi layar"),
        "share_failed": _("Layar tidak bisa dibagikan."),
        "sharing": _("{name} membagikan layar di panggung."),
        "you_are_muted": _("Tuan rumah membisukan mikrofon Anda."),
        "you_are_unmuted": _("Tuan rumah mengizinkan Anda bicara lagi."),
        "locked": _("Ruang dikunci: yang datang menunggu di lobi."),
        "unlocked": _("Ruang dibuka."),
        "lock": _("Kunci ruang"),
        "unlock": _("Buka kunci ruang"),
        "mute": _("Bisukan {name}"),
        "unmute": _("Izinkan {name} bicara"),
        "remove": _("Keluarkan {name}"),
        "remove_confirm": _("Keluarkan {name} dari rapat? Ia tidak bisa masuk lagi."),
        "make_presenter": _("Jadikan {name} penyaji"),
        "presenter_now": _("{name} sekarang penyaji."),
        "video_of": _("Video {name}"),
        "error": _("Terjadi kesalahan: {message}"),
        "walk_to": _("Berjalan ke titik yang diketuk."),
    }


@login_required
@require_safe
def room(request: HttpRequest, code: str) -> HttpResponse:
    meeting = _joinable(request, code)
    config = {
        "code": meeting.code,
        "me": request.user.pk,
        "ws_path": f"/ws/rapat/{meeting.code}/",
        "can_run": permissions.can_run(request.user, meeting),
        "sfu": livekit.is_configured(),
        "token_url": reverse("meetings_room:livekit_token", args=[meeting.code]),
        # LiveKit's browser client, from npm (livekit-client) like the other front-end packages.
        "sfu_client": f"{settings.STATIC_URL}vendor/livekit-client/dist/livekit-client.esm.mjs",
    }
    return render(request, "meetings/room.html", {
        "meeting": meeting,
        "room_config": config,
        "room_texts": room_texts(),
        "can_run": config["can_run"],
    })


@login_required
@require_POST
def livekit_token(request: HttpRequest, code: str) -> JsonResponse:
    """A LiveKit token for someone inside the room, when LiveKit is configured (404 otherwise:
    there is nothing to ask for)."""
    meeting = _joinable(request, code)
    if not livekit.is_configured():
        raise Http404
    if not _is_inside(request.user, meeting):
        return JsonResponse({"code": "not_inside",
                             "message": _("Masuk ruang dulu untuk tersambung ke server media."),
                             "details": {}}, status=403)
    member = MeetingMember.objects.filter(meeting=meeting, user=request.user).first()
    muted = bool(member and member.is_muted)
    return JsonResponse({"token": livekit.mint_token(user=request.user, meeting=meeting,
                                                     muted=muted),
                         "url": livekit.server_url(), "room": meeting.code})
