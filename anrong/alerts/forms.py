"""The operator's alert form and the citizen's area choice. Forms only parse; the actions check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Alert

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def kecamatan_field(choices: list[tuple[str, str]], label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)


class AlertForm(forms.Form):
    event = forms.ChoiceField(label=_("Jenis kejadian"), choices=Alert.Event.choices)
    severity = forms.ChoiceField(label=_("Tingkat bahaya"), choices=Alert.Severity.choices,
                                 initial=Alert.Severity.SEVERE)
    urgency = forms.ChoiceField(label=_("Kapan warga harus bertindak"),
                                choices=Alert.Urgency.choices, initial=Alert.Urgency.IMMEDIATE)
    certainty = forms.ChoiceField(label=_("Kepastian"), choices=Alert.Certainty.choices,
                                  initial=Alert.Certainty.OBSERVED)
    headline = forms.CharField(label=_("Judul"), max_length=160)
    description = forms.CharField(label=_("Apa yang terjadi"), widget=forms.Textarea(attrs={"rows": 4}))
    instruction = forms.CharField(label=_("Yang harus dilakukan warga"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    city_wide = forms.BooleanField(label=_("Seluruh Kota Makassar"), required=False)
    kecamatan = forms.MultipleChoiceField(label=_("Kecamatan terdampak"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    polygon = forms.CharField(
        label=_("Poligon area (opsional)"), required=False,
        help_text=_("Titik sudut \"lintang,bujur\" dipisah spasi, misalnya "
                    "\"-5.14,119.405 -5.14,119.415 -5.15,119.415\". Kecamatan yang tersentuh "
                    "ikut terdampak."),
        widget=forms.Textarea(attrs={"rows": 2}))
    area_desc = forms.CharField(label=_("Nama area (opsional)"), required=False, max_length=300,
                                help_text=_("Kosongkan untuk memakai nama kecamatan."))
    expires = forms.DateTimeField(label=_("Berlaku sampai (WITA)"), input_formats=[DATETIME_LOCAL],
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                             format=DATETIME_LOCAL))
    headline_en = forms.CharField(label=_("Judul dalam bahasa Inggris (opsional)"),
                                  required=False, max_length=160)
    description_en = forms.CharField(label=_("Uraian dalam bahasa Inggris"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    instruction_en = forms.CharField(label=_("Petunjuk dalam bahasa Inggris"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kecamatan_choices=(), agencies=(), with_status=True, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].choices = list(kecamatan_choices)
        if with_status:
            self.fields["status"] = forms.ChoiceField(
                label=_("Jenis pesan"), choices=Alert.Status.choices, initial=Alert.Status.ACTUAL,
                help_text=_("Latihan dan uji sistem tidak dianggap kejadian sungguhan; uji sistem "
                            "tidak tampil ke warga."))
            if len(agencies) > 1:
                self.fields["agency"] = forms.ChoiceField(
                    label=_("Atas nama"), choices=[(a.code, a.name) for a in agencies])

    def action_kwargs(self) -> dict:  # type: ignore[type-arg]
        data = dict(self.cleaned_data)
        data["kecamatan_codes"] = data.pop("kecamatan", [])
        if "agency" in data:
            data["agency_code"] = data.pop("agency")
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=300,
                             help_text=_("Dikirim ke warga, misalnya \"Air sudah surut\"."))


class AreaForm(forms.Form):
    """The citizen's area: which kecamatan the banner and notifications are for."""

    whole_city = forms.BooleanField(label=_("Seluruh kota"), required=False)
    kecamatan = forms.MultipleChoiceField(label=_("Kecamatan saya"), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, kecamatan_choices=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].choices = list(kecamatan_choices)
