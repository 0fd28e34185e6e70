"""Domain errors of the agencies app. Messages are for the person who tried (Indonesian)."""

from __future__ import annotations


class AgencyError(ValueError):
    """Something about agencies, offices, units or staff roles that cannot be done as asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AgencyPermissionError(AgencyError):
    """The actor may not do this. Nothing was written."""
