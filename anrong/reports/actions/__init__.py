"""Every write of Lapor. Each step is keyword-only, runs in one transaction, locks the report row,
checks permission on what it finds locked, writes the timeline (ReportUpdate), an audit event
and an outbox event, and tells the reporter and followers in their language.

- `reporting`: filing a report (checks, floods, photos and their EXIF location, routing).
- `steps`: the agency's steps (verify, respond, start, resolve, reject, reassign, merge), the
  reporter's (confirm, reopen within 7 days), following.
- `clock`: the first response is due 2×24 hours after the report (Makassar's rule, counted in
  real hours); unanswered reports past it are escalated once, to the responsible agency's
  supervisors and admins and to Diskominfo's operators.

Two officers at once: staff steps take the `version` their page showed; the first step bumps
it, the second is refused with StaleReport.
"""

from .clock import escalate_overdue
from .common import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    FIRST_RESPONSE,
    MAX_PHOTOS,
    console_url,
    detail_url,
    snapshot,
)
from .reporting import sender_hash, submit_report
from .steps import (
    confirm,
    follow,
    merge,
    reassign,
    reject,
    reopen,
    resolve,
    respond,
    start_work,
    unfollow,
    verify,
)

__all__ = [
    "DESCRIPTION_MAX", "DESCRIPTION_MIN", "FIRST_RESPONSE", "MAX_PHOTOS", "confirm",
    "console_url", "detail_url", "escalate_overdue", "follow", "merge", "reassign", "reject",
    "reopen", "resolve", "respond", "sender_hash", "snapshot", "start_work", "submit_report",
    "unfollow", "verify",
]
