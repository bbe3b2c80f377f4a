"""Every Genesys answer carries an ININ-Correlation-Id, as the real platform's do (success, errors, 401, 429)."""

from __future__ import annotations

import uuid

import httpx
import pytest
from starlette.testclient import TestClient

from reconciler.emulator.core import Emulator
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import MISSING, OUTBOUND, Api


def _correlation_id(response: httpx.Response) -> str:
    value = response.headers.get("ININ-Correlation-Id")
    assert value is not None, f"{response.status_code} {response.request.url.path} has no correlation id"
    return str(uuid.UUID(value))


def test_success_and_handler_errors_carry_one(api: Api) -> None:
    created = api.create("contactlists", s.contact_list())
    settings = api.get(f"{OUTBOUND}/settings").json()
    answers = [
        (200, api.get(f"{OUTBOUND}/contactlists")),
        (204, api.patch(f"{OUTBOUND}/settings", {"maxCallsPerAgent": 3, "version": settings["version"]})),
        (400, api.post(f"{OUTBOUND}/contactlists", {"name": "no columns"})),
        (404, api.get(f"{OUTBOUND}/contactlists/{MISSING}")),
        (409, api.put(f"{OUTBOUND}/contactlists/{created['id']}", {**created, "version": 0})),
    ]
    assert [response.status_code for _, response in answers] == [status for status, _ in answers]
    ids = [_correlation_id(response) for _, response in answers]
    assert len(set(ids)) == len(ids)  # a fresh one per response
    for _, response in answers[2:]:  # an ErrorBody's contextId is the same id
        assert response.json()["contextId"] == response.headers["ININ-Correlation-Id"]


def test_a_route_the_emulator_lacks_carries_one(api: Api) -> None:
    response = api.get(f"{OUTBOUND}/campaigns/{MISSING}/progress")
    assert response.status_code == 404
    _correlation_id(response)


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token"])
def test_a_401_from_the_middleware_carries_one(client: TestClient, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get(f"{OUTBOUND}/campaigns", headers=headers)
    assert response.status_code == 401
    assert _correlation_id(response) == response.json()["contextId"]


def test_a_429_from_the_middleware_carries_one(
    client: TestClient, emulator: Emulator, gh: dict[str, str]
) -> None:
    emulator.settings.faults.storm_requests = 1
    response = client.get(f"{OUTBOUND}/campaigns", headers=gh)
    assert response.status_code == 429
    assert _correlation_id(response) == response.json()["contextId"]


def test_an_injected_5xx_carries_one(client: TestClient, emulator: Emulator, gh: dict[str, str]) -> None:
    emulator.settings.faults.error_rate = 1.0
    response = client.get(f"{OUTBOUND}/campaigns", headers=gh)
    assert response.status_code >= 500
    assert _correlation_id(response) == response.json()["contextId"]
