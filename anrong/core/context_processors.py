from __future__ import annotations

from django.conf import settings

from . import modules


def platform(request):  # type: ignore[no-untyped-def]
    def is_staff_member() -> bool:
        # Called by the template only when it asks, so anonymous pages cost no query.
        from anrong.accounts.roles import is_staff_member as check

        return check(getattr(request, "user", None))

    return {
        "platform_modules": modules.all_modules(),
        "DEBUG": settings.DEBUG,
        "is_staff_member": is_staff_member,
    }
