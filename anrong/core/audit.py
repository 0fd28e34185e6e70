"""The one way to write the audit log. Called from actions and from views that show personal data."""

from __future__ import annotations

from typing import Any

from django.db import models

from . import context
from .models import AuditEvent


def record_audit(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. `actor` is a user or None (the system); IP and request id come
    from the request being served, if any, and so does the agency API key it came with
    (`details["api_key_id"]`: which of the agency's keys acted as its system account)."""
    ctx = context.current()
    if ctx.api_key_id is not None:
        details = {**(details or {}), "api_key_id": ctx.api_key_id}
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or target.pk
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_label=f"user:{actor.pk}" if is_user else "system",  # no personal data in the label
        action=action,
        target_type=target_type,
        target_id=str(target_id) if target_id != "" else "",
        ip=ctx.ip,
        request_id=ctx.request_id,
        details=details or {},
    )
