"""Domain errors of the emergency alerts. Messages are for the person who tried."""

from __future__ import annotations


class AlertError(ValueError):
    """An alert cannot be issued or changed as asked; `errors` maps fields to messages. Nothing
    was written."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class AlertPermissionError(AlertError):
    """The actor may not do this. Nothing was written."""
