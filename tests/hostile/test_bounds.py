"""Bounded work (issue #12): every amount of work an input can cause stops at a `limits:` bound.

YAML expansion per run, findings per code, pages per listing, response body size, webhook answers:
each test feeds a hostile input past the bound (small bounds configured, so the tests stay fast) and
checks the clear error (exit 1, the file and line or the URL, no traceback) or the bounded output.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from reconciler.config import Notification
from reconciler.exceptions import LimitExceeded
from reconciler.limits import Limits
from reconciler.notify import Notifier
from reconciler.providers.auth import GenesysClientCredentials, Secret
from reconciler.providers.genesys.dnc_entries import read_dnc_entries
from reconciler.providers.http import ApiClient
from reconciler.providers.paging import cxone_list, genesys_list
from reconciler.providers.rate_limit import RateLimiter
from tests.conftest import ROOT, run_cli

API = "https://api.example.test"
MB = 1024 * 1024


def _filter_document(index: int, *, clauses: int, predicates: int) -> str:
    """A ContactListFilter whose aliases expand to about clauses x predicates x 20 values."""
    values = ", ".join(f"v{j}" for j in range(8))
    predicate = (
        f"&p {{column: Segment, column_type: alphabetic, operator: IN, range: {{in_set: [{values}]}}}}"
    )
    clause = f"&k {{filter_type: AND, predicates: [{', '.join([predicate] + ['*p'] * (predicates - 1))}]}}"
    return (
        "apiVersion: genesys/v1\nkind: ContactListFilter\n"
        f"metadata:\n  name: expands-{index}\n"
        "spec:\n  contact_list: renewals-list\n  filter_type: AND\n"
        f"  clauses: [{', '.join([clause] + ['*k'] * (clauses - 1))}]\n"
    ).ljust(4000, "#")[:-1] + "\n"


def _project(folder: Path, limits: str = "", extra: str = "") -> Path:
    path = folder / "reconciler.yaml"
    path.write_text(
        f"manifests: manifests/\ndefault_target: local\ntargets:\n  local: {{platform: genesys, emulator: true}}\n"
        f"{extra}{limits}",
        encoding="utf-8",
    )
    (folder / "manifests").mkdir(exist_ok=True)
    return path


# ---- total YAML expansion across the run -------------------------------------------------------


def test_a_one_megabyte_file_of_250_expanding_documents_stops_at_the_run_budget(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text("---\n".join(_filter_document(i, clauses=95, predicates=100) for i in range(250)))
    assert 0.9 * MB < path.stat().st_size < 1.1 * MB
    result = run_cli("validate", str(path), cwd=tmp_path, timeout=30)
    assert result.code == 1
    assert "YAML expands to more than 2,000,000 values in this run" in result.stdout
    assert "limits.yaml_values" in result.stdout
    assert result.stdout.startswith("bomb.yaml:") and ": SCHEMA " in result.stdout.splitlines()[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_the_expansion_budget_spans_every_file_of_the_run(tmp_path: Path) -> None:
    config = _project(tmp_path, "limits: {yaml_values: 300000}\n")
    for index in range(3):  # about 180,000 values each: every file alone is within the budget
        (tmp_path / "manifests" / f"f{index}.yaml").write_text(
            _filter_document(index, clauses=95, predicates=100)
        )
    result = run_cli("validate", "--config", str(config), cwd=tmp_path)
    assert result.code == 1
    lines = [line for line in result.stdout.splitlines() if "YAML expands" in line]
    assert lines and lines[0].startswith("manifests/f1.yaml:")
    assert "more than 300,000 values" in lines[0]
    assert "Traceback" not in result.stdout + result.stderr


# ---- findings per code -------------------------------------------------------------------------

DNC_LIST = """apiVersion: genesys/v1
kind: DncList
metadata:
  name: bad-numbers
spec:
  dnc_source_type: rds
  contact_method: Phone
  entries: bad.csv
