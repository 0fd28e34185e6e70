from __future__ import annotations

from django.conf import settings

from . import modules


def platform(request):  # type: ignore[no-untyped-def]
    return {"platform_modules": modules.all_modules(), "DEBUG": settings.DEBUG}
