"""A hostile Genesys API on 127.0.0.1: a real token endpoint, and answers each test chooses.

It hands out a JWT access token, then answers reads and writes with what the test sets: an empty org
by default, or an error body that echoes the request (Authorization header, token, the client
credentials of the token request, a phone number), HTML, a body cut short, or a listing of the wrong
shape. The project file it writes points a target at it with credentials in environment variables.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.conftest import ROOT, CliResult


def _segment(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


TOKEN = ".".join(
    [
        _segment({"alg": "RS256", "typ": "JWT"}),
        _segment({"sub": "reconciler-ci", "org": "acme", "exp": int(time.time()) + 3600}),
        "c2lnbmF0dXJlLW9mLWEtcmVhbC1sb29raW5nLWp3dA",
    ]
)
CLIENT_ID = "ci-client-6c1d2e"
CLIENT_SECRET = "s3cr3t-Value-from-the-vault-91"
PHONE = "+12125550111"
SECRETS = (
    TOKEN,
    CLIENT_SECRET,
    TOKEN.split(".")[1],
    base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode(),
)
"""What must never be shown: the token, a part of it, the client secret, the Basic credentials."""


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


Rule = Callable[[BaseHTTPRequestHandler, "FakeGenesys"], Answer]


def empty_org(request: BaseHTTPRequestHandler, fake: FakeGenesys) -> Answer:
    """An org with nothing in it: schedule listings are bare arrays, the rest empty entity listings."""
    body: Any = [] if "/outbound/schedules/" in request.path else {"entities": [], "pageCount": 1}
    return Answer(200, "application/json", json.dumps(body).encode())


def echo(status: int) -> Rule:
    """An error answer quoting the request back, the way some proxies and gateways do."""

    def answer(request: BaseHTTPRequestHandler, fake: FakeGenesys) -> Answer:
        message = (
            f"rejected {request.command} {request.path}; request headers: "
            f"Authorization: {request.headers.get('Authorization')}; token {TOKEN}; "
            f"client {fake.basic_seen}; contact {PHONE} and 12125550111x and %2B12125550111"
        )
        body = {"status": status, "code": "bad.request", "message": message, "echo": {"access_token": TOKEN}}
        return Answer(status, "application/json", json.dumps(body).encode())

    return answer


def fixed(status: int, content_type: str, body: bytes) -> Rule:
    return lambda request, fake: Answer(status, content_type, body)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """The client stops reading after the first error answer: a broken pipe is expected."""


@dataclass
class FakeGenesys:
    """Serves on a free loopback port while in a `with` block; `reads` and `writes` choose the answers."""

    reads: Rule = empty_org
    writes: Rule = field(default_factory=lambda: echo(400))
    basic_seen: str = ""
    requests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def _token(self, request: BaseHTTPRequestHandler) -> Answer:
        request.rfile.read(int(request.headers.get("Content-Length", "0")))
        basic = (request.headers.get("Authorization") or "").removeprefix("Basic ")
        self.basic_seen = base64.b64decode(basic).decode() if basic else ""
        return Answer(
            200, "application/json", json.dumps({"access_token": TOKEN, "expires_in": 3600}).encode()
        )

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        self.requests.append(f"{request.command} {request.path}")
        if request.path.startswith("/oauth/token"):
            answer = self._token(request)
        else:
            request.rfile.read(int(request.headers.get("Content-Length", "0")))
            answer = (self.reads if request.command == "GET" else self.writes)(request, self)
        request.send_response(answer.status)
        request.send_header("Content-Type", answer.content_type)
        request.send_header("Content-Length", str(len(answer.body)))
        request.end_headers()
        request.wfile.write(answer.body)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._answer(self)

            do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> FakeGenesys:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


CONTACT_LIST = """apiVersion: genesys/v1
kind: ContactList
metadata:
  name: renewals
spec:
  column_names: [id, phone]
  phone_columns:
    - column_name: phone
      type: cell
"""

HOOKS = """notifications:
  - url_env: HOSTILE_HOOK_URL
    secret_env: HOSTILE_HOOK_SECRET
    events: [apply.started, resource.changed, apply.finished]
"""


def project(root: Path, url: str, *, hooks: bool = False) -> Path:
    """A config repo whose target `fake` is the server at `url`; one contact list to create."""
    (root / "m").mkdir(exist_ok=True)
    (root / "m" / "lists.yaml").write_text(CONTACT_LIST, encoding="utf-8")
    text = (
        "manifests: m/\ndefault_target: fake\ntargets:\n  fake:\n    platform: genesys\n"
        f"    base_url: {url}\n    auth_url: {url}\n"
        "    client_id_env: HOSTILE_CLIENT_ID\n    client_secret_env: HOSTILE_CLIENT_SECRET\n"
        "    rate_limit_per_minute: 100000\n"
        "audit:\n  path: audit.jsonl\n" + (HOOKS if hooks else "")
    )
    path = root / "reconciler.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> CliResult:
    """The real CLI in a subprocess from `root`, with the target's credentials in its environment."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HOSTILE_CLIENT_ID": CLIENT_ID,
        "HOSTILE_CLIENT_SECRET": CLIENT_SECRET,
        **(env or {}),
    }
    done = subprocess.run(
        [sys.executable, "-m", "reconciler", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)
