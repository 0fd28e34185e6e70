"""Writes about a citizen's own data: the profile (identity as on the KTP), the export of
everything held about them and the deletion of their account (UU 27/2022)."""

from __future__ import annotations

import datetime as dt
import logging
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.core import modules, outbox
from anrong.core.audit import record_audit
from anrong.core.models import Region

from .. import queries
from ..models import CitizenProfile, DeletionRequest, User
from ..nik import NikError, NikInfo, parse_nik
from ..roles import is_staff_member

log = logging.getLogger(__name__)

PROFILE_FIELDS = ("full_name", "nik", "birth_date", "sex", "kelurahan", "address")


class ProfileError(ValueError):
    """The profile was not saved. `errors` maps each field ("__all__" for the whole form) to
    messages a citizen can act on."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        first = next(iter(errors.values()))[0]
        super().__init__(first)


class AccountDeletionError(ValueError):
    """The account was not deleted; the message says why and what to do."""


def _nik_taken_message() -> str:
    return _(
        "NIK ini sudah terdaftar pada akun lain. Jika ini NIK Anda, hubungi layanan bantuan "
        "Anrong atau Disdukcapil Kota Makassar."
    )


def _kelurahan(value: Any) -> Region | None:
    if isinstance(value, Region):
        ok = value.level == Region.Level.KELURAHAN and value.code.startswith("73.71.")
        return value if ok else None
    return queries.makassar_kelurahan(str(value or ""))


def _validated(
    *, user: User, full_name: str, nik: str, birth_date: dt.date | None, sex: str,
    kelurahan: Any, address: str,
) -> dict[str, Any]:
    """Check every field at once and return the values to store, or raise ProfileError."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(str(message))

    if not user.is_active or user.anonymised_at is not None:
        raise ProfileError({NON_FIELD_ERRORS: [_("Akun ini sudah tidak aktif.")]})

    full_name = " ".join((full_name or "").split())
    if not full_name:
        refuse("full_name", _("Masukkan nama lengkap Anda sesuai KTP."))
    elif len(full_name) > 150:
        refuse("full_name", _("Nama lengkap paling banyak 150 huruf. Tulis sesuai KTP Anda."))

    info: NikInfo | None = None
    try:
        info = parse_nik(nik)
    except NikError as exc:
        refuse("nik", str(exc))

    today = timezone.localdate()
    if birth_date is None:
        refuse("birth_date", _("Masukkan tanggal lahir Anda."))
    elif birth_date > today:
        refuse("birth_date", _("Tanggal lahir tidak boleh setelah hari ini."))
    elif info is not None and (birth_date.day, birth_date.month, birth_date.year % 100) != (
        info.birth_date.day, info.birth_date.month, info.birth_date.year % 100
    ):
        refuse("birth_date", _(
            "Tanggal lahir tidak sesuai dengan NIK. Periksa kembali tanggal lahir dan NIK pada KTP Anda."
        ))

    if sex not in CitizenProfile.Sex.values:
        refuse("sex", _("Pilih jenis kelamin Anda."))
    elif info is not None and sex != info.sex:
        refuse("sex", _(
            "Jenis kelamin tidak sesuai dengan NIK. Periksa kembali jenis kelamin dan NIK pada KTP Anda."
        ))

    region = _kelurahan(kelurahan)
    if region is None:
        refuse("kelurahan", _("Pilih kelurahan tempat Anda tinggal di Kota Makassar."))

    address = " ".join((address or "").split())
    if not address:
        refuse("address", _("Masukkan alamat tempat tinggal Anda."))
    elif len(address) > 255:
        refuse("address", _("Alamat paling banyak 255 huruf. Singkat alamat Anda."))

    if info is not None and queries.nik_taken(info.nik, by_other_than=user):
        refuse("nik", _nik_taken_message())

    if errors:
        raise ProfileError(errors)
    assert info is not None and region is not None  # noqa: S101 (guaranteed by the checks above)
    return {"full_name": full_name, "nik": info.nik, "birth_date": birth_date, "sex": sex,
            "kelurahan": region, "address": address}


