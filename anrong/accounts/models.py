"""Citizens and staff: one user model from the first migration."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, *, phone: str | None = None, email: str | None = None,
                    password: str | None = None, **extra):  # type: ignore[no-untyped-def]
        if not phone and not email:
            raise ValueError("A user needs a phone number or an email address.")
        email = self.normalize_email(email) if email else None
        user = self.model(phone=phone or None, email=email, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, *, email: str, password: str, **extra):  # type: ignore[no-untyped-def]
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email=email, password=password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Citizens sign in with a phone number (E.164) and a one-time code; staff with an
    email address, a password and TOTP. Personal details of citizens live in CitizenProfile."""

    class Language(models.TextChoices):
        ID = "id", "Bahasa Indonesia"
        EN = "en", "English"

    phone = models.CharField(_("nomor HP"), max_length=16, unique=True, null=True, blank=True)
    phone_verified = models.BooleanField(default=False)
    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    display_name = models.CharField(_("nama tampilan"), max_length=150, blank=True)
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ID)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text=_("Boleh masuk ke /admin/ (administrator sistem).")
    )
    date_joined = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.display_name or self.email or self.phone or f"user {self.pk}"

    def get_username(self) -> str:
        return self.email or self.phone or f"user-{self.pk}"

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class PlatformRole(models.Model):
    """Roles that are not tied to one agency. Agency roles live in agencies.Membership."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Redaktur")
        OPERATOR = "operator", _("Operator Diskominfo")
        SYSADMIN = "sysadmin", _("Administrator sistem")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="platform_roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="uniq_platform_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class CitizenProfile(models.Model):
    """A citizen's identity as on the KTP. The NIK is unique across accounts; it is blanked when
    the citizen's account is anonymised (UU 27/2022)."""

    class Sex(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="citizen_profile")
    nik = models.CharField(_("NIK"), max_length=16, unique=True, null=True, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    kelurahan = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("kelurahan domisili"),
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.full_name


class ApiToken(models.Model):
    """A bearer token for a mobile app session. Only the SHA-256 of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="app_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class DeletionRequest(models.Model):
    """A citizen's request to delete their data, and what was done about it."""

    class Status(models.TextChoices):
        DONE = "done", _("Selesai")

    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    kept = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"deletion {self.pk} ({self.status})"
