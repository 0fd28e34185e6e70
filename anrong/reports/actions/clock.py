"""The clock: unanswered reports past 2×24 hours are escalated once."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.accounts.models import PlatformRole
from anrong.agencies.models import Membership
from anrong.core import notifications
from anrong.core.audit import record_audit
from anrong.core.outbox import emit

from ..models import Report, ReportUpdate
from .common import (
    console_url,
    snapshot,
)

# --- the clock ----------------------------------------------------------------------------------


def escalate_overdue(*, now: dt.datetime | None = None, batch: int = 200) -> int:
    """Escalate, once, every open report with no first response past its due time: mark it,
    note it in the timeline (internal), audit it, emit `complaint.escalated`, and tell the
    responsible agency's supervisors and admins and every operator. One transaction per report."""
    from anrong.accounts.models import User

    now = now or timezone.now()
    done = 0
    while True:
        ids = list(Report.objects.filter(
            status__in=Report.OPEN_STATUSES, due_at__lt=now, first_response_at__isnull=True,
            escalated_at__isnull=True).order_by("due_at").values_list("pk", flat=True)[:batch])
        if not ids:
            return done
        for pk in ids:
            with transaction.atomic():
                report = (Report.objects.select_for_update(of=("self",))
                          .select_related("agency").filter(
                              pk=pk, escalated_at__isnull=True, first_response_at__isnull=True,
                              status__in=Report.OPEN_STATUSES).first())
                if report is None:
                    continue
                report.escalated_at = now
                report.save(update_fields=["escalated_at", "updated_at"])
                ReportUpdate.objects.create(
                    report=report, kind=ReportUpdate.Kind.ESCALATED, agency=report.agency,
                    public=False, note=_("Belum ditanggapi dalam 2×24 jam; dieskalasi ke pimpinan "
                                         "OPD dan operator."))
                record_audit(actor=None, action="complaint.escalated", target=report,
                             details={"due_at": report.due_at.isoformat()})
                emit("complaint.escalated", snapshot(report), aggregate=report)
                heads = [m.user for m in Membership.objects.filter(
                    agency=report.agency, is_active=True, user__is_active=True,
                    role__in=(Membership.Role.SUPERVISOR, Membership.Role.ADMIN))
                    .select_related("user")]
                operators = list(User.objects.filter(
                    is_active=True, platform_roles__role=PlatformRole.Role.OPERATOR))
                seen: set[int] = set()
                for person in [*heads, *operators]:
                    if person.pk in seen:
                        continue
                    seen.add(person.pk)
                    notifications.notify_translated(
                        user=person, kind="complaint.escalated",
                        title=gettext_lazy("Laporan %(tracking_no)s belum ditanggapi"),
                        body=gettext_lazy("Laporan %(category)s untuk %(agency)s melewati batas "
                                          "tanggapan pertama 2×24 jam."),
                        params={"tracking_no": report.tracking_no,
                                "category": report.get_category_display(),
                                "agency": report.agency.short_name or report.agency.name},
                        url=console_url(report),
                        channels=(notifications.INBOX, notifications.EMAIL))
                done += 1

