"""Forms of the staff console: they parse input; the actions decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership, Unit


class _UnitChoiceMixin:
    def _set_units(self, units) -> None:  # type: ignore[no-untyped-def]
        self.fields["unit"].choices = [("", _("— Tanpa unit —"))] + [
            (str(u.pk), u.name) for u in units
        ]


class AddMemberForm(_UnitChoiceMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email pengguna"),
        help_text=_("Akun harus sudah terdaftar di Anrong."),
        error_messages={"required": _("Masukkan email pengguna."),
                        "invalid": _("Email tidak valid. Periksa kembali penulisannya.")},
    )
    role = forms.ChoiceField(label=_("Peran"), choices=Membership.Role.choices,
                             initial=Membership.Role.OFFICER)
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, units=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._set_units(units)


class ChangeRoleForm(_UnitChoiceMixin, forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=Membership.Role.choices)
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, units=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._set_units(units)


class AddOfficeForm(forms.Form):
    name = forms.CharField(label=_("Nama kantor"), max_length=200,
                           error_messages={"required": _("Masukkan nama kantor.")})
    address = forms.CharField(label=_("Alamat"), max_length=255, required=False)
    lat = forms.DecimalField(
        label=_("Garis lintang"), max_digits=9, decimal_places=6,
        min_value=Decimal("-90"), max_value=Decimal("90"),
        help_text=_("Contoh: -5.133800"),
        error_messages={"required": _("Masukkan garis lintang."),
                        "invalid": _("Garis lintang harus berupa angka, misalnya -5.133800.")},
    )
    lng = forms.DecimalField(
        label=_("Garis bujur"), max_digits=9, decimal_places=6,
        min_value=Decimal("-180"), max_value=Decimal("180"),
        help_text=_("Contoh: 119.411700"),
        error_messages={"required": _("Masukkan garis bujur."),
                        "invalid": _("Garis bujur harus berupa angka, misalnya 119.411700.")},
    )
    radius_m = forms.IntegerField(label=_("Radius presensi (meter)"), min_value=20,
                                  max_value=2000, initial=100)
    is_main = forms.BooleanField(label=_("Kantor utama"), required=False)


def unit_from(units: list[Unit], value: str) -> Unit | None:
    return next((u for u in units if str(u.pk) == value), None)
