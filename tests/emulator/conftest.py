"""Emulator tests talk real HTTP to the app in process (httpx through Starlette's TestClient)."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.app import create_app
from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def emulator(clock: ManualClock) -> Emulator:
    return Emulator(clock=clock)


@pytest.fixture
def client(emulator: Emulator) -> Iterator[TestClient]:
    with TestClient(create_app(emulator), base_url="http://emulator.test") as test_client:
        yield test_client


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def genesys_headers(client: TestClient) -> dict[str, str]:
    """Authorization headers with a fresh Genesys token (default emulator credentials)."""
    response = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": basic("emulator", "emulator-secret")},
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def cxone_headers(client: TestClient) -> dict[str, str]:
    """Authorization headers with a fresh CXone token (default emulator credentials)."""
    response = client.post(
        "/auth/token",
        data={"grant_type": "password", "username": "emulator", "password": "emulator-secret"},
        headers={"Authorization": basic("emulator", "emulator-secret")},
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def gh(client: TestClient) -> dict[str, str]:
    return genesys_headers(client)


@pytest.fixture
def ch(client: TestClient) -> dict[str, str]:
    return cxone_headers(client)
