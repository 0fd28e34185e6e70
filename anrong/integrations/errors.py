"""Domain errors of Integrasi, in words the person who tried can act on (Indonesian source).
Whenever one is raised, nothing was written."""

from __future__ import annotations

from typing import Any


class IntegrationError(ValueError):
    """Something that cannot be done as asked. `field` names the one form field at fault, or
    `errors` maps several fields to their messages."""

    def __init__(self, message: Any, errors: dict[str, Any] | None = None, *,
                 field: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.errors = errors or ({field: message} if field else {})


class IntegrationPermissionError(IntegrationError):
    """The actor may not do this."""
