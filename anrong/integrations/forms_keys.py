"""Forms of the API-key console pages: parse only; the rules live in actions/keys.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import scopes
from .actions.keys import NAME_MAX, ROTATION_OVERLAPS


class IssueKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Nama kunci"), max_length=NAME_MAX,
        help_text=_("Nama sistem yang memakai kunci ini, mis. “SIAK kantor pusat”."),
        error_messages={"required": _("Beri nama kunci, mis. nama sistem yang memakainya.")})
    scopes = forms.MultipleChoiceField(
        label=_("Izin"), choices=scopes.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Beri hanya izin yang dibutuhkan sistem itu."),
        error_messages={"required": _("Pilih sedikitnya satu izin untuk kunci ini.")})


class RotateKeyForm(forms.Form):
    overlap = forms.ChoiceField(
        label=_("Kunci lama masih berlaku selama"),
        choices=[(code, label) for code, (_delta, label) in ROTATION_OVERLAPS.items()],
        initial="24h", widget=forms.RadioSelect,
        help_text=_("Waktu untuk memasang kunci baru di sistem Anda. Setelah itu kunci lama "
                    "ditolak."),
        error_messages={"required": _("Pilih berapa lama kunci lama masih berlaku.")})
