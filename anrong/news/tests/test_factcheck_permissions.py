"""Who is a fact-checker, who may send, who sees a submission: the matrix."""

from __future__ import annotations

import pytest

from anrong.news import actions, permissions
from anrong.news.models import Claim

from .fixtures_factcheck import HOAX, diskominfo_officer  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("who", "checker", "submits"), [
    ("anonymous", False, False),
    ("citizen", False, True),
    ("other_citizen", False, True),
    ("officer", False, True),  # Disdukcapil staff: a source, not the judge
    ("other_agency_admin", False, True),
    ("sysadmin", False, True),
    ("editor", True, True),
    ("operator", True, True),
    ("diskominfo_officer", True, True),
])
def test_fact_checker_matrix(request, personas, newsroom, who, checker, submits):
    person = personas[who] if who in personas else request.getfixturevalue(who)
    assert permissions.is_fact_checker(person) is checker
    assert permissions.can_view_claim_queue(person) is checker
    assert permissions.can_submit_claim(person) is submits

    submission = actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    claim = Claim.objects.get(pk=submission.claim_id)
    assert permissions.can_work_claim(person, claim) is checker
    assert permissions.can_view_submission(person, submission) is (
        checker or who == "citizen")


def test_inactive_editor_and_decided_claims(personas, newsroom, editor):
    submission = actions.submit_claim(submitter=personas["citizen"], text=HOAX)
    claim = Claim.objects.get(pk=submission.claim_id)
    actions.dismiss_claim(actor=editor, claim=claim, reason="Bukan klaim fakta.")
    claim.refresh_from_db()
    assert not permissions.can_work_claim(editor, claim)
    editor.is_active = False
    editor.save()
    assert not permissions.is_fact_checker(editor)
