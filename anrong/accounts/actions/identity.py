"""Writes about who someone is and how they sign in: accounts, phones, TOTP, sessions, language."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from anrong.core.audit import record_audit
from anrong.core.outbox import emit


class IdentityError(ValueError):
    """A sign-in or account change that cannot be done. The message is for the person."""


@transaction.atomic
def register_citizen_by_phone(*, phone: str, language: str = "id") -> Any:
    """Create a citizen account for a normalised (E.164) phone number not yet verified.
    The number becomes verified when the person types the code sent to it."""
    User = get_user_model()
    if language not in dict(User.Language.choices):
        language = User.Language.ID
    try:
        with transaction.atomic():
            user = User.objects.create_user(phone=phone, language=language)
    except IntegrityError:
        raise IdentityError(_("Nomor HP ini sudah dipakai akun lain.")) from None
    record_audit(actor=None, action="account.registered", target=user,
                 details={"method": "phone"})
    emit("account.registered", {"user_id": user.pk, "method": "phone"}, aggregate=user)
    return user


@transaction.atomic
def set_phone(*, user: Any, phone: str, verified: bool) -> None:
    """Attach a (normalised) phone number to the account; verified when proven by a code."""
    changed = user.phone != phone
    if not changed and user.phone_verified == verified:
        return
    user.phone = phone
    user.phone_verified = verified
    user.save(update_fields=["phone", "phone_verified"])
    record_audit(actor=user, action="account.phone_verified" if verified and not changed
                 else "account.phone_set", target=user, details={"verified": verified})


@transaction.atomic
def set_language(*, user: Any, language: str) -> None:
    """Remember the language the person chose; SMS and notifications follow it."""
    User = get_user_model()
    if language not in dict(User.Language.choices):
        raise IdentityError(_("Bahasa ini tidak tersedia. Pilih Bahasa Indonesia atau English."))
    if user.language == language:
        return
    user.language = language
    user.save(update_fields=["language"])
    record_audit(actor=user, action="account.language_set", target=user,
                 details={"language": language})


@transaction.atomic
def create_staff_user(*, email: str, password: str, display_name: str) -> Any:
    """An account for a staff member: email (verified: the city issued it) and a password.
    Roles come from agencies memberships or platform roles; TOTP is set up at first sign-in."""
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    if User.objects.filter(email__iexact=email).exists():
        raise IdentityError(_("Email ini sudah dipakai akun lain."))
    candidate = User(email=email, display_name=display_name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise IdentityError(" ".join(exc.messages)) from None
    user = User.objects.create_user(email=email, password=password, display_name=display_name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    record_audit(actor=None, action="account.staff_created", target=user)
    emit("account.registered", {"user_id": user.pk, "method": "staff"}, aggregate=user)
    return user


@transaction.atomic
def enable_totp(*, user: Any, secret: str) -> Authenticator:
    """Activate TOTP with a known base32 secret through allauth.mfa (used to seed demo staff)."""
    import base64
    import binascii

    secret = secret.replace(" ", "").upper()
    try:
        base64.b32decode(secret, casefold=False)
    except (binascii.Error, ValueError):
        raise IdentityError(_("Kunci TOTP harus berupa teks base32.")) from None
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        raise IdentityError(_("Akun ini sudah memakai aplikasi autentikator."))
    authenticator = TOTP.activate(user, secret).instance
    record_audit(actor=None, action="account.totp_enabled", target=user)
    return authenticator


@transaction.atomic
def deactivate_user(*, actor: Any, user: Any, reason: str) -> None:
    """Switch an account off and sign it out everywhere (web sessions and app tokens).
    `actor` is a system administrator, or None for the system itself."""
    from anrong.agencies.permissions import can_deactivate_accounts

    if actor is not None and not can_deactivate_accounts(actor):
        raise IdentityError(_("Anda tidak berwenang menonaktifkan akun."))
    if not reason or not reason.strip():
        raise IdentityError(_("Tuliskan alasan penonaktifan akun."))
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise IdentityError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    # End the sessions while the account is still active: allauth's purge drops the records of
    # sessions whose user it cannot load, which would leave the sessions themselves behind.
    ended = 0
    for user_session in UserSession.objects.purge_and_list(user):
        user_session.end()
        ended += 1
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    record_audit(actor=actor, action="account.deactivated", target=user,
                 details={"reason": reason.strip()[:500], "sessions_ended": ended})
    emit("account.deactivated", {"user_id": user.pk}, aggregate=user)


@transaction.atomic
def bootstrap_sysadmin(*, email: str, password: str, display_name: str) -> Any:
    """The first system administrator, who can then grant every other role (like
    `createsuperuser`, but through the same staff-account path, audited)."""
    from anrong.accounts.models import PlatformRole

    user = create_staff_user(email=email, password=password, display_name=display_name)
    user.is_staff = True
    user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    PlatformRole.objects.create(user=user, role=PlatformRole.Role.SYSADMIN)
    record_audit(actor=None, action="account.sysadmin_bootstrapped", target=user)
    emit("account.role_granted", {"user_id": user.pk, "role": "sysadmin"}, aggregate=user)
    return user
