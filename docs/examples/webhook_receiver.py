#!/usr/bin/env python
"""A minimal receiver of Anrong webhooks, in the standard library plus `standardwebhooks`.

    pip install standardwebhooks
    ANRONG_WEBHOOK_SECRET=whsec_... PORT=8080 python webhook_receiver.py

It verifies every request with the endpoint's signing secret (several secrets, separated by
commas, while you rotate), refuses forged or stale ones with 400, recognises a duplicate by its
`webhook-id`, answers 204 at once and prints each new event as one JSON line. In a real system,
store the event (and the id) in your database before answering, and do the work afterwards.
"""

from __future__ import annotations

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

VERIFIERS = [Webhook(s.strip()) for s in os.environ["ANRONG_WEBHOOK_SECRET"].split(",")]
SEEN: set[str] = set()  # use a table with a unique key in production


def verify(body: bytes, headers: dict[str, str]) -> dict:
    for verifier in VERIFIERS:
        try:
            return verifier.verify(body, headers)  # also refuses timestamps over 5 minutes off
        except WebhookVerificationError:
            continue
    raise WebhookVerificationError("no secret matches")


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            event = verify(body, headers)
        except WebhookVerificationError:
            self.send_response(400)
            self.end_headers()
            return
        msg_id = headers["webhook-id"]
        if msg_id not in SEEN:  # a retry of something already handled is answered, not redone
            SEEN.add(msg_id)
            print(json.dumps({"id": msg_id, "type": event["type"], "data": event["data"]}),
                  flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:  # keep stdout for the events
        pass


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    print(f"listening on http://127.0.0.1:{port}/", file=sys.stderr, flush=True)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
