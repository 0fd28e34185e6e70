"""docs/examples/api_key_queue.py, run as an agency would run it, against a live server: the
example in docs/integration.md stays true."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from anrong.services.models import Application, StatusChange
from anrong.services.testing import make_application

from .fixtures_keys import fresh_rate_limits, issue  # noqa: F401

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "api_key_queue.py"


def run_example(url: str, key: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    env = {**os.environ, "ANRONG_URL": url, "ANRONG_API_KEY": key, "ANRONG_AGENCY": "DISDUKCAPIL"}
    return subprocess.run([sys.executable, str(EXAMPLE)], env=env, capture_output=True,  # noqa: S603
                          text=True, timeout=60, check=False)


@pytest.mark.django_db(transaction=True)
def test_the_example_claims_the_oldest_unclaimed_application(live_server, regions, personas, akta):
    now = timezone.now()
    newer = make_application(service=akta, citizen=personas["citizen"], submitted_at=now)
    oldest = make_application(service=akta, citizen=personas["citizen"],
                              submitted_at=now - dt.timedelta(days=2))
    issued = issue(personas, scopes=["applications:read", "applications:act"])

    done = run_example(live_server.url, issued.text)

    assert done.returncode == 0, done.stderr
    assert f"claimed {oldest.tracking_no}" in done.stdout
    oldest.refresh_from_db()
    newer.refresh_from_db()
    assert oldest.status == Application.Status.VERIFICATION
    assert oldest.assignee == issued.key.service_user
    assert newer.status == Application.Status.SUBMITTED
    change = StatusChange.objects.get(application=oldest)
    assert change.by == issued.key.service_user


@pytest.mark.django_db(transaction=True)
def test_the_example_reports_a_refused_key(live_server, regions, personas):
    issued = issue(personas, scopes=["catalogue:read"])
    done = run_example(live_server.url, issued.text)
    assert done.returncode == 1
    assert "403 forbidden" in done.stderr and "applications:read" in done.stderr
