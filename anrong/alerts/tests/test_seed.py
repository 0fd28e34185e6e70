"""The demo alerts for `make run`: issued through the real action by the demo operator, once."""

from __future__ import annotations

import pytest

from anrong.alerts.models import Alert
from anrong.alerts.seed import seed_alerts

pytestmark = pytest.mark.django_db


def test_demo_alerts_are_exercises_issued_once_by_an_operator(people):
    assert seed_alerts() == "2 demo alerts (exercise)"
    alerts = list(Alert.objects.order_by("pk"))
    assert [a.status for a in alerts] == ["Exercise", "Exercise"]
    assert {a.issued_by for a in alerts} == {people["operator"]}
    assert alerts[0].headline_en and alerts[1].city_wide
    assert seed_alerts() == "demo alerts already there"
    assert Alert.objects.count() == 2


def test_without_an_operator_nothing_is_seeded(regions):
    assert seed_alerts() == "demo alerts skipped (no operator account)"
    assert not Alert.objects.exists()
