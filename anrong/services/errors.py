"""Domain errors of the service catalogue. Messages are for the person who tried (Indonesian)."""

from __future__ import annotations


class ServiceError(ValueError):
    """Something about a catalogue entry that cannot be done as asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ServicePermissionError(ServiceError):
    """The actor may not do this. Nothing was written."""


class ApplicationError(ServiceError):
    """An application cannot be changed as asked (wrong state, missing reason…)."""


class ApplicationPermissionError(ServicePermissionError, ApplicationError):
    """The actor may not do this to this application. Nothing was written."""


class StaleApplication(ApplicationError):
    """Someone else changed the application since the actor's page was loaded: the first
    decision stands, this one is refused so it can be reconsidered on fresh data."""


class AnswersInvalid(ApplicationError):
    """Answers or files that do not fit the form: one message per field, nothing written."""

    def __init__(self, errors: dict[str, str], message: str = "") -> None:
        from django.utils.translation import gettext as _

        super().__init__(message or _("Ada isian yang perlu diperbaiki."))
        self.errors = errors
