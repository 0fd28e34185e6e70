"""Without DEBUG and SECRET_KEY, harmless commands run; serving and working refuse to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from anrong.core.checks import refuse_to_work_without_secret_key, secret_key_is_set

ROOT = Path(__file__).resolve().parent.parent


def _env_without_secret() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ANRONG_TESTING"}}
    env["DEBUG"] = "false"
    return env


@override_settings(SECRET_KEY_MISSING=True)
def test_the_worker_and_the_demo_seeder_refuse_without_a_secret_key():
    for command in ("db_worker", "seed_demo", "runserver"):
        with pytest.raises(ImproperlyConfigured):
            refuse_to_work_without_secret_key(["manage.py", command])
    refuse_to_work_without_secret_key(["manage.py", "makemigrations"])  # harmless: allowed


@override_settings(SECRET_KEY_MISSING=True)
def test_check_deploy_reports_the_missing_key():
    assert [e.id for e in secret_key_is_set(None)] == ["anrong.E001"]


def test_check_deploy_is_quiet_with_a_key():
    assert secret_key_is_set(None) == []


def test_the_asgi_server_refuses_to_start_without_a_secret_key():
    result = subprocess.run([sys.executable, "-c", "import config.asgi"], cwd=ROOT,  # noqa: S603
                            env=_env_without_secret(), capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_makemigrations_runs_on_a_bare_checkout():
    result = subprocess.run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],  # noqa: S603
                            cwd=ROOT, env=_env_without_secret(), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
