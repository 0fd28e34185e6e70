""""Masuk atau daftar dengan nomor HP": allauth's login-by-code, open to numbers not yet known.

One flow for new and returning citizens: the person types a number, gets a code, types the code.
A number without an account gets one (phone not yet verified) right before the code is sent;
the code proves the number and signs the person in. Used by the web pages (ACCOUNT_FORMS) and by
the app endpoints (anrong.accounts.identity_urls), so both behave the same.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.forms import (
    ConfirmLoginCodeForm,
    LoginForm,
    PasswordField,
    RequestLoginCodeForm,
)
from allauth.core import context, ratelimit
from allauth.headless.account.inputs import ConfirmLoginCodeInput, RequestLoginCodeInput
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .actions.identity import IdentityError, register_citizen_by_phone


class PhoneFirstMixin:
    """Phone only (staff use email and password on the login page), and unknown numbers are
    registered once the request passed validation and the rate limits."""

    cleaned_data: dict[str, Any]
    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.fields.pop("email", None)
        self.fields["phone"].required = True

    def clean_phone(self) -> str:
        phone = super().clean_phone()  # type: ignore[misc]  # looks up the user, rate-limits
        if phone and self._user is None:  # type: ignore[has-type]
            try:
                self._user = register_citizen_by_phone(
                    phone=phone, language=translation.get_language() or "id"
                )
            except IdentityError as exc:
                raise forms.ValidationError(str(exc)) from None
        return phone


class ConfirmLimitMixin:
    """Wrong codes are limited per code (ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS) and, here, per IP
    across all codes (ACCOUNT_RATE_LIMITS["confirm_login_code"])."""

    cleaned_data: dict[str, Any]

    def clean_code(self) -> str:
        if not ratelimit.consume(context.request, action="confirm_login_code"):
            raise get_adapter().validation_error("too_many_login_attempts")
        return super().clean_code()  # type: ignore[misc]


class PhoneCodeRequestForm(PhoneFirstMixin, RequestLoginCodeForm):
    pass


class PhoneCodeConfirmForm(ConfirmLimitMixin, ConfirmLoginCodeForm):
    code = forms.CharField(
        label=_("Kode dari SMS"),
        help_text=_("6 angka yang kami kirim ke nomor HP Anda."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        error_messages={"required": _("Masukkan kode dari SMS.")},
    )


class PhoneCodeRequestInput(PhoneFirstMixin, RequestLoginCodeInput):
    pass


class PhoneCodeConfirmInput(ConfirmLimitMixin, ConfirmLoginCodeInput):
    pass


class StaffLoginForm(LoginForm):
    """The password login is for staff, by email."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"] = forms.EmailField(
            label=_("Email dinas"),
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            error_messages={"required": _("Masukkan email dinas Anda."),
                            "invalid": _("Masukkan email yang benar, misalnya nama@makassarkota.go.id.")},
        )
        # allauth drops the password field when sign-up asks for none (citizens never have one);
        # staff always sign in with one.
        self.fields["password"] = PasswordField(
            label=_("Kata sandi"), autocomplete="current-password",
            error_messages={"required": _("Masukkan kata sandi Anda.")},
        )
        self.order_fields(["login", "password", "remember"])
        if "remember" in self.fields:
            self.fields["remember"].label = _("Ingat saya")

