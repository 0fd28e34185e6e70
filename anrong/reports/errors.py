"""Domain errors of Lapor. Messages are for the person who tried, in their language."""

from __future__ import annotations


class ReportError(ValueError):
    """A report cannot be made or changed as asked. `errors` maps fields to messages when the
    fault lies in particular fields (a form shows them beside the field). Nothing was written."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class ReportPermissionError(ReportError):
    """The actor may not do this to this report. Nothing was written."""


class StaleReport(ReportError):
    """Someone changed the report since the actor's page was loaded."""


class TooManyReports(ReportError):
    """A flood from one account or one address: refused for now, with when to try again."""
