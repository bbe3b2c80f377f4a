"""CXone retry rules (CX-C6): 206 Partial Success is an answer read per item; a 500 and a POST after a
5xx are never retried; 502/503/504 on idempotent requests and 429 still are."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import httpx
import pytest

from reconciler.apply.cxone_bodies import answer_of, failures
from reconciler.config import Target
from reconciler.exceptions import RequestFailed
from reconciler.providers.http import CXONE_RETRY, ApiClient, RetryPolicy
from reconciler.providers.rate_limit import RateLimiter
from reconciler.providers.session import open_session
from tests.providers.test_http import StaticTokens

FAST_CXONE = dataclasses.replace(
    CXONE_RETRY, attempts=4, max_seconds=10, backoff_base=0.001, backoff_max=0.01
)
PATH = "/inContactAPI/services/v33.0/skills"


def _scripted(statuses: list[int], body: object = None) -> tuple[ApiClient, list[httpx.Request]]:
    answers = iter(statuses)
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(next(answers), json=body if body is not None else {})

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = ApiClient(
        http=http,
        base_url="https://api.test",
        tokens=StaticTokens(),
        limiter=RateLimiter(10_000),
        retry=FAST_CXONE,
    )
    return client, calls


def test_a_206_partial_success_is_an_answer_whose_failed_items_are_reported() -> None:
    body = {
        "errorCount": 1,
        "skillsResults": [{"success": True}, {"success": False, "error": "Invalid skillName"}],
    }
    client, calls = _scripted([206], body)
    response = asyncio.run(client.request("POST", PATH, json={"skills": [{}, {}]}))
    assert response.status_code == 206 and len(calls) == 1
    assert failures(answer_of(response)) == ["Invalid skillName"]


@pytest.mark.parametrize("method", ["GET", "PUT", "POST"])
def test_a_500_is_deterministic_and_not_retried(method: str) -> None:
    client, calls = _scripted([500, 200], {"error": "Skill setup failed. Skill cannot be marked active"})
    with pytest.raises(RequestFailed, match="HTTP 500"):
        asyncio.run(client.request(method, f"{PATH}/5001", json={} if method != "GET" else None))
    assert len(calls) == 1


def test_a_post_is_not_sent_again_after_a_503() -> None:
    client, calls = _scripted([503, 200])
    with pytest.raises(RequestFailed, match="HTTP 503"):
        asyncio.run(client.request("POST", PATH, json={"skills": [{"skillName": "x"}]}))
    assert len(calls) == 1


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_an_idempotent_request_is_retried_after_a_503(method: str) -> None:
    client, calls = _scripted([503, 502, 200])
    assert asyncio.run(client.request(method, PATH, json={} if method != "GET" else None)).status_code == 200
    assert len(calls) == 3


def test_a_cxone_session_retries_by_the_cxone_rules(tmp_path: Path) -> None:
    async def policy() -> RetryPolicy:
        async with open_session(
            "local-cxone", Target(platform="cxone", emulator=True), root=tmp_path
        ) as session:
            return session.client.retry

    chosen = asyncio.run(policy())
    assert (chosen.retry_500, chosen.retry_post_5xx) == (False, False)
