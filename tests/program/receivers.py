"""Real receivers for notification tests: an SMTP server (aiosmtpd) and an HTTP webhook receiver
(http.server in a thread) that checks Standard Webhooks signatures on its own, refuses the first
deliveries on request, and can hold one request open while a test kills the sender."""

from __future__ import annotations

import base64
import hashlib
import hmac
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpReceiver:
    """Accepts mail on 127.0.0.1; answers ``451`` (try again later) to the first
    ``refuse_first`` messages."""

    def __init__(self, refuse_first: int = 0) -> None:
        self.port = free_port()
        self.refuse_first = refuse_first
        self.attempts = 0
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self._lock:
            self.attempts += 1
            if self.attempts <= self.refuse_first:
                return "451 4.3.0 Try again later"
            parsed = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            self.messages.append(parsed)
        return "250 OK"

    def env(self) -> dict[str, str]:
        return {
            "ORIENTIR_SMTP_HOST": "127.0.0.1",
            "ORIENTIR_SMTP_PORT": str(self.port),
            "ORIENTIR_SMTP_SECURITY": "none",
            "ORIENTIR_SMTP_FROM": "orientir@romashka.example",
        }

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


@dataclass
class Delivery:
    id: str
    timestamp: str
    signature_ok: bool
    body: bytes
    answered: int | None = None  # the status sent back; None while held open


@dataclass
class _State:
    secret: str | None = None
    refuse_first: int = 0
    hold_request: int | None = None  # the n-th request (1-based) is held open
    deliveries: list[Delivery] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


def verify(secret: str, msg_id: str, timestamp: str, body: bytes, header: str) -> bool:
    """Standard Webhooks verification, written from the specification."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(
        hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    ).decode()
    return any(
        version == "v1" and hmac.compare_digest(sig, expected)
        for version, _, sig in (part.partition(",") for part in header.split())
    )


class HttpReceiver:
    def __init__(self, port: int = 0) -> None:
        self.state = _State()
        state = self.state

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                msg_id = self.headers.get("webhook-id", "")
                stamp = self.headers.get("webhook-timestamp", "")
                ok = state.secret is not None and verify(
                    state.secret, msg_id, stamp, body, self.headers.get("webhook-signature", "")
                )
                delivery = Delivery(msg_id, stamp, ok, body)
                with state.lock:
                    state.deliveries.append(delivery)
                    number = len(state.deliveries)
                if number == state.hold_request:
                    state.holding.set()
                    state.release.wait(60)
                status = 503 if number <= state.refuse_first else 200 if ok else 401
                delivery.answered = status
                try:
                    self.send_response(status)
                    self.send_header("content-length", "0")
                    self.end_headers()
                except OSError:  # the sender is gone (killed while we held its request)
                    delivery.answered = None

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hooks"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.state.release.set()
        self._server.shutdown()
        self._server.server_close()

    def acknowledged(self) -> list[str]:
        return [d.id for d in self.state.deliveries if d.answered == 200]
