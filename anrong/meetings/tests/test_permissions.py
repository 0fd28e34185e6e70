"""Who may do what with a meeting, as a matrix over the personas: Disdukcapil's officer hosts,
the other officer and the citizen are invited; the supervisor and admin of Disdukcapil manage
without being members; Dishub's staff, another citizen and the sysadmin have nothing to do
with it."""

from __future__ import annotations

import pytest

from anrong.meetings import actions, permissions

pytestmark = pytest.mark.django_db

PEOPLE = ["officer", "other_officer", "citizen", "supervisor", "agency_admin",
          "other_agency_officer", "other_agency_admin", "other_citizen", "sysadmin", "anonymous"]

MATRIX = {
    #                        schedule  host   manage  run    join   attendance
    "officer":              (True,    True,  True,   True,  True,  True),
    "other_officer":        (True,    False, False,  False, True,  False),
    "citizen":              (False,   False, False,  False, True,  False),
    "supervisor":           (True,    False, True,   False, False, True),
    "agency_admin":         (True,    False, True,   False, False, True),
    "other_agency_officer": (False,   False, False,  False, False, False),
    "other_agency_admin":   (False,   False, False,  False, False, False),
    "other_citizen":        (False,   False, False,  False, False, False),
    "sysadmin":             (False,   False, False,  False, False, False),
    "anonymous":            (False,   False, False,  False, False, False),
}


@pytest.mark.parametrize("who", PEOPLE)
def test_the_permission_matrix(personas, meeting, disdukcapil, who):
    user = personas[who]
    assert (permissions.can_schedule(user, disdukcapil), permissions.is_host(user, meeting),
            permissions.can_manage(user, meeting), permissions.can_run(user, meeting),
            permissions.can_join(user, meeting),
            permissions.can_view_attendance(user, meeting)) == MATRIX[who]


def test_a_removed_member_may_not_join_and_a_removed_host_no_longer_runs(personas, meeting):
    actions.update_meeting(actor=personas["officer"], meeting=meeting, version=1,
                           hosts=[personas["officer"], personas["other_officer"]])
    assert permissions.can_run(personas["other_officer"], meeting)
    actions.remove(actor=personas["officer"], meeting=meeting, user=personas["other_officer"])
    assert not permissions.can_run(personas["other_officer"], meeting)
    assert not permissions.can_join(personas["other_officer"], meeting)
    actions.remove(actor=personas["officer"], meeting=meeting, user=personas["citizen"])
    assert not permissions.can_join(personas["citizen"], meeting)


def test_nobody_joins_a_cancelled_meeting(personas, meeting):
    meeting = actions.cancel_meeting(actor=personas["officer"], meeting=meeting,
                                     reason="Ditunda ke bulan depan.")
    assert not permissions.can_join(personas["officer"], meeting)
    assert not permissions.can_join(personas["citizen"], meeting)
