"""Work through your agency's queue with an Anrong API key: list the open applications nobody
has taken yet and claim the oldest one.

    pip install httpx
    ANRONG_URL=https://anrong.makassarkota.go.id \
    ANRONG_API_KEY=anr_1a2b3c4d_... \
    ANRONG_AGENCY=DISDUKCAPIL \
    python api_key_queue.py

The key needs the scopes `applications:read` and `applications:act`. Prints what it did and
exits 0; exits 1 with Anrong's error message when a request is refused.
"""

from __future__ import annotations

import os
import sys
import time

import httpx


def request(client: httpx.Client, method: str, path: str, **kwargs) -> httpx.Response:  # type: ignore[no-untyped-def]
    """One call; when Anrong says 429 (too many requests), wait as long as it asks, then retry."""
    for _attempt in range(3):
        response = client.request(method, path, **kwargs)
        if response.status_code != 429:
            return response
        time.sleep(int(response.headers.get("Retry-After", "1")))
    return response


def refused(response: httpx.Response) -> None:
    error = response.json()  # always {"code": ..., "message": ..., "details": {...}}
    print(f"{response.status_code} {error['code']}: {error['message']}", file=sys.stderr)
    sys.exit(1)


def main() -> None:
    base = os.environ["ANRONG_URL"].rstrip("/")
    agency = os.environ.get("ANRONG_AGENCY", "DISDUKCAPIL")
    headers = {"Authorization": f"Bearer {os.environ['ANRONG_API_KEY']}"}

    with httpx.Client(base_url=f"{base}/api/v1", headers=headers, timeout=30) as client:
        # 1. The queue: open applications nobody has taken, soonest deadline first, 25 a page.
        queue = request(client, "GET", "/applications/queue",
                        params={"agency": agency, "assignee": "unassigned"})
        if queue.status_code != 200:
            refused(queue)
        items = queue.json()["items"]
        print(f"{len(items)} permohonan belum diambil / unclaimed applications")
        if not items:
            return
        oldest = min(items, key=lambda row: row["submitted_at"])

        # 2. The application itself: its answers, timeline and current `version`.
        detail = request(client, "GET", f"/applications/{oldest['tracking_no']}")
        if detail.status_code != 200:
            refused(detail)
        application = detail.json()

        # 3. Claim it, saying which version we looked at. 409 means someone changed it first:
        #    read it again and decide again.
        claimed = request(client, "POST", f"/applications/{application['tracking_no']}/claim",
                          json={"version": application["version"]})
        if claimed.status_code != 200:
            refused(claimed)
        result = claimed.json()
        print(f"Diambil / claimed {result['tracking_no']}: {result['status']} "
              f"(version {result['version']})")


if __name__ == "__main__":
    main()
