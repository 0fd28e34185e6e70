"""The forms of the meeting pages. They only parse what was posted (times in WITA, people by
email or phone number of existing accounts); what is allowed, and what it does, is for
`anrong.meetings.actions`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import phonenumbers
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.accounts.models import User
from anrong.core.workdays import WITA, to_wita

from .models import DEFAULT_CAPACITY, Meeting

PEOPLE_MAX = 200
_SPLIT = re.compile(r"[\s,;]+")


def _phone(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_people(text: str) -> tuple[list[User], list[str]]:
    """The active accounts named in `text` (emails or phone numbers, one per line or separated
    by commas), and what was typed that matches no account."""
    found: dict[int, User] = {}
    unknown: list[str] = []
    for item in [t for t in _SPLIT.split(text or "") if t]:
        user = None
        if "@" in item:
            user = User.objects.filter(email__iexact=item, is_active=True).first()
        else:
            phone = _phone(item)
            if phone:
                user = User.objects.filter(phone=phone, is_active=True).first()
        if user is None:
            unknown.append(item)
        else:
            found[user.pk] = user
    return list(found.values()), unknown


def people_text(users: Any) -> str:
    return "\n".join(u.email or u.phone or "" for u in users)


class PeopleField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3, "autocomplete": "off"})

    def clean(self, value: Any) -> list[User]:  # type: ignore[override]
        text = super().clean(value)
        if len(_SPLIT.split(text or "")) > PEOPLE_MAX:
            raise forms.ValidationError(_("Paling banyak %(max)s orang.") % {"max": PEOPLE_MAX})
        people, unknown = find_people(text)
        if unknown:
            raise forms.ValidationError(
                _("Tidak ada akun dengan email atau nomor HP ini: %(list)s. Minta mereka "
                  "mendaftar dulu, atau periksa ketikannya.") % {"list": ", ".join(unknown)})
        return people


class MeetingForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Penyelenggara"), queryset=None,
                                    empty_label=None)
    title = forms.CharField(label=gettext_lazy("Judul rapat"), max_length=200)
    description = forms.CharField(label=gettext_lazy("Agenda"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    date = forms.DateField(label=gettext_lazy("Tanggal"),
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.TimeField(label=gettext_lazy("Mulai (WITA)"),
                            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=gettext_lazy("Selesai (WITA)"),
                          widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    layout = forms.ChoiceField(label=gettext_lazy("Tata ruang"), choices=Meeting.Layout.choices,
                               initial=Meeting.Layout.HALL, widget=forms.RadioSelect)
    capacity = forms.IntegerField(label=gettext_lazy("Kapasitas ruang"), min_value=2,
                                  max_value=100, initial=DEFAULT_CAPACITY,
                                  help_text=gettext_lazy("Yang datang sesudah ruang penuh "
                                                         "menunggu di lobi."))
    hosts = PeopleField(label=gettext_lazy("Tuan rumah lain"), required=False,
                        help_text=gettext_lazy("Email atau nomor HP akun yang sudah terdaftar, "
                                               "satu per baris. Anda sendiri otomatis tuan "
                                               "rumah."))
    invitees = PeopleField(label=gettext_lazy("Peserta"), required=False,
                           help_text=gettext_lazy("Email atau nomor HP akun yang sudah "
                                                  "terdaftar, satu per baris."))

    def __init__(self, *args: Any, agencies: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = type(agencies[0]).objects.filter(pk__in=[a.pk for a in agencies])  # type: ignore[attr-defined]
        if len(agencies) == 1:
            field.widget = forms.HiddenInput()
            field.initial = agencies[0].pk

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        if day and start and end:
            data["starts_at"] = dt.datetime.combine(day, start, tzinfo=WITA)
            ends_at = dt.datetime.combine(day, end, tzinfo=WITA)
            if ends_at <= data["starts_at"]:  # past midnight
                ends_at += dt.timedelta(days=1)
            data["ends_at"] = ends_at
        return data

    @staticmethod
    def initial_for(meeting: Meeting, members: list[Any]) -> dict[str, Any]:
        start, end = to_wita(meeting.starts_at), to_wita(meeting.ends_at)
        return {"agency": meeting.agency_id, "title": meeting.title,
                "description": meeting.description, "date": start.date(),
                "start": start.time(), "end": end.time(), "layout": meeting.layout,
                "capacity": meeting.capacity,
                "hosts": people_text(m.user for m in members if m.role == "host"),
                "invitees": people_text(m.user for m in members if m.role == "invitee")}


class CancelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    reason = forms.CharField(label=gettext_lazy("Alasan pembatalan"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=gettext_lazy("Dikirim ke semua peserta."))