def profile_problems(*, user: User, **fields: Any) -> dict[str, list[str]]:
    """What `complete_profile`/`update_profile` would refuse, by field, without writing; lets
    a form show every problem at once."""
    try:
        _validated(user=user, **{name: fields.get(name) for name in PROFILE_FIELDS})
    except ProfileError as exc:
        return exc.errors
    return {}


@transaction.atomic
def _write_profile(*, user: User, values: dict[str, Any], completing: bool) -> CitizenProfile:
    if completing:
        profile = CitizenProfile.objects.create(user=user, **values)
        changed = sorted(values)
    else:
        profile = CitizenProfile.objects.select_for_update().get(user=user)
        changed = sorted(name for name, value in values.items() if getattr(profile, name) != value)
        for name, value in values.items():
            setattr(profile, name, value)
        profile.save()
    event = "citizen.profile_completed" if completing else "citizen.profile_updated"
    # Field names only: the audit log must not become a second copy of the personal data.
    record_audit(actor=user, action=event, target=profile, details={"fields": changed})
    outbox.emit(
        event,
        {"user_id": user.pk, "kelurahan": values["kelurahan"].code, "fields": changed},
        aggregate=profile,
    )
    return profile


def _save(*, user: User, values: dict[str, Any], completing: bool) -> CitizenProfile:
    try:
        return _write_profile(user=user, values=values, completing=completing)
    except IntegrityError as exc:
        # Two accounts passed the check at the same moment: the database constraint decided.
        if CitizenProfile.objects.filter(nik=values["nik"]).exclude(user_id=user.pk).exists():
            raise ProfileError({"nik": [_nik_taken_message()]}) from exc
        raise ProfileError({NON_FIELD_ERRORS: [_(
            "Profil Anda baru saja disimpan dari perangkat lain. Muat ulang halaman ini lalu "
            "periksa data Anda."
        )]}) from exc


def complete_profile(
    *, user: User, full_name: str, nik: str, birth_date: dt.date | None, sex: str,
    kelurahan: Any, address: str,
) -> CitizenProfile:
    """Create the citizen's profile. The NIK must be valid, unused by any other account, and
    agree with the date of birth and sex entered."""
    if queries.has_profile(user):
        raise ProfileError({NON_FIELD_ERRORS: [_("Profil Anda sudah lengkap. Ubah data Anda di halaman profil.")]})
    values = _validated(user=user, full_name=full_name, nik=nik, birth_date=birth_date, sex=sex,
                        kelurahan=kelurahan, address=address)
    return _save(user=user, values=values, completing=True)


def update_profile(
    *, user: User, full_name: str, nik: str, birth_date: dt.date | None, sex: str,
    kelurahan: Any, address: str,
) -> CitizenProfile:
    """Change the citizen's profile; the same rules as `complete_profile`."""
    if not queries.has_profile(user):
        raise ProfileError({NON_FIELD_ERRORS: [_("Lengkapi profil Anda terlebih dahulu.")]})
    values = _validated(user=user, full_name=full_name, nik=nik, birth_date=birth_date, sex=sex,
                        kelurahan=kelurahan, address=address)
    return _save(user=user, values=values, completing=False)


def save_profile(*, user: User, **fields: Any) -> CitizenProfile:
    """Complete the profile if there is none yet, otherwise update it."""
    if queries.has_profile(user):
        return update_profile(user=user, **fields)
    return complete_profile(user=user, **fields)


# --- Personal-data rights ------------------------------------------------------------------------

@transaction.atomic
def export_personal_data(*, user: User) -> dict[str, Any]:
    """Everything every module holds about `user`, for the person to download. The download is
    itself recorded (and so appears in the export)."""
    record_audit(actor=user, action="account.data_exported", target=user)
    return {
        "format": "anrong.personal-data.v1",
        "generated_at": timezone.now(),
        "user_id": user.pk,
        "modules": modules.personal_data_of(user),
    }


