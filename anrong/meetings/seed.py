"""A demo meeting for `make run` (DEBUG only, like the demo accounts): Diskominfo's operator
invites the other demo staff and the demo citizen to a meeting tomorrow, scheduled through the
real action. Nothing is made when there are no demo staff."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anrong.core.workdays import WITA

TITLE = "Rapat koordinasi Anrong (demo)"


def seed_meetings(**_: object) -> str:
    from anrong.accounts.demo import CITIZEN_PHONE, DEMO_DOMAIN, demo_accounts_allowed
    from anrong.accounts.models import User
    from anrong.agencies.models import Agency

    from . import actions
    from .models import Meeting

    if not demo_accounts_allowed():
        return "demo meeting skipped (DEBUG is off)"
    agency = Agency.objects.filter(code="DISKOMINFO").first()
    if agency is None:
        return "demo meeting skipped (no Diskominfo)"
    if Meeting.objects.filter(agency=agency, title=TITLE).exists():
        return "demo meeting already there"
    staff = list(User.objects.filter(is_active=True, email__endswith=f"@{DEMO_DOMAIN}",
                                     memberships__agency=agency, memberships__is_active=True)
                 .order_by("id"))
    if not staff:
        return "demo meeting skipped (no Diskominfo staff)"
    host = staff[0]
    others = list(User.objects.filter(is_active=True, email__endswith=f"@{DEMO_DOMAIN}",
                                      memberships__is_active=True)
                  .exclude(pk=host.pk).distinct().order_by("id"))
    others += list(User.objects.filter(phone=CITIZEN_PHONE, is_active=True))
    tomorrow = timezone.localtime(timezone.now(), WITA).date() + dt.timedelta(days=1)
    starts_at = dt.datetime.combine(tomorrow, dt.time(10, 0), tzinfo=WITA)
    actions.schedule_meeting(
        actor=host, agency=agency, title=TITLE, starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=90), layout="hall",
        invitees=others,
        description="1. Perkenalan Rapat Virtual\n2. Coba berjalan ke meja dan berbicara\n"
                    "3. Tanya jawab di panggung")
    return f"demo meeting scheduled ({len(others) + 1} people)"
