"""What Makaverse News refuses, in words a person can act on (Indonesian source strings)."""

from __future__ import annotations


class NewsError(Exception):
    """A request the newsroom or Cek Fakta cannot carry out; the message says why."""


class NewsPermissionError(NewsError):
    """The person may not do this."""


class TooManySubmissions(NewsError):
    """One account or address sent too many messages to Cek Fakta too fast."""


class StaleClaim(NewsError):
    """Someone else changed the claim since the page was shown."""