ACCOUNTS_KEPT = (
    gettext_lazy(
        "Catatan audit (siapa melakukan apa, kapan) tetap disimpan, tetapi hanya merujuk nomor "
        "akun, tanpa nama, NIK, nomor HP, atau email Anda. Pemerintah Kota wajib dapat "
        "mempertanggungjawabkan setiap pemrosesan data pribadi (UU 27/2022 tentang Pelindungan "
        "Data Pribadi) dan menyimpan arsip kegiatannya (UU 43/2009 tentang Kearsipan)."
    ),
    gettext_lazy(
        "Catatan permintaan penghapusan ini (tanggal dan daftar data yang disimpan), sebagai "
        "bukti bahwa permintaan Anda sudah dipenuhi."
    ),
    gettext_lazy(
        "Nomor akun tanpa data pribadi, agar catatan di atas tetap saling terhubung. Akun ini "
        "tidak dapat dipakai untuk masuk lagi."
    ),
)


def _end_sessions(user: User) -> int:
    """Sign the person out everywhere: end every session that belongs to them."""
    ended = 0
    if apps.is_installed("allauth.usersessions"):
        for user_session in apps.get_model("usersessions", "UserSession").objects.filter(user_id=user.pk):
            user_session.end()
            ended += 1
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    model_class = getattr(store_class, "get_model_class", None)
    if model_class is None:
        log.warning("session engine %s cannot list sessions; sessions of user %s expire on their own",
                    settings.SESSION_ENGINE, user.pk)
        return ended
    # Sessions are not indexed by user; a scan is acceptable at today's size (see report).
    rows = model_class().objects.filter(expire_date__gt=timezone.now())
    decoder = store_class()
    for key, data in rows.values_list("session_key", "session_data").iterator():
        if str(decoder.decode(data).get("_auth_user_id")) == str(user.pk):
            store_class(session_key=key).delete()
            ended += 1
    return ended


def _delete_sign_in_records(user: User) -> None:
    """allauth's email addresses, MFA authenticators and social logins, where installed."""
    for app, model in (("allauth.account", ("account", "EmailAddress")),
                       ("allauth.mfa", ("mfa", "Authenticator")),
                       ("allauth.socialaccount", ("socialaccount", "SocialAccount"))):
        if apps.is_installed(app):
            apps.get_model(*model).objects.filter(user_id=user.pk).delete()


def anonymise_accounts_data(user: User) -> list[str]:
    """The accounts module's part of a deletion (registered as its `anonymise` hook)."""
    CitizenProfile.objects.filter(user_id=user.pk).update(
        nik=None, full_name="", birth_date=None, sex="", kelurahan=None, address="",
        updated_at=timezone.now(),
    )
    _delete_sign_in_records(user)
    user.app_tokens.all().delete()
    _end_sessions(user)
    user.phone = None
    user.phone_verified = False
    user.email = None
    user.display_name = ""
    user.language = User.Language.ID
    user.last_login = None
    user.is_active = False
    user.anonymised_at = timezone.now()
    user.set_unusable_password()
    user.save()
    return [str(text) for text in ACCOUNTS_KEPT]


@transaction.atomic
def anonymise_account(*, user: User) -> DeletionRequest:
    """Delete a citizen's personal data in every module, keeping only what the law requires
    (each module says what and why). Ends all their sessions; they cannot sign in again."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.anonymised_at is not None:
        raise AccountDeletionError(_("Akun ini sudah dihapus."))
    if is_staff_member(user):
        raise AccountDeletionError(_(
            "Akun petugas tidak dapat dihapus dari sini karena terkait tugas kedinasan. Hubungi "
            "admin OPD Anda."
        ))
    kept_by_module = modules.anonymise_everywhere(user)
    kept = [text for texts in kept_by_module.values() for text in texts]
    deletion = DeletionRequest.objects.create(
        user=user, completed_at=timezone.now(), status=DeletionRequest.Status.DONE, kept=kept,
    )
    record_audit(actor=user, action="account.anonymised", target=user,
                 details={"deletion_request": deletion.pk, "modules": sorted(kept_by_module)})
    outbox.emit("account.anonymised", {"user_id": user.pk, "deletion_request_id": deletion.pk},
                aggregate=user)
    return deletion
