"""Webhook notifications against a real HTTP receiver on 127.0.0.1 that checks signatures as a consumer would."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import pytest

from reconciler.config import Notification
from reconciler.notify import Delivery, Notifier
from reconciler.plan.masking import mask_value

SECRET = "receiver-shared-secret-7f3a"


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool

    def json(self) -> Any:
        return json.loads(self.body)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (the hang test) is expected; no traceback on stderr."""


class Receiver:
    """A webhook consumer: recomputes the HMAC over the raw body, answers 401 to a bad signature.

    `statuses` are answered in order (then 200); `hang_seconds` delays every answer; `barrier` makes
    each request wait for the others, which only works when they arrive at the same time.
    """

    def __init__(self, secret: str = SECRET) -> None:
        self.secret = secret
        self.received: list[Received] = []
        self.statuses: list[int] = []
        self.hang_seconds = 0.0
        self.barrier: threading.Barrier | None = None
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def verifies(self, body: bytes, signature: str | None) -> bool:
        expected = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        return signature is not None and hmac.compare_digest(expected, signature)

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        body = request.rfile.read(int(request.headers.get("Content-Length", "0")))
        signature = request.headers.get("X-Reconciler-Signature")
        verified = self.verifies(body, signature)
        with self._lock:
            self.received.append(Received(request.path, dict(request.headers.items()), body, verified))
            status = self.statuses.pop(0) if self.statuses else 200
        if self.barrier is not None:
            self.barrier.wait()
        if self.hang_seconds:
            self.release.wait(self.hang_seconds)
        request.send_response(401 if signature is not None and not verified else status)
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                receiver._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release.set()
        if self.barrier is not None:
            self.barrier.abort()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


def notifier(url: str, *, secret: str | None = SECRET, **options: Any) -> Notifier:
    env = {"HOOK_URL": url, **({"HOOK_SECRET": secret} if secret is not None else {})}
    hook = Notification(url_env="HOOK_URL", secret_env="HOOK_SECRET" if secret is not None else None)
    settings: dict[str, Any] = {"timeout_seconds": 3.0, "backoff_base": 0.01, **options}
    return Notifier([hook], target="prod-us", env=env, **settings)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_signed_event_verifies_at_the_receiver(receiver: Receiver) -> None:
    deliveries = notifier(receiver.url()).send_sync("drift.detected", {"drifted": 2})

    assert deliveries == [Delivery(f"http://127.0.0.1:{receiver.port}", True, 200, 1, None)]
    [got] = receiver.received
    assert got.verified
    body = got.json()
    assert set(body) == {"event", "time", "target", "delivery_id", "data"}
    assert (
        body["event"] == "drift.detected" and body["target"] == "prod-us" and body["data"] == {"drifted": 2}
    )
    assert body["time"].endswith("Z")
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["X-Reconciler-Event"] == "drift.detected"
    assert got.headers["X-Reconciler-Delivery"] == body["delivery_id"]
    assert b" " not in got.body  # compact: the signed bytes are the sent bytes


def test_wrong_secret_fails_verification_and_the_rejection_is_not_retried(receiver: Receiver) -> None:
    [delivery] = notifier(receiver.url(), secret="not-the-receivers-secret").send_sync("drift.detected", {})

    [got] = receiver.received
    assert not got.verified
    assert not delivery.ok and delivery.status == 401 and delivery.attempts == 1


def test_without_a_secret_the_event_is_sent_unsigned(receiver: Receiver) -> None:
    [delivery] = notifier(receiver.url(), secret=None).send_sync("drift.detected", {})

    assert delivery.ok
    assert "X-Reconciler-Signature" not in receiver.received[0].headers


def test_only_subscribed_notifications_receive_an_event(receiver: Receiver) -> None:
    env = {"APPLY_URL": receiver.url("/apply"), "DRIFT_URL": receiver.url("/drift")}
    hooks = [
        Notification(url_env="APPLY_URL", events=["apply.started", "apply.finished"]),
        Notification(url_env="DRIFT_URL", events=["drift.detected"]),
    ]
    sender = Notifier(hooks, target="local", env=env)

    assert len(sender.send_sync("drift.detected", {})) == 1
    assert sender.send_sync("resource.changed", {}) == []
    assert [got.path for got in receiver.received] == ["/drift"]
    assert sender.enabled_for("apply.finished") and not sender.enabled_for("resource.changed")


