"""Adds the current request id to every log record, for the JSON formatter."""

from __future__ import annotations

import logging

from . import context


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = context.current().request_id or "-"
        return True
