"""The clock of applications: work the agency holds past its due time is escalated, once, to
the agency's supervisors and admins (run by `manage.py escalate_overdue`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

from anrong.core import notifications
from anrong.core.audit import record_audit
from anrong.core.outbox import emit
from anrong.core.workdays import to_wita

from ..models import Application
from .applications import _snapshot


def escalate_overdue(*, now: dt.datetime | None = None, batch: int = 200) -> int:
    """Escalate every application the agency holds past its due time, once: mark it, audit it,
    emit `application.escalated`, and tell the agency's supervisors and admins. Each application
    is its own transaction, so a failure leaves the others done and this one for the next run."""
    from anrong.agencies.models import Membership

    now = now or timezone.now()
    done = 0
    while True:
        ids = list(Application.objects.filter(
            status__in=Application.AGENCY_STATUSES, due_at__lt=now, escalated_at__isnull=True,
        ).order_by("due_at").values_list("pk", flat=True)[:batch])
        if not ids:
            return done
        for pk in ids:
            with transaction.atomic():
                application = (Application.objects.select_for_update(of=("self",))
                               .select_related("service", "agency", "form_version")
                               .filter(pk=pk, escalated_at__isnull=True,
                                       status__in=Application.AGENCY_STATUSES).first())
                if application is None:
                    continue
                application.escalated_at = now
                application.save(update_fields=["escalated_at", "updated_at"])
                record_audit(actor=None, action="application.escalated", target=application,
                             details={"due_at": application.due_at.isoformat()})
                emit("application.escalated", _snapshot(application), aggregate=application)
                supervisors = (Membership.objects.filter(
                    agency=application.agency, is_active=True, user__is_active=True,
                    role__in=(Membership.Role.SUPERVISOR, Membership.Role.ADMIN))
                    .select_related("user"))
                for membership in supervisors:
                    notifications.notify_translated(
                        user=membership.user, kind="application.escalated",
                        title=gettext_lazy("Lewat tenggat: %(tracking_no)s"),
                        body=gettext_lazy("Permohonan %(service)s melewati tenggat "
                                          "%(due)s dan belum selesai."),
                        params={"tracking_no": application.tracking_no,
                                "service": application.service.name,
                                "due": formats.date_format(to_wita(application.due_at), "j F Y")},
                        url=reverse("services_console:detail", args=[application.tracking_no]),
                        channels=(notifications.INBOX, notifications.EMAIL),
                    )
                done += 1


