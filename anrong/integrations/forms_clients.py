"""The console's form for an agency app (register and edit)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import oidc as actions

URI_HELP = _("Satu alamat per baris, persis seperti yang dikirim aplikasi (tanpa tanda * dan "
             "tanpa bagian #).")


class ClientForm(forms.Form):
    name = forms.CharField(label=_("Nama aplikasi"), max_length=100,
                           help_text=_("Ditampilkan kepada warga di layar persetujuan."))
    description = forms.CharField(label=_("Keterangan"), max_length=300, required=False,
                                  help_text=_("Untuk apa aplikasi ini memakai akun kota."))
    client_type = forms.ChoiceField(
        label=_("Jenis aplikasi"), widget=forms.RadioSelect,
        choices=[("confidential", _("Rahasia: aplikasi di server yang dapat menyimpan rahasia "
                                    "klien")),
                 ("public", _("Publik: aplikasi seluler atau di peramban (wajib PKCE, tanpa "
                              "rahasia klien)"))],
    )
    redirect_uris = forms.CharField(label=_("Alamat kembali (redirect URI)"),
                                    widget=forms.Textarea(attrs={"rows": 3}), help_text=URI_HELP)
    post_logout_redirect_uris = forms.CharField(
        label=_("Alamat setelah keluar (post-logout redirect URI)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=URI_HELP)

    def __init__(self, *args, editing: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["client_type"]

    def _clean_uris(self, field: str, required: bool) -> str:
        try:
            return "\n".join(actions.clean_redirect_uris(self.cleaned_data[field], field=field,
                                                         required=required))
        except actions.IntegrationError as exc:
            raise forms.ValidationError(exc.message) from exc

    def clean_redirect_uris(self) -> str:
        return self._clean_uris("redirect_uris", True)

    def clean_post_logout_redirect_uris(self) -> str:
        return self._clean_uris("post_logout_redirect_uris", False)