@pytest.mark.parametrize("answers", [[500, 500], [429, 503]])
def test_throttled_or_failing_receiver_is_retried_until_delivered(
    receiver: Receiver, answers: list[int]
) -> None:
    receiver.statuses = list(answers)

    [delivery] = notifier(receiver.url(), attempts=3).send_sync("apply.finished", {})

    assert delivery.ok and delivery.attempts == 3 and delivery.status == 200
    assert len(receiver.received) == 3 and all(got.verified for got in receiver.received)
    assert len({got.body for got in receiver.received}) == 1  # a retry resends the same delivery


def test_retries_stop_at_the_attempt_limit(receiver: Receiver) -> None:
    receiver.statuses = [502, 502, 502, 502]

    [delivery] = notifier(receiver.url(), attempts=2).send_sync("apply.finished", {})

    assert not delivery.ok and delivery.status == 502 and delivery.attempts == 2
    assert len(receiver.received) == 2


def test_hanging_receiver_is_cut_off_at_the_time_bound(receiver: Receiver) -> None:
    receiver.hang_seconds = 10.0
    started = time.monotonic()

    [delivery] = notifier(receiver.url(), timeout_seconds=0.5).send_sync("apply.finished", {})

    assert time.monotonic() - started < 2.5
    assert not delivery.ok and delivery.status is None
    assert delivery.error is not None and "0.5s" in delivery.error


def test_unreachable_receiver_is_a_failed_delivery_not_an_exception() -> None:
    [delivery] = notifier(f"http://127.0.0.1:{closed_port()}/hook").send_sync("apply.finished", {})

    assert not delivery.ok and delivery.status is None and delivery.attempts == 3
    assert delivery.error is not None and "ConnectError" in delivery.error


def test_several_urls_are_sent_to_at_the_same_time(receiver: Receiver) -> None:
    receiver.barrier = threading.Barrier(2, timeout=3)  # one after the other would never pass it
    env = {"A_URL": receiver.url("/a"), "B_URL": receiver.url("/b")}
    hooks = [Notification(url_env="A_URL"), Notification(url_env="B_URL")]

    deliveries = Notifier(hooks, target="local", env=env, timeout_seconds=2.0, attempts=1).send_sync(
        "apply.finished", {}
    )

    assert [delivery.ok for delivery in deliveries] == [True, True]


def test_phone_numbers_never_leave(receiver: Receiver) -> None:
    data = {
        "caller_address": "+1 555-555-0123",
        "entries": [{"number": 15555550199, "note": "call +15555550142"}],
    }

    notifier(receiver.url()).send_sync("drift.detected", data)

    [got] = receiver.received
    assert got.verified
    assert b"5555550" not in got.body
    assert got.json()["data"]["caller_address"] == mask_value("+15555550123")
    assert got.json()["data"]["entries"][0] == {
        "number": mask_value("+15555550199"),
        "note": f"call {mask_value('+15555550142')}",
    }


def test_missing_url_variable_is_a_skipped_delivery(caplog: pytest.LogCaptureFixture) -> None:
    hooks = [Notification(url_env="NOT_SET_URL", secret_env="NOT_SET_SECRET")]

    with caplog.at_level(logging.WARNING, logger="reconciler.notify"):
        deliveries = Notifier(hooks, target="local", env={}).send_sync("drift.detected", {})

    assert deliveries == [Delivery("", False, None, 0, "NOT_SET_URL not set")]
    assert "NOT_SET_URL not set" in caplog.text


def test_logs_show_scheme_and_host_only(receiver: Receiver, caplog: pytest.LogCaptureFixture) -> None:
    receiver.statuses = [404]
    secret_path, secret_query = "/services/T0K3N-IN-PATH", "token=QUERY-S3CRET"
    dead = f"http://127.0.0.1:{closed_port()}{secret_path}?{secret_query}"
    env = {"LIVE_URL": receiver.url(f"{secret_path}?{secret_query}"), "DEAD_URL": dead, "HOOK_SECRET": SECRET}
    hooks = [
        Notification(url_env="LIVE_URL", secret_env="HOOK_SECRET"),
        Notification(url_env="DEAD_URL", secret_env="HOOK_SECRET"),
    ]

    with caplog.at_level(logging.DEBUG, logger="reconciler.notify"):
        deliveries = Notifier(hooks, target="local", env=env, attempts=2, backoff_base=0.01).send_sync(
            "drift.detected", {}
        )

    assert [delivery.ok for delivery in deliveries] == [False, False]
    assert f"http://127.0.0.1:{receiver.port}" in caplog.text and "HTTP 404" in caplog.text
    shown = caplog.text + repr(deliveries)
    for private in (SECRET, "T0K3N-IN-PATH", "QUERY-S3CRET"):
        assert private not in shown
