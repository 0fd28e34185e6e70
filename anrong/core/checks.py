"""Start-up guards and system checks of the platform itself."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

# Commands that serve requests or do background work: they need the real SECRET_KEY.
WORKING_COMMANDS = {"db_worker", "runserver", "seed_demo"}


def refuse_to_work_without_secret_key(argv: list[str] | None = None) -> None:
    argv = sys.argv if argv is None else argv
    command = argv[1] if len(argv) > 1 and argv[0].endswith("manage.py") else ""
    if settings.SECRET_KEY_MISSING and command in WORKING_COMMANDS:
        raise ImproperlyConfigured(
            f"`{command}` needs SECRET_KEY when DEBUG is off (see docs/deploy.md)."
        )


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    if settings.SECRET_KEY_MISSING:
        return [Error("SECRET_KEY is not set: sessions, sign-in codes and tokens would not survive "
                      "a restart or work across processes.", id="anrong.E001")]
    return []
