"""Domain errors of Rapat Virtual. Messages are for the person who tried, in their language."""

from __future__ import annotations


class MeetingError(ValueError):
    """A meeting cannot be made, changed or entered as asked; `errors` maps fields to messages.
    Nothing was written."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class MeetingPermissionError(MeetingError):
    """The actor may not do this. Nothing was written."""


class StaleMeeting(MeetingError):
    """Someone changed the meeting since the actor's page was loaded."""
