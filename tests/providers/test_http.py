"""The API client against scripted responses (httpx.MockTransport is the seam)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from reconciler.exceptions import OutcomeUnknown, RequestFailed, RetriesExhausted
from reconciler.providers.http import ApiClient, RetryPolicy
from reconciler.providers.rate_limit import RateLimiter

FAST = RetryPolicy(attempts=4, max_seconds=10, backoff_base=0.001, backoff_max=0.01)


class StaticTokens:
    def __init__(self) -> None:
        self.issued = 0

    async def token(self, http: httpx.AsyncClient, *, refresh: bool = False) -> str:
        if refresh or self.issued == 0:
            self.issued += 1
        return f"token-{self.issued}"


def _client(
    handler: Callable[[httpx.Request], httpx.Response], tokens: StaticTokens | None = None
) -> ApiClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return ApiClient(
        http=http,
        base_url="https://api.test",
        tokens=tokens or StaticTokens(),
        limiter=RateLimiter(10_000),
        retry=FAST,
    )


def _run(client: ApiClient, method: str = "GET", path: str = "/api/v2/outbound/campaigns") -> httpx.Response:
    return asyncio.run(client.request(method, path, json={} if method != "GET" else None))


def test_5xx_is_retried_until_success() -> None:
    answers = iter([503, 500, 200])
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(next(answers), json={})

    assert _run(_client(handler)).status_code == 200
    assert len(calls) == 3


def test_429_honours_retry_after_through_the_limiter() -> None:
    answers = iter([429, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        return httpx.Response(status, json={"code": "too.many.requests"}, headers={"Retry-After": "0"})

    assert _run(_client(handler)).status_code == 200


def test_401_refreshes_the_token_once() -> None:
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(401 if len(seen) == 1 else 200, json={})

    tokens = StaticTokens()
    assert _run(_client(handler, tokens)).status_code == 200
    assert seen == ["Bearer token-1", "Bearer token-2"]


def test_4xx_fails_at_once_with_the_platform_code() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            409, json={"code": "invalid.update.wrong.version", "message": "stale", "status": 409}
        )

    with pytest.raises(RequestFailed) as err:
        _run(_client(handler), "PUT", "/api/v2/outbound/campaigns/1")
    assert err.value.status == 409 and err.value.code == "invalid.update.wrong.version"
    assert "PUT /api/v2/outbound/campaigns/1" in str(err.value)


@pytest.mark.parametrize(
    ("headers", "body_id", "shown"),
    [
        (
            {"ININ-Correlation-Id": "1b2c3d4e-aaaa-bbbb-cccc-000000000001"},
            "ignored",
            "1b2c3d4e-aaaa-bbbb-cccc-000000000001",
        ),
        ({}, "5e6f7a8b-aaaa-bbbb-cccc-000000000002", "5e6f7a8b-aaaa-bbbb-cccc-000000000002"),
        ({}, "not\nan id", None),
    ],
)
def test_an_api_error_quotes_the_correlation_id_on_one_line(
    headers: dict[str, str], body_id: str, shown: str | None
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {"code": "bad.request", "message": "refused", "status": 400, "contextId": body_id}
        return httpx.Response(400, json=body, headers=headers)

    with pytest.raises(RequestFailed) as err:
        _run(_client(handler), "POST")
    message = str(err.value)
    assert err.value.correlation_id == shown and "\n" not in message
    assert message.endswith(f"(correlation id {shown})" if shown else "refused")


def test_a_dropped_post_is_an_unknown_outcome_not_a_resend() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.RemoteProtocolError("peer closed connection")

    with pytest.raises(OutcomeUnknown):
        _run(_client(handler), "POST")
    assert len(calls) == 1


def test_a_dropped_get_is_retried_then_gives_up() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("slow")

    with pytest.raises(RetriesExhausted):
        _run(_client(handler))
    assert len(calls) == FAST.attempts


def test_tokens_never_appear_in_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"code": "bad.request", "message": "nope"})

    with pytest.raises(RequestFailed) as err:
        _run(_client(handler))
    assert "token-" not in str(err.value)
