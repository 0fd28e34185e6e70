"""Domain errors of the service catalogue. Messages are for the person who tried (Indonesian)."""

from __future__ import annotations


class ServiceError(ValueError):
    """Something about a catalogue entry that cannot be done as asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ServicePermissionError(ServiceError):
    """The actor may not do this. Nothing was written."""
