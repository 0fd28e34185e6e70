"""Who may do what with a report, as a matrix: each row is a person, each column a question, on
one received report of a street light in Ujung Pandang (Dishub's, verified by the kecamatan)."""

from __future__ import annotations

import pytest

from anrong.reports import actions, permissions

pytestmark = pytest.mark.django_db

PEOPLE = ("anonymous", "citizen", "other_citizen", "officer", "dishub_officer", "dishub_admin",
          "kecamatan_officer", "operator", "sysadmin")
# (question, who may) on a PRIVATE received report filed by "citizen".
MATRIX = {
    "can_view_report": {"citizen", "dishub_officer", "dishub_admin", "kecamatan_officer",
                        "operator"},
    "can_view_reporter": {"citizen", "dishub_officer", "dishub_admin", "kecamatan_officer"},
    "can_view_internal": {"dishub_officer", "dishub_admin", "kecamatan_officer", "operator"},
    "can_verify": {"dishub_officer", "dishub_admin", "kecamatan_officer"},
    "can_work": {"dishub_officer", "dishub_admin"},
    "can_respond": {"dishub_officer", "dishub_admin", "kecamatan_officer"},
    "can_reject": {"dishub_officer", "dishub_admin", "kecamatan_officer"},
    "can_reassign": {"dishub_admin", "operator"},
    "can_confirm": set(),
    "can_reopen": set(),
    "can_follow": {"citizen", "dishub_officer", "dishub_admin", "kecamatan_officer", "operator"},
}


@pytest.fixture
def everyone(regions, personas, operator, dishub_officer, dishub_admin, kecamatan_officer):  # type: ignore[no-untyped-def]
    return {**personas, "operator": operator, "dishub_officer": dishub_officer,
            "dishub_admin": dishub_admin, "kecamatan_officer": kecamatan_officer}


@pytest.mark.parametrize("question", sorted(MATRIX))
def test_private_received_report(everyone, make_report, question):  # type: ignore[no-untyped-def]
    report = make_report(is_public=False)
    allowed = {who for who in PEOPLE if getattr(permissions, question)(everyone[who], report)}
    assert allowed == MATRIX[question]


def test_a_public_report_is_seen_by_all_but_its_reporter_only_by_those_who_handle_it(
        everyone, make_report):  # type: ignore[no-untyped-def]
    report = make_report(is_public=True)
    assert all(permissions.can_view_report(everyone[who], report) for who in PEOPLE)
    assert {who for who in PEOPLE if permissions.can_view_reporter(everyone[who], report)} == \
        MATRIX["can_view_reporter"]


def test_once_resolved_only_the_reporter_confirms_or_reopens(everyone, make_report):  # type: ignore[no-untyped-def]
    report = actions.resolve(actor=everyone["dishub_officer"], report=make_report(),
                             note="Lampu sudah diganti.")
    for question in ("can_confirm", "can_reopen"):
        assert {who for who in PEOPLE
                if getattr(permissions, question)(everyone[who], report)} == {"citizen"}
    assert not any(permissions.can_work(everyone[who], report) for who in PEOPLE)
    assert not any(permissions.can_reassign(everyone[who], report) for who in PEOPLE)


def test_agency_queues_and_the_city_wide_view(everyone):  # type: ignore[no-untyped-def]
    from anrong.agencies.models import Agency

    dishub = Agency.objects.get(code="DISHUB")
    assert {who for who in PEOPLE if permissions.can_view_agency_reports(everyone[who], dishub)} \
        == {"dishub_officer", "dishub_admin", "operator"}
    assert {who for who in PEOPLE if permissions.can_view_all_reports(everyone[who])} == {"operator"}
