"""The meeting pages (/rapat/): my meetings, scheduling, one meeting (details, people, the way
into the room, the .ics), changing and cancelling it, and its attendance (page, XLSX, CSV).
Thin: parse, ask permissions and queries, call one action, render. A meeting someone may not
see is a 404, never a hint that it exists."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from anrong.agencies import queries as agency_queries
from anrong.core.audit import record_audit

from . import actions, exports, ics, permissions, queries
from .errors import MeetingError, StaleMeeting
from .forms import CancelForm, MeetingForm
from .models import Meeting, MeetingMember

# What the actions call a field → the form field that shows the message.
_FIELD = {"starts_at": "start", "ends_at": "end"}


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/forbidden.html", status=403)


def _schedulable(user: Any) -> list[Any]:
    return [m.agency for m in agency_queries.memberships_of(user)
            if permissions.can_schedule(user, m.agency)]


def can_see(user: Any, meeting: Meeting) -> bool:
    """Members (not removed) and those who manage it or see its attendance."""
    member = (MeetingMember.objects.filter(meeting=meeting, user=user).first()
              if getattr(user, "is_authenticated", False) else None)
    return ((member is not None and not member.is_removed)
            or permissions.can_manage(user, meeting)
            or permissions.can_view_attendance(user, meeting))


def _meeting_or_404(user: Any, code: str, allowed: Any = can_see) -> Meeting:
    meeting = Meeting.objects.select_related("agency", "presenter").filter(
        code=code.strip().upper()).first()
    if meeting is None or not allowed(user, meeting):
        raise Http404
    return meeting


def _show_errors(form: Any, error: MeetingError) -> None:
    if not error.errors:
        form.add_error(None, error.message)
    for field, message in error.errors.items():
        name = _FIELD.get(field, field)
        form.add_error(name if name in form.fields else None, message)


# --- my meetings and scheduling -----------------------------------------------------------------


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/home.html", {
        **queries.meetings_of(request.user),
        "can_schedule": bool(_schedulable(request.user)),
    })


@require_http_methods(["GET", "POST"])
@login_required
def new(request: HttpRequest) -> HttpResponse:
    agencies = _schedulable(request.user)
    if not agencies:
        return _forbidden(request)
    form = MeetingForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.schedule_meeting(
                actor=request.user, agency=data["agency"], title=data["title"],
                description=data["description"], starts_at=data["starts_at"],
                ends_at=data["ends_at"], layout=data["layout"], capacity=data["capacity"],
                hosts=data["hosts"], invitees=data["invitees"])
        except MeetingError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("Rapat dijadwalkan; undangan dikirim ke peserta."))
            return redirect("meetings:detail", meeting.code)
    return render(request, "meetings/form.html", {"form": form, "meeting": None},
                  status=400 if form.errors else 200)


# --- one meeting --------------------------------------------------------------------------------


@require_safe
@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    user = request.user
    meeting = _meeting_or_404(user, code)
    members = queries.members(meeting)
    sees_attendance = permissions.can_view_attendance(user, meeting)
    return render(request, "meetings/detail.html", {
        "meeting": meeting,
        "hosts": [ics.display_name(m.user) for m in members
                  if m.role == MeetingMember.Role.HOST],
        "invitees": [ics.display_name(m.user) for m in members
                     if m.role == MeetingMember.Role.INVITEE],
        "can_join": permissions.can_join(user, meeting),
        "can_manage": permissions.can_manage(user, meeting)
                      and meeting.status == Meeting.Status.SCHEDULED,
        "sees_attendance": sees_attendance,
        "room": queries.room_state(meeting) if sees_attendance else None,
        "presenter": ics.display_name(meeting.presenter) if meeting.presenter else "",
        "room_href": f"/rapat/{meeting.code}/ruang/",
        "cancel_form": CancelForm(initial={"version": meeting.version}),
    })


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, code: str) -> HttpResponse:
    meeting = _meeting_or_404(request.user, code, permissions.can_manage)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise Http404
    agencies = [meeting.agency]
    members = queries.members(meeting)
    if request.method == "POST":
        form = MeetingForm(request.POST, agencies=agencies)
    else:
        form = MeetingForm(initial=MeetingForm.initial_for(meeting, members), agencies=agencies)
    version = request.POST.get("version", meeting.version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_meeting(
                actor=request.user, meeting=meeting, version=version, title=data["title"],
                description=data["description"], starts_at=data["starts_at"],
                ends_at=data["ends_at"], layout=data["layout"], capacity=data["capacity"],
                hosts=[*data["hosts"], *[m.user for m in members if m.user_id == request.user.pk
                                         and m.role == MeetingMember.Role.HOST]],
                invitees=data["invitees"])
        except MeetingError as error:
            _show_errors(form, error)
            if isinstance(error, StaleMeeting):
                version = meeting.version
        else:
            messages.success(request, _("Rapat diubah; peserta mendapat undangan yang baru."))
            return redirect("meetings:detail", meeting.code)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting,
                                                  "version": version},
                  status=400 if form.errors else 200)


@require_POST
@login_required
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    meeting = _meeting_or_404(request.user, code, permissions.can_manage)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            actions.cancel_meeting(actor=request.user, meeting=meeting,
                                   reason=form.cleaned_data["reason"])
        except MeetingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Rapat dibatalkan; peserta sudah diberi tahu."))
    else:
        messages.error(request, _("Tuliskan alasan pembatalan."))
    return redirect("meetings:detail", meeting.code)


@require_safe
@login_required
def calendar_file(request: HttpRequest, code: str) -> HttpResponse:
    meeting = _meeting_or_404(request.user, code)
    method = ics.CANCEL if meeting.status == Meeting.Status.CANCELLED else ics.REQUEST
    response = HttpResponse(ics.calendar(meeting, method=method),
                            content_type=f"text/calendar; method={method}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics.filename(meeting)}"'
    return response


# --- attendance ---------------------------------------------------------------------------------


@require_safe
@login_required
def attendance(request: HttpRequest, code: str) -> HttpResponse:
    meeting = _meeting_or_404(request.user, code, permissions.can_view_attendance)
    record_audit(actor=request.user, action="meeting.attendance_viewed", target=meeting)
    return render(request, "meetings/attendance.html", {
        "meeting": meeting, "rows": queries.attendance_list(meeting),
        "room": queries.room_state(meeting)})


def _download(request: HttpRequest, code: str, extension: str) -> HttpResponse:
    meeting = _meeting_or_404(request.user, code, permissions.can_view_attendance)
    record_audit(actor=request.user, action="meeting.attendance_exported", target=meeting,
                 details={"format": extension})
    if extension == "xlsx":
        response = HttpResponse(
            exports.attendance_xlsx(meeting),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        # A BOM so that Excel opens the names' accents right.
        response = HttpResponse("\ufeff" + exports.attendance_csv(meeting),
                                content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(meeting, extension)}"')
    return response


@require_safe
@login_required
def attendance_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    return _download(request, code, "xlsx")


@require_safe
@login_required
def attendance_csv(request: HttpRequest, code: str) -> HttpResponse:
    return _download(request, code, "csv")
