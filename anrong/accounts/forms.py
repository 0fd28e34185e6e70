"""Forms parse what a citizen typed into Python values; the rules live in the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from . import queries
from .actions.profile import profile_problems
from .models import CitizenProfile
from .nik import NikError, normalise_nik, parse_nik


class AccessibleForm(forms.Form):
    """Inputs carry their error: `aria-invalid` and `aria-describedby="<field>-error"` (the id of
    the error paragraph the template prints next to the field). Input ids are the field names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.mark_errors()

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        self.mark_errors()

    def mark_errors(self) -> None:
        for name, field in self.fields.items():
            described = [f"{name}-hint"] if field.help_text else []
            if self._errors and name in self._errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"{name}-error")
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class ProfileForm(AccessibleForm):
    full_name = forms.CharField(
        label=_("Nama lengkap"), help_text=_("Tulis sesuai KTP."), max_length=150,
        error_messages={"required": _("Masukkan nama lengkap Anda sesuai KTP.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = forms.CharField(
        label=_("NIK"), help_text=_("16 angka, tertulis di KTP dan Kartu Keluarga Anda."),
        max_length=24,
        error_messages={"required": _("Masukkan NIK Anda. NIK ada di KTP dan Kartu Keluarga.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir"), help_text=_("Sesuai KTP. Contoh: 31/12/1990."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={"required": _("Masukkan tanggal lahir Anda."),
                        "invalid": _("Tulis tanggal lahir seperti 31/12/1990.")},
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=CitizenProfile.Sex.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Pilih jenis kelamin Anda."),
                        "invalid_choice": _("Pilih jenis kelamin Anda.")},
    )
    kelurahan = forms.ChoiceField(
        label=_("Kelurahan domisili"), help_text=_("Kelurahan tempat Anda tinggal sekarang."),
        error_messages={"required": _("Pilih kelurahan tempat Anda tinggal di Kota Makassar."),
                        "invalid_choice": _("Pilih kelurahan tempat Anda tinggal di Kota Makassar.")},
    )
    address = forms.CharField(
        label=_("Alamat"), help_text=_("Nama jalan, nomor rumah, RT/RW."), max_length=255,
        error_messages={"required": _("Masukkan alamat tempat tinggal Anda.")},
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].choices = [("", _("Pilih kelurahan"))] + queries.kelurahan_choices()

    @classmethod
    def initial_from(cls, profile: CitizenProfile | None) -> dict[str, Any]:
        if profile is None:
            return {}
        return {"full_name": profile.full_name, "nik": profile.nik, "birth_date": profile.birth_date,
                "sex": profile.sex, "kelurahan": profile.kelurahan_id, "address": profile.address}

    def clean_nik(self) -> str:
        # Shown next to the field together with the other fields' errors; the action checks again.
        nik = normalise_nik(self.cleaned_data["nik"])
        try:
            parse_nik(nik)
        except NikError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return nik

    def clean(self) -> dict[str, Any]:
        # The action's own rules (agreement with the NIK, uniqueness), shown with the format
        # errors in one go; fields that already have an error keep just that one.
        cleaned = super().clean()
        for field, messages in profile_problems(user=self.user, **cleaned).items():
            if field == NON_FIELD_ERRORS or field not in self.errors:
                for message in messages:
                    self.add_error(None if field == NON_FIELD_ERRORS else field, message)
        return cleaned

    def action_arguments(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in
                ("full_name", "nik", "birth_date", "sex", "kelurahan", "address")}


class DeleteAccountForm(AccessibleForm):
    confirm = forms.CharField(
        label=_("Ketik HAPUS untuk menghapus akun Anda"), max_length=20,
        error_messages={"required": _("Ketik HAPUS (huruf besar) untuk menghapus akun Anda.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value != "HAPUS":
            raise forms.ValidationError(_("Ketik HAPUS (huruf besar) untuk menghapus akun Anda."))
        return value
