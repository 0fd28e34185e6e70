"""The SMS/WhatsApp gateway adapters: console keeps messages; HTTP posts JSON to a real server."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from anrong.core.gateways import ConsoleGateway, GatewayError, HttpGateway, get_gateway


@pytest.fixture
def provider():  # type: ignore[no-untyped-def]
    """A tiny SMS provider on 127.0.0.1 that records what it receives and answers as told."""
    received: list[dict] = []
    behaviour = {"status": 202, "delay": threading.Event()}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length", 0))
            received.append({
                "path": self.path,
                "authorization": self.headers.get("Authorization"),
                "content_type": self.headers.get("Content-Type"),
                "body": json.loads(self.rfile.read(length)),
            })
            if behaviour.get("hang"):
                behaviour["delay"].wait(5)
            self.send_response(behaviour["status"])
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": true}' if behaviour["status"] < 400 else b'{"error": "quota"}')

        def log_message(self, *args):  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1/messages"
    yield url, received, behaviour
    behaviour["delay"].set()
    server.shutdown()
    server.server_close()


def test_http_gateway_posts_json_with_bearer_token(provider):
    url, received, _ = provider
    gateway = HttpGateway(url=url, token="rahasia-123", sender="ANRONG")
    gateway.send("+6281234567890", "Kode Anrong Anda: 123456.", channel="whatsapp")
    assert received == [{
        "path": "/v1/messages",
        "authorization": "Bearer rahasia-123",
        "content_type": "application/json",
        "body": {"to": "+6281234567890", "text": "Kode Anrong Anda: 123456.",
                 "channel": "whatsapp", "sender": "ANRONG"},
    }]


def test_http_gateway_raises_a_clear_error_when_the_provider_refuses(provider):
    url, received, behaviour = provider
    behaviour["status"] = 402
    with pytest.raises(GatewayError, match="HTTP 402"):
        HttpGateway(url=url, token="t", sender="ANRONG").send("+6281234567890", "x")
    assert len(received) == 1


def test_http_gateway_gives_up_after_its_timeout(provider):
    url, _, behaviour = provider
    behaviour["hang"] = True
    with pytest.raises(GatewayError, match="unreachable"):
        HttpGateway(url=url, token="t", sender="ANRONG", timeout=0.2).send("+6281234567890", "x")


def test_http_gateway_raises_when_nothing_listens():
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(GatewayError, match="unreachable"):
        HttpGateway(url=f"http://127.0.0.1:{port}/", token="t", sender="A").send("+628123", "x")


def test_gateways_refuse_bad_recipients_and_channels():
    with pytest.raises(GatewayError):
        ConsoleGateway().send("081234567890", "x")
    with pytest.raises(GatewayError):
        ConsoleGateway().send("+6281234567890", "x", channel="pigeon")  # type: ignore[arg-type]


def test_console_gateway_logs_and_keeps_a_bounded_list(caplog):
    ConsoleGateway.clear()
    with caplog.at_level(logging.INFO, logger="anrong.core.gateways"):
        ConsoleGateway().send("+6281234567890", "Kode Anrong Anda: 654321.")
    assert "Kode Anrong Anda: 654321." in caplog.text
    assert ConsoleGateway.last_message("+6281234567890").text == "Kode Anrong Anda: 654321."
    for n in range(250):
        ConsoleGateway().send("+6281234567891", f"pesan {n}")
    kept = ConsoleGateway.messages()
    assert len(kept) == 100 and kept[-1].text == "pesan 249"
    ConsoleGateway.clear()


def test_settings_choose_the_adapter(settings, provider):
    url, received, _ = provider
    settings.SMS_GATEWAY = "console"
    assert isinstance(get_gateway(), ConsoleGateway)
    settings.SMS_GATEWAY, settings.SMS_GATEWAY_URL = "http", url
    settings.SMS_GATEWAY_TOKEN, settings.SMS_GATEWAY_SENDER = "tok", "MKS"
    get_gateway().send("+6281234567890", "halo")
    assert received[0]["authorization"] == "Bearer tok"
    assert received[0]["body"]["sender"] == "MKS"
    settings.SMS_GATEWAY = "carrier-pigeon"
    with pytest.raises(GatewayError):
        get_gateway()
