"""Print the current TOTP code of the demo staff accounts (local use only)."""

from __future__ import annotations

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError

from anrong.accounts.demo import DEMO_TOTP_SECRET, demo_accounts_allowed


def current_code(secret: str = DEMO_TOTP_SECRET, at: float | None = None) -> str:
    return format_hotp_value(hotp_value(secret, int((at or time.time()) // 30)))


class Command(BaseCommand):
    help = "Kode TOTP akun staf demo saat ini. / Current TOTP code of the demo staff accounts."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not demo_accounts_allowed():
            raise CommandError("Demo accounts exist only when DEBUG is on.")
        remaining = 30 - int(time.time()) % 30
        self.stdout.write(f"{current_code()}  (berlaku {remaining} detik lagi / valid {remaining} s more)")
