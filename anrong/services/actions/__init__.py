"""Every write of Layanan goes through these actions, split by concern: the catalogue, forms,
and applications with their workflow. Each is keyword-only, runs in one transaction, and records
an audit event and an outbox event."""

from .applications import (
    approve_application,
    assign_application,
    attach_upload,
    claim_application,
    file_application,
    reject_application,
    request_revision,
    resubmit_application,
    save_answers,
    start_application,
    submit_application,
    tracking_url,
    verify_application,
)
from .catalogue import (
    CODE_PATTERN,
    EDITABLE,
    create_service,
    deactivate_service,
    search_text_of,
    search_title_of,
    update_service,
)
from .clock import escalate_overdue
from .life_events import file_life_event

__all__ = [
    "approve_application", "assign_application", "attach_upload", "claim_application",
    "escalate_overdue", "file_application", "file_life_event", "reject_application",
    "request_revision", "resubmit_application", "save_answers", "start_application",
    "submit_application", "tracking_url", "verify_application",
    "CODE_PATTERN", "EDITABLE", "create_service", "deactivate_service", "search_text_of",
    "search_title_of", "update_service",
]
from .forms import discard_form_draft, publish_form, save_form_draft  # noqa: E402

__all__ += ["discard_form_draft", "publish_form", "save_form_draft"]
