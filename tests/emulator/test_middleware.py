"""Rate limit, 429 storms, injected 5xx, dropped connections, latency and the request log."""

from __future__ import annotations

import httpx
import pytest
from starlette.testclient import TestClient

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from tests.emulator.conftest import genesys_headers

PROBE = "/api/v2/outbound/campaigns"


def test_per_token_rate_limit_answers_429_with_retry_after(
    client: TestClient, emulator: Emulator, clock: ManualClock, gh: dict[str, str]
) -> None:
    emulator.settings.rate_limit_per_minute = 5
    statuses = []
    for _ in range(5):
        statuses.append(client.get(PROBE, headers=gh).status_code)
        clock.advance(1)
    limited = client.get(PROBE, headers=gh)
    assert 429 not in statuses
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "55"
    body = limited.json()
    assert body["code"] == "too.many.requests.retry.after" and body["status"] == 429
    assert "Retry the request in [55] seconds" in body["message"]
    other_token = genesys_headers(client)
    assert client.get(PROBE, headers=other_token).status_code != 429
    clock.advance(56)
    assert client.get(PROBE, headers=gh).status_code != 429


def test_storm_answers_the_next_requests_429(
    client: TestClient, emulator: Emulator, gh: dict[str, str]
) -> None:
    emulator.settings.faults.storm_requests = 3
    emulator.settings.faults.storm_retry_after = 7
    responses = [client.get(PROBE, headers=gh) for _ in range(4)]
    assert [r.status_code for r in responses[:3]] == [429, 429, 429]
    assert responses[0].headers["Retry-After"] == "7"
    assert responses[3].status_code != 429


def test_a_genesys_429_body_is_the_normalized_one(
    client: TestClient, emulator: Emulator, gh: dict[str, str]
) -> None:
    """developer.genesys.cloud forum, "Normalized Platform API 429 responses" (2021-11-10)."""
    emulator.settings.faults.storm_requests = 1
    limited = client.get(PROBE, headers=gh)
    body = limited.json()
    assert set(body) == {"message", "code", "status", "contextId", "details", "errors"}
    assert (body["code"], body["status"], body["details"], body["errors"]) == (
        "too.many.requests.retry.after",
        429,
        [],
        [],
    )
    assert limited.headers["ININ-Correlation-Id"] == body["contextId"]


def test_error_rate_injects_server_errors(client: TestClient, emulator: Emulator, gh: dict[str, str]) -> None:
    emulator.settings.faults.error_rate = 1.0
    response = client.get(PROBE, headers=gh)
    assert response.status_code in (500, 502, 503)
    assert response.json()["status"] == response.status_code


def test_error_rate_is_a_share(client: TestClient, emulator: Emulator, gh: dict[str, str]) -> None:
    emulator.settings.rate_limit_per_minute = 10_000
    emulator.settings.faults.error_rate = 0.2
    emulator.rng.seed(7)
    failures = sum(client.get(PROBE, headers=gh).status_code >= 500 for _ in range(400))
    assert 40 <= failures <= 120


def test_dropped_connections_surface_as_transport_errors(
    client: TestClient, emulator: Emulator, gh: dict[str, str]
) -> None:
    emulator.settings.faults.drop_rate = 1.0
    with pytest.raises(httpx.TransportError):
        client.get(PROBE, headers=gh)


def test_admin_and_token_endpoints_are_never_faulted(client: TestClient, emulator: Emulator) -> None:
    emulator.settings.faults.error_rate = 1.0
    emulator.settings.faults.storm_requests = 100
    assert client.get("/_emulator/health").status_code == 200
    genesys_headers(client)


def test_request_log_counts_per_route(client: TestClient, gh: dict[str, str]) -> None:
    client.delete("/_emulator/requests")
    client.get(PROBE, headers=gh)
    client.get(PROBE, headers=gh)
    client.get(f"{PROBE}/3f2a0c3e-8c57-4a47-9d8e-7b0f3c1a2b4d", headers=gh)
    log = client.get("/_emulator/requests").json()
    counts = {(row["method"], row["path"]): row["count"] for row in log["by_route"]}
    assert counts[("GET", PROBE)] == 2
    assert counts[("GET", f"{PROBE}/{{id}}")] == 1
    assert log["total"] == 3