"""


def test_a_million_bad_csv_rows_give_bounded_findings_with_the_exact_count_in_every_format(
    tmp_path: Path,
) -> None:
    config = _project(tmp_path, "limits: {findings_per_code: 10}\n")
    (tmp_path / "manifests" / "dnc.yaml").write_text(DNC_LIST)
    (tmp_path / "manifests" / "bad.csv").write_text("phone_number\n" + "1\n" * 1_000_000)
    runs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "reconciler", *args, "--config", str(config)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, args in {
            "text": ["validate"],
            "json": ["validate", "--format", "json"],
            "sarif": ["validate", "--format", "sarif"],
            "github": ["validate", "--format", "github"],
            "plan-markdown": ["plan", "--format", "markdown"],
            "plan-json": ["plan", "--format", "json"],
        }.items()
    }
    out = {}
    for name, process in runs.items():
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 1, (name, stderr)
        assert "Traceback" not in stdout + stderr
        assert len(stdout) < 100_000, name  # ten findings and one line for the rest, not a million
        out[name] = stdout
    more = "… and 999,990 more DNC-ENTRY findings"
    text = out["text"].splitlines()
    assert sum(": DNC-ENTRY " in line for line in text) == 10
    assert text[-2].startswith(f"DNC-ENTRY {more}")
    assert text[-1].startswith("1000000 error(s)")
    document = json.loads(out["json"])
    assert document["summary"]["error"] == 1_000_000
    assert document["findings"][-1]["omitted"] == 999_990 and more in document["findings"][-1]["message"]
    assert len(document["findings"]) == 11
    results = json.loads(out["sarif"])["runs"][0]["results"]
    assert len(results) == 11 and more in results[-1]["message"]["text"]
    assert results[-1]["properties"]["omitted"] == 999_990
    github = out["github"].splitlines()
    assert len(github) == 11 and github[-1].startswith("::error ") and more in github[-1]
    assert more in out["plan-markdown"] and "1000000" in out["plan-markdown"]
    plan = json.loads(out["plan-json"])
    assert plan["summary"]["error"] == 1_000_000 and plan["findings"][-1]["omitted"] == 999_990


def test_left_out_findings_still_follow_severity_overrides(tmp_path: Path) -> None:
    config = _project(tmp_path, "limits: {findings_per_code: 2}\n", "policy: {DNC-ENTRY: warning}\n")
    (tmp_path / "manifests" / "dnc.yaml").write_text(DNC_LIST)
    (tmp_path / "manifests" / "bad.csv").write_text("phone_number\n" + "+1555\n" * 50)
    result = run_cli("validate", "--format", "json", "--config", str(config), cwd=tmp_path)
    summary = json.loads(result.stdout)["summary"]
    assert (summary["error"], summary["warning"]) == (0, 50)
    assert result.code == 0


# ---- pages per listing -------------------------------------------------------------------------


def _client(handler: Callable[[httpx.Request], httpx.Response], limits: Limits) -> ApiClient:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})
        return handler(request)

    http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    tokens = GenesysClientCredentials(auth_url=API, client_id=Secret("id"), client_secret=Secret("secret"))
    return ApiClient(http=http, base_url=API, tokens=tokens, limiter=RateLimiter(100_000), limits=limits)


def test_a_claimed_ten_million_pages_stops_before_asking_for_page_two() -> None:
    asked: list[str] = []

    def listing(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, json={"entities": [{"id": "x"}], "pageCount": 10_000_000})

    client = _client(listing, Limits())
    with pytest.raises(LimitExceeded) as error:
        asyncio.run(genesys_list(client, "/api/v2/outbound/campaigns"))
    assert len(asked) == 1
    assert f"GET {API}/api/v2/outbound/campaigns" in error.value.message
    assert "10,000,000 pages" in error.value.message and "limits.pages_per_listing" in error.value.message


def test_an_endless_cxone_listing_stops_at_the_page_bound() -> None:
    asked: list[str] = []

    def listing(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, json={"items": [{"id": len(asked)}] * 100, "totalRecords": 10**12})

    client = _client(listing, Limits(pages_per_listing=7))
    with pytest.raises(LimitExceeded, match=r"limits\.pages_per_listing"):
        asyncio.run(
            cxone_list(client, "/skills", items=lambda body: body["items"], total=lambda b: b["totalRecords"])
        )
    assert len(asked) == 7


class _Fake(BaseHTTPRequestHandler):
    """A Genesys stand-in on loopback: tokens, and listings that claim ten million pages."""

    def do_POST(self) -> None:
        self._send({"access_token": "fake-token", "expires_in": 3600})

    def do_GET(self) -> None:
        self._send({"entities": [], "pageCount": 10_000_000})

    def _send(self, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def _serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_plan_against_a_server_claiming_ten_million_pages_is_a_clear_error(tmp_path: Path) -> None:
    with _serving(_Fake) as url:
        config = tmp_path / "reconciler.yaml"
        config.write_text(
            f"manifests: manifests/\ndefault_target: fake\ntargets:\n  fake:\n    platform: genesys\n"
            f"    base_url: {url}\n    auth_url: {url}\n    client_id_env: FAKE_ID\n"
            "    client_secret_env: FAKE_SECRET\n"
        )
        (tmp_path / "manifests").mkdir()
        (tmp_path / "manifests" / "limits.yaml").write_text(
            (ROOT / "tests/fixtures/manifests/valid/genesys/AttemptLimits.yaml").read_text()
        )
        env = {**os.environ, "FAKE_ID": "id", "FAKE_SECRET": "secret"}
        done = subprocess.run(
            [sys.executable, "-m", "reconciler", "plan", "--config", str(config)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    assert done.returncode == 1
    assert f"GET {url}/api/v2/outbound/" in done.stderr and "10,000,000 pages" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


# ---- response body size ------------------------------------------------------------------------


class _Endless:
    """A body of `total` bytes made on demand, counting what the client pulled."""

    def __init__(self, total: int) -> None:
        self.total, self.pulled = total, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.pulled < self.total:
            self.pulled += 64 * 1024
            yield b"x" * (64 * 1024)


def test_an_oversized_body_stops_with_a_clear_error_without_reading_it_all() -> None:
    body = _Endless(1200 * MB)
    client = _client(lambda request: httpx.Response(200, content=body), Limits(response_mb=1))
    with pytest.raises(LimitExceeded) as error:
        asyncio.run(client.request("GET", "/api/v2/outbound/campaigns", params={"pageSize": 100}))
    assert body.pulled <= 2 * MB
    assert error.value.message.startswith(f"GET {API}/api/v2/outbound/campaigns: ")
    assert "larger than 1 MB" in error.value.message and "limits.response_mb" in error.value.message


def test_a_declared_oversized_body_is_refused_before_reading() -> None:
    body = _Endless(10 * MB)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": str(10 * MB)}, content=body)

    with pytest.raises(LimitExceeded, match=r"limits\.response_mb"):
        asyncio.run(_client(answer, Limits(response_mb=1)).request("GET", "/api/v2/outbound/campaigns"))
    assert body.pulled == 0


def test_the_dnc_export_download_has_its_own_bound() -> None:
    body = _Endless(50 * MB)

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/export"):
            return httpx.Response(200, json={"uri": "https://files.example.test/export.csv?sig=secret"})
        return httpx.Response(200, content=body)

    client = _client(answer, Limits(response_mb=0.5, dnc_export_mb=2))
    with pytest.raises(LimitExceeded) as error:
        asyncio.run(read_dnc_entries(client, "list-1"))
    assert "GET https://files.example.test/export.csv:" in error.value.message
    assert "sig=secret" not in error.value.message and "limits.dnc_export_mb" in error.value.message
    assert body.pulled <= 3 * MB


# ---- webhook answers ---------------------------------------------------------------------------


class _Chatty(BaseHTTPRequestHandler):
    """A webhook receiver that answers 200 with up to 256 MB, counting what it managed to send."""

    sent = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Length", str(256 * MB))
        self.end_headers()
        chunk = b"x" * (64 * 1024)
        try:
            for _ in range(256 * MB // len(chunk)):
                self.wfile.write(chunk)
                type(self).sent += len(chunk)
        except OSError:
            pass  # the notifier closed the connection

    def log_message(self, *args: object) -> None:
        pass


def test_a_webhook_answering_a_huge_body_is_not_read_whole() -> None:
    with _serving(_Chatty) as url:
        notifier = Notifier(
            [Notification(url_env="HOOK_URL", events=["apply.finished"])],
            target="local",
            env={"HOOK_URL": url + "/hook"},
            attempts=1,
            timeout_seconds=20,
        )
        started = time.monotonic()
        [delivery] = notifier.send_sync("apply.finished", {"changed": 1})
        elapsed = time.monotonic() - started
        time.sleep(0.2)  # let the receiver notice the closed connection
    assert delivery.ok and delivery.status == 200
    assert elapsed < 5
    assert _Chatty.sent < 64 * MB  # what the socket buffers took, not the 256 MB offered


class _SixtyFourMegabytes(httpx.AsyncByteStream):
    """64 MB if read whole; the bound stops reading after 1 MB."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(64):
            yield b"x" * (1 << 20)


def test_a_huge_token_answer_is_not_read_whole() -> None:
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers["Authorization"])

        return httpx.Response(200, stream=_SixtyFourMegabytes())

    tokens = GenesysClientCredentials(
        auth_url="https://login.example.invalid",
        client_id=Secret("client-id"),
        client_secret=Secret("client-secret"),
    )

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
            await tokens.token(http)

    with pytest.raises(LimitExceeded, match=r"oauth/token: the response is larger than 1 MB"):
        asyncio.run(run())
    assert sent == ["Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ="]  # still HTTP Basic client credentials
