from __future__ import annotations

import base64
import json

from starlette.testclient import TestClient

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from tests.emulator.conftest import basic, genesys_headers

PROBE = "/api/v2/outbound/campaigns"


def test_genesys_client_credentials_with_basic_auth(client: TestClient) -> None:
    response = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": basic("emulator", "emulator-secret")},
    )
    body = response.json()
    assert response.status_code == 200
    assert body["token_type"] == "bearer" and body["expires_in"] == 86_400 and body["access_token"]


def test_genesys_bad_credentials_and_grant(client: TestClient) -> None:
    bad = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": basic("emulator", "x")},
    )
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    grant = client.post(
        "/oauth/token",
        data={"grant_type": "password"},
        headers={"Authorization": basic("emulator", "emulator-secret")},
    )
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"


def test_api_needs_a_bearer_token(client: TestClient) -> None:
    missing = client.get(PROBE)
    assert missing.status_code == 401 and missing.json()["code"] == "authentication.required"
    wrong = client.get(PROBE, headers={"Authorization": "Bearer not-a-token"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "bad.credentials"


def test_tokens_expire(client: TestClient, clock: ManualClock, emulator: Emulator) -> None:
    headers = genesys_headers(client)
    assert client.get(PROBE, headers=headers).status_code != 401
    clock.advance(emulator.settings.genesys_token_seconds + 1)
    expired = client.get(PROBE, headers=headers)
    assert expired.status_code == 401 and "expired" in expired.json()["message"]


def test_tokens_are_per_platform(client: TestClient) -> None:
    headers = genesys_headers(client)
    response = client.get("/inContactAPI/services/v33.0/skills", headers=headers)
    assert response.status_code == 401 and "error" in response.json()


def test_cxone_password_grant_and_discovery(client: TestClient) -> None:
    response = client.post(
        "/auth/token",
        data={"grant_type": "password", "username": "emulator", "password": "emulator-secret"},
        headers={"Authorization": basic("emulator", "emulator-secret")},
    )
    body = response.json()
    assert response.status_code == 200 and body["expires_in"] == 3_600
    claims = json.loads(base64.urlsafe_b64decode(body["id_token"].split(".")[1] + "=="))
    config = client.get("/.well-known/cxone-configuration", params={"tenantId": claims["tenantId"]}).json()
    assert config["api_endpoint"] == "http://emulator.test" and config["tenantId"] == claims["tenantId"]


def test_cxone_rejects_a_bad_access_key(client: TestClient) -> None:
    response = client.post(
        "/auth/token",
        data={"grant_type": "password", "username": "emulator", "password": "wrong"},
        headers={"Authorization": basic("emulator", "emulator-secret")},
    )
    assert response.status_code == 401 and response.json()["error"] == "invalid_grant"
