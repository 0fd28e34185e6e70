"""docs/examples/webhook_receiver.py, as an agency developer would run it, receives a real
delivery, refuses a forged one and recognises a duplicate: the documented example stays true."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import urllib3
from django.conf import settings
from django.db import transaction

from anrong.agencies.models import Agency
from anrong.core import outbox
from anrong.integrations import delivery
from anrong.integrations.actions import webhooks as actions
from anrong.integrations.models import WebhookDelivery

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "webhook_receiver.py"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_documented_receiver_verifies_and_deduplicates(personas):
    port = _free_port()
    endpoint, secret = actions.create_endpoint(
        actor=personas["agency_admin"], agency=Agency.objects.get(code="DISDUKCAPIL"),
        url=f"http://127.0.0.1:{port}/", event_types=["application.submitted"])
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, str(EXAMPLE)], env={**os.environ, "ANRONG_WEBHOOK_SECRET": secret,
                                             "PORT": str(port)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("the example receiver did not start: " + process.stderr.read())
                time.sleep(0.1)
        with transaction.atomic():
            outbox.emit("application.submitted",
                        {"agency": "DISDUKCAPIL", "tracking_no": "DKC-2026-ABCDEF"})
        outbox.publish_pending()
        assert delivery.deliver_due()["succeeded"] == 1
        item = WebhookDelivery.objects.get()
        assert item.last_status_code == 204
        # Sent again (a replay, or a retry after a lost answer): answered, not printed twice.
        actions.replay_delivery(actor=personas["agency_admin"], delivery_id=item.pk,
                                agency=endpoint.agency)
        assert delivery.deliver_due()["succeeded"] == 1
        # A forged request is refused.
        forged = urllib3.request("POST", f"http://127.0.0.1:{port}/", body=b'{"type":"x"}',
                                 headers={"webhook-id": "msg_forged",
                                          "webhook-timestamp": str(int(time.time())),
                                          "webhook-signature": "v1,AAAA"})
        assert forged.status == 400
    finally:
        process.terminate()
        output, _errors = process.communicate(timeout=10)
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert lines == [{"id": item.msg_id, "type": "application.submitted",
                      "data": {"agency": "DISDUKCAPIL", "tracking_no": "DKC-2026-ABCDEF"}}]
