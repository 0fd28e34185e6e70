"""What an Open311 view answers when a request cannot be served: an HTTP status and one or more
descriptions, written as the spec's `errors` body by the view (formats.errors)."""

from __future__ import annotations


class Open311Error(Exception):
    def __init__(self, status: int, *descriptions: str, code: int | None = None) -> None:
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = [str(text) for text in descriptions]
        self.code = code or status
