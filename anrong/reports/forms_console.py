"""The forms of Lapor's staff console (/kantor/lapor/): the queue's filters, and one form per step
an officer takes on a report. They only parse what was posted; whether the step is allowed, and
what it does, is for `anrong.reports.actions`.

The step forms keep their field names plain (`version`, `note`, `reason`, ...) and take an
`auto_id` per step, so that several of them on one page still have unique ids."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anrong.agencies.models import Agency

from .models import Report

Status = Report.Status
MAX_PAGE = 10_000
NOTE_MAX = 2000

# The queue's tabs: the open reports (the default), each status, and the kecamatan's reports to
# verify. Values are what ?status= carries.
OPEN = "open"
VERIFYING = "verifikasi"


def queue_tabs(*, verifies: bool) -> list[tuple[str, Any]]:
    tabs: list[tuple[str, Any]] = [(OPEN, _("Masih berjalan"))]
    if verifies:
        tabs.append((VERIFYING, _("Perlu verifikasi")))
    tabs += [(s.value, s.label) for s in Status]
    return tabs


class QueueFilterForm(forms.Form):
    """?status= and ?page=. An unknown value falls back to the default tab rather than failing."""

    status = forms.ChoiceField(required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data: Any, *, verifies: bool) -> None:
        super().__init__(data)
        self.fields["status"].choices = queue_tabs(verifies=verifies)

    def chosen(self) -> tuple[str, int]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("status") or OPEN, data.get("page") or 1


class StepForm(forms.Form):
    """Every step carries the report's version as the page showed it: a step taken on a page
    someone else changed meanwhile is refused (StaleReport)."""

    step = ""
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.step}-%s")
        super().__init__(*args, **kwargs)
        self._describe()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        self._describe()

    def _describe(self) -> None:
        """Point each field at its hint and its error (ids made in templates/includes/field.html)."""
        errors = getattr(self, "_errors", None) or {}
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_helptext"] if field.help_text else []
            if name in errors:
                ids.append(f"{auto_id}-error")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"

    def arguments(self) -> dict[str, Any]:
        """The action's keyword arguments from the cleaned data (version included)."""
        return dict(self.cleaned_data)


def _note(label: Any, *, required: bool, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=NOTE_MAX,
                           help_text=help_text, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Tulis catatannya dulu.")})


class VerifyForm(StepForm):
    step = "verify"
    note = _note(_("Catatan (tidak wajib)"), required=False,
                 help_text=_("Misalnya hasil pengecekan di lapangan oleh lurah."))


class RespondForm(StepForm):
    step = "respond"
    PUBLIC, INTERNAL = "public", "internal"

    note = _note(_("Tanggapan"), required=True)
    visibility = forms.ChoiceField(
        label=_("Siapa yang membaca"), widget=forms.RadioSelect, initial=PUBLIC,
        choices=[(PUBLIC, _("Publik: pelapor dan pengikut laporan membacanya")),
                 (INTERNAL, _("Catatan internal: hanya petugas"))])

    def arguments(self) -> dict[str, Any]:
        return {"note": self.cleaned_data["note"], "version": self.cleaned_data["version"],
                "public": self.cleaned_data["visibility"] == self.PUBLIC}


class StartForm(StepForm):
    step = "start"
    note = _note(_("Catatan (tidak wajib)"), required=False,
                 help_text=_("Misalnya kapan tim turun ke lokasi."))


class ResolveForm(StepForm):
    step = "resolve"
    note = _note(_("Apa yang sudah dikerjakan"), required=True,
                 help_text=_("Pelapor membaca ini dan diminta mengonfirmasi perbaikannya."))
    photo = forms.FileField(label=_("Foto hasil perbaikan (tidak wajib)"), required=False,
                            help_text=_("JPEG atau PNG dari lokasi."),
                            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}))

    def arguments(self) -> dict[str, Any]:
        photo = self.cleaned_data.get("photo")
        return {"note": self.cleaned_data["note"], "version": self.cleaned_data["version"],
                "photos": [photo] if photo else []}


class RejectForm(StepForm):
    step = "reject"
    reason = forms.CharField(label=_("Alasan penolakan"), max_length=NOTE_MAX,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Pelapor membaca alasan ini. Tulis dengan jelas, "
                                         "misalnya bukan wewenang pemerintah kota."),
                             error_messages={"required": _("Tulis alasan penolakannya.")})


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:  # type: ignore[override]
        return obj.name


class ReassignForm(StepForm):
    step = "reassign"
    agency = AgencyChoiceField(label=_("OPD tujuan"), queryset=Agency.objects.none(),
                               empty_label=_("Pilih OPD"),
                               error_messages={"required": _("Pilih OPD tujuan."),
                                               "invalid_choice": _("Pilih OPD dari daftar.")})
    note = _note(_("Alasan pengalihan"), required=True,
                 help_text=_("OPD tujuan membaca ini sebagai catatan internal."))

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (narrowing for mypy)
        field.queryset = (Agency.objects.filter(is_active=True).exclude(pk=report.agency_id)
                          .exclude(kind=Agency.Kind.PUSKESMAS).order_by("name"))


class MergeForm(StepForm):
    """Merge the report of the page (the duplicate) into `into`, one of its likely twins."""

    step = "merge"
    into = forms.CharField(max_length=24, widget=forms.HiddenInput)
