"""How allauth talks to Anrong: Indonesian mobile numbers, SMS through our gateway, our messages.

Citizens sign in with a phone number and a one-time code; staff with email, password and TOTP.
The phone lives on `User.phone` (E.164) with `User.phone_verified`.
"""

from __future__ import annotations

import logging
from typing import Any

import phonenumbers
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.fields import PhoneField
from allauth.account.stages import PhoneVerificationStage
from allauth.core import context
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anrong.core.gateways import GatewayError, send_message

log = logging.getLogger(__name__)

INVALID_PHONE = _(
    "Masukkan nomor HP Indonesia yang aktif, misalnya 0812 3456 7890 atau +62 812 3456 7890."
)
NOT_MOBILE = _(
    "Nomor ini bukan nomor HP. Masukkan nomor HP Indonesia (diawali 08 atau +628)."
)
SMS_FAILED = _(
    "SMS belum terkirim karena gangguan layanan SMS. Tunggu sebentar, lalu pilih Kirim ulang kode."
)
NOT_INDONESIAN = _(
    "Anrong hanya menerima nomor HP Indonesia (+62). Masukkan nomor HP Indonesia Anda."
)


def normalize_indonesian_mobile(raw: str) -> str:
    """'0812 3456 7890', '+62812-3456-7890', '62812…' -> '+6281234567890'.
    Raises forms.ValidationError (Indonesian message) for anything else."""
    value = (raw or "").strip()
    if not value:
        raise forms.ValidationError(INVALID_PHONE, code="invalid_phone")
    digits = "".join(ch for ch in value if ch.isdigit())
    if value.startswith("+"):
        candidate = "+" + digits
    elif digits.startswith("62"):
        candidate = "+" + digits
    else:
        candidate = digits
    try:
        number = phonenumbers.parse(candidate, "ID")
    except phonenumbers.NumberParseException:
        raise forms.ValidationError(INVALID_PHONE, code="invalid_phone") from None
    if number.country_code != 62:
        raise forms.ValidationError(NOT_INDONESIAN, code="not_indonesian")
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(INVALID_PHONE, code="invalid_phone")
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise forms.ValidationError(NOT_MOBILE, code="not_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class IndonesianPhoneField(PhoneField):
    """allauth's phone field, accepting the forms Indonesians write their number in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [])
        kwargs.setdefault("label", _("Nomor HP"))
        kwargs.setdefault("help_text", _("Contoh: 0812 3456 7890"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        kwargs.setdefault("error_messages", {"required": _("Masukkan nomor HP Anda.")})
        super().__init__(*args, **kwargs)


class StaffAwarePhoneVerificationStage(PhoneVerificationStage):
    """allauth requires a verified phone of every account when sign-up asks for one. Citizens
    always have one (they sign in with it); staff accounts sign in by email and may have none."""

    def handle(self):  # type: ignore[no-untyped-def]
        user = self.login.user
        if user is not None and not user.phone:
            return None, True
        return super().handle()


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Akun ini tidak aktif. Hubungi layanan pengaduan Kota Makassar."),
        "email_password_mismatch": _(
            "Email atau kata sandi salah. Periksa kembali lalu coba lagi."
        ),
        "incorrect_code": _("Kode salah. Periksa SMS terakhir dari Anrong lalu coba lagi."),
        "invalid_login": _("Data masuk tidak cocok. Periksa kembali lalu coba lagi."),
        "phone_taken": _("Nomor HP ini sudah dipakai akun lain."),
        "too_many_login_attempts": _(
            "Terlalu banyak percobaan. Tunggu beberapa menit, lalu minta kode baru."
        ),
        "unknown_phone": _("Nomor HP ini belum terdaftar."),
        "rate_limited": _("Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi."),
    }

    # --- sign-up: only through "Masuk atau daftar dengan nomor HP" (see forms_identity) ------
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        stock = "allauth.account.stages.PhoneVerificationStage"
        ours = f"{__name__}.StaffAwarePhoneVerificationStage"
        return [ours if path == stock else path for path in super().get_login_stages()]

    # --- phone hooks ------------------------------------------------------------------------
    def phone_form_field(self, **kwargs: Any) -> Any:
        return IndonesianPhoneField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return normalize_indonesian_mobile(phone)

    def set_phone(self, user: Any, phone: str, verified: bool) -> None:
        from anrong.accounts.actions.identity import set_phone

        set_phone(user=user, phone=phone, verified=verified)

    def get_phone(self, user: Any) -> tuple[str, bool] | None:
        if not user.phone:
            return None
        return user.phone, user.phone_verified

    def set_phone_verified(self, user: Any, phone: str) -> None:
        from anrong.accounts.actions.identity import set_phone

        set_phone(user=user, phone=phone, verified=True)

    def get_user_by_phone(self, phone: str) -> Any:
        return get_user_model().objects.filter(phone=phone).first()

    def send_verification_code_sms(self, user: Any, phone: str, code: str, **kwargs: Any) -> None:
        language = getattr(user, "language", None) or translation.get_language() or "id"
        with translation.override(language):
            text = gettext(
                "Kode Anrong Anda: %(code)s. Jangan berikan kode ini kepada siapa pun."
            ) % {"code": code}
        try:
            send_message(phone, text, channel="sms")
        except GatewayError:
            log.exception("code SMS could not be sent")
            request = context.request
            if request is not None and hasattr(request, "_messages"):
                messages.error(request, SMS_FAILED)

    def send_unknown_account_sms(self, phone: str, **kwargs: Any) -> None:
        text = gettext(
            "Nomor ini belum terdaftar di Anrong. Buka aplikasi Anrong untuk mendaftar."
        )
        send_message(phone, text, channel="sms")

    def send_account_already_exists_sms(self, phone: str) -> None:
        text = gettext("Nomor ini sudah terdaftar di Anrong. Masuk dengan nomor HP Anda.")
        send_message(phone, text, channel="sms")
