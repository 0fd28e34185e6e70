"""Lapor's events reach the responsible agency's webhook, signed, and nobody else's; a report
reassigned to another agency reaches the new one."""

from __future__ import annotations

import pytest
from standardwebhooks.webhooks import Webhook

from anrong.agencies.models import Agency
from anrong.core import outbox
from anrong.integrations import delivery
from anrong.integrations.actions import webhooks as webhook_actions
from anrong.integrations.testing import Receiver
from anrong.reports import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def receivers():  # type: ignore[no-untyped-def]
    items = {"DISHUB": Receiver().start(), "DPU": Receiver().start()}
    yield items
    for item in items.values():
        item.stop()


def test_complaint_events_go_to_the_agency_that_holds_the_report(regions, personas, root,
                                                                 make_report, operator,
                                                                 receivers):
    from anrong.accounts.models import User
    from anrong.agencies import actions as agency_actions

    dpu_admin = User.objects.create_user(email="admin-dpu@makassarkota.go.id", password="x-Secret-1")
    agency_actions.add_member(actor=root, user=dpu_admin, agency=Agency.objects.get(code="DPU"),
                              role="admin")
    secrets = {}
    for code, admin in (("DISHUB", personas["other_agency_admin"]), ("DPU", dpu_admin)):
        _endpoint, secrets[code] = webhook_actions.create_endpoint(
            actor=admin, agency=Agency.objects.get(code=code), url=receivers[code].url,
            event_types=["complaint.created", "complaint.reassigned"])
    report = make_report()  # a street light: Dishub's
    actions.reassign(actor=operator, report=report, agency=Agency.objects.get(code="DPU"),
                     note="Tiang lampu ini milik Dinas PU.")
    outbox.publish_pending()
    delivery.deliver_due()

    dishub = [Webhook(secrets["DISHUB"]).verify(r.body, r.headers) for r in receivers["DISHUB"].received]
    dpu = [Webhook(secrets["DPU"]).verify(r.body, r.headers) for r in receivers["DPU"].received]
    assert [m["type"] for m in dishub] == ["complaint.created"]
    assert [m["type"] for m in dpu] == ["complaint.reassigned"]
    assert dishub[0]["data"]["tracking_no"] == report.tracking_no
    assert dpu[0]["data"]["agency"] == "DPU"
    assert "reporter" not in dishub[0]["data"] and "+62" not in receivers["DISHUB"].received[0].body.decode()
