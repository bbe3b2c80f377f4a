"""API host discovery: token, tenantId claim, cxone-configuration, versioned base."""

from __future__ import annotations

import asyncio
import base64
import json

import httpx
import pytest

from reconciler.emulator.core import Emulator
from reconciler.exceptions import AuthenticationError
from reconciler.providers.auth import CxonePasswordGrant, Secret
from reconciler.providers.cxone.discovery import API_PATH, api_base, discover_api_base, jwt_claims
from tests.providers.conftest import EMULATOR_URL, in_process
from tests.providers.cxone.support import grant

ISSUER = "https://cxone.niceincontact.com"
TENANT = "11aa22bb-0000-4000-8000-123456789abc"


def _jwt(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'RS256'})}.{part(claims)}.c2lnbmF0dXJl"


def _tenant_grant() -> CxonePasswordGrant:
    key = Secret("k")
    return CxonePasswordGrant(
        auth_url=ISSUER, client_id=key, client_secret=key, access_key_id=key, access_key_secret=key
    )


def _fake_cxone(asked: list[httpx.Request], configuration: httpx.Response) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        if request.url.path == "/auth/token":
            token = _jwt({"tenantId": TENANT, "icBUId": 4600001})
            return httpx.Response(200, json={"access_token": token, "expires_in": 3600})
        return configuration

    return httpx.MockTransport(handle)


def test_the_emulator_names_itself_as_the_api_host() -> None:
    async def run() -> str:
        async with in_process(Emulator()) as http:
            return await discover_api_base(http, issuer=EMULATOR_URL, tokens=grant())

    assert asyncio.run(run()) == EMULATOR_URL + "/inContactAPI/services/v33.0"


def test_the_tenant_of_the_access_token_is_asked_for() -> None:
    asked: list[httpx.Request] = []
    answer = httpx.Response(200, json={"api_endpoint": "https://api-na1.niceincontact.com", "area": "na1"})

    async def run() -> str:
        async with httpx.AsyncClient(transport=_fake_cxone(asked, answer)) as http:
            return await discover_api_base(http, issuer=ISSUER, tokens=_tenant_grant())

    assert asyncio.run(run()) == "https://api-na1.niceincontact.com" + API_PATH
    discovery = asked[-1]
    assert discovery.url.path == "/.well-known/cxone-configuration"
    assert discovery.url.params["tenantId"] == TENANT
    assert "authorization" not in discovery.headers


def test_discovery_without_an_api_endpoint_is_an_authentication_error() -> None:
    asked: list[httpx.Request] = []
    answer = httpx.Response(404, json={"error": "NotFound"})

    async def run() -> str:
        async with httpx.AsyncClient(transport=_fake_cxone(asked, answer)) as http:
            return await discover_api_base(http, issuer=ISSUER, tokens=_tenant_grant())

    with pytest.raises(AuthenticationError, match="gave no api_endpoint \\(HTTP 404\\)"):
        asyncio.run(run())


def test_jwt_claims_are_read_without_verification_and_opaque_tokens_have_none() -> None:
    assert jwt_claims(_jwt({"tenantId": TENANT}))["tenantId"] == TENANT
    assert jwt_claims("opaque-token") == {}
    assert jwt_claims("a.!!!.c") == {}


def test_api_base_appends_the_pinned_version_once() -> None:
    assert api_base("http://localhost:8080/") == "http://localhost:8080" + API_PATH
    assert api_base("http://localhost:8080" + API_PATH) == "http://localhost:8080" + API_PATH
