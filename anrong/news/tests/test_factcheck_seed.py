"""The demo data: hoaxes forwarded through the real actions, one claim of count 3, a verdict."""

from __future__ import annotations

import pytest

from anrong.accounts.demo import seed_demo_accounts
from anrong.news.models import Claim, FactCheckPage
from anrong.news.seed_factcheck import seed_factcheck

pytestmark = pytest.mark.django_db


def test_seed_factcheck_fills_the_queue_and_publishes_one_verdict(catalogue):
    seed_demo_accounts()
    assert "one verdict published" in seed_factcheck()
    assert Claim.objects.get(status=Claim.Status.PUBLISHED).submission_count == 3
    assert Claim.objects.filter(status=Claim.Status.OPEN, submission_count=2).count() == 1
    assert FactCheckPage.objects.live().count() == 1
    assert seed_factcheck() == "demo fact-checks already there"
