"""CXone token routes: the access-key endpoint without app registration (CX-A8), client_secret_post
(CX-A3), and the tenant read from the id_token first, then the access token (CX-A6)."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from reconciler.config import Target
from reconciler.emulator.core import Emulator
from reconciler.providers.auth import CxoneAccessKey
from reconciler.providers.cxone.discovery import API_PATH, discover_api_base, jwt_claims
from reconciler.providers.session import open_session
from tests.providers.conftest import in_process
from tests.providers.cxone.support import grant as cxone_grant

KEY_ENV = {"access_key_id_env": "CX_KEY_ID", "access_key_secret_env": "CX_KEY_SECRET"}


def _jwt(claims: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none'})}.{part(claims)}."


def test_an_emulated_target_on_the_access_key_route_reads_without_an_app_registration(tmp_path: Path) -> None:
    target = Target(platform="cxone", emulator=True, token_route="access-key")

    async def run() -> tuple[int, str]:
        async with open_session("t", target, root=tmp_path) as session:
            tokens = session.client.tokens
            assert isinstance(tokens, CxoneAccessKey)
            response = await session.client.request("GET", "/skills", allow=(204,))
            return response.status_code, tokens.url

    status, token_url = asyncio.run(run())
    assert status in (200, 204)  # the emulator took the access-key token
    assert token_url.endswith("/authentication/v1/token/access-key")


def test_the_access_key_route_posts_json_to_the_areas_host_and_needs_no_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in KEY_ENV.values():
        monkeypatch.setenv(name, f"value-of-{name.lower()}")
    target = Target.model_validate(
        {
            "platform": "cxone",
            "token_route": "access-key",
            "area": "na1",
            "base_url": "https://api.example.test",
            **KEY_ENV,
        }
    )
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"access_token": _jwt({"tenantId": "t-1"}), "expires_in": 3600})

    async def run() -> None:
        async with open_session("t", target, root=tmp_path) as session:
            tokens = session.client.tokens
            assert isinstance(tokens, CxoneAccessKey)
            async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
                await tokens.token(http)

    asyncio.run(run())
    (request,) = sent
    assert str(request.url) == "https://na1.nice-incontact.com/authentication/v1/token/access-key"
    assert json.loads(request.content) == {
        "accessKeyId": "value-of-cx_key_id",
        "accessKeySecret": "value-of-cx_key_secret",
    }
    assert "authorization" not in request.headers


def test_the_access_key_route_needs_its_area_and_applies_to_cxone_only() -> None:
    with pytest.raises(ValidationError, match="area"):
        Target.model_validate({"platform": "cxone", "token_route": "access-key", **KEY_ENV})
    with pytest.raises(ValidationError, match="CXone targets"):
        Target.model_validate({"platform": "genesys", "region": "us-east-1", "client_auth": "post"})


def test_client_secret_post_sends_the_client_in_the_form_and_the_emulator_takes_it() -> None:
    grant = cxone_grant("post")
    seen: list[httpx.Request] = []

    async def run() -> str:
        async with in_process(Emulator()) as http:
            http.event_hooks["request"] = [lambda request: _keep(seen, request)]
            return await grant.token(http)

    assert asyncio.run(run())
    (request,) = seen
    assert "authorization" not in request.headers
    form = dict(pair.split("=", 1) for pair in request.content.decode().split("&"))
    assert (form["client_id"], form["grant_type"]) == ("emulator", "password")


async def _keep(seen: list[httpx.Request], request: httpx.Request) -> None:
    seen.append(request)


class _Tokens:
    def __init__(self, access: str, id_token: str | None) -> None:
        self.access, self.id_token = access, id_token

    async def token(self, http: httpx.AsyncClient, *, refresh: bool = False) -> str:
        return self.access


@pytest.mark.parametrize(
    ("id_token", "expected"),
    [(_jwt({"tenantId": "from-id-token"}), "from-id-token"), (None, "from-access-token")],
)
def test_the_tenant_is_read_from_the_id_token_first_then_the_access_token(
    id_token: str | None, expected: str
) -> None:
    asked: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.params.get("tenantId"))
        return httpx.Response(200, json={"api_endpoint": "https://api-na1.example.test"})

    tokens = _Tokens(_jwt({"tenantId": "from-access-token"}), id_token)

    async def run() -> str:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            return await discover_api_base(http, issuer="https://cxone.example.test", tokens=tokens)

    assert asyncio.run(run()) == "https://api-na1.example.test" + API_PATH
    assert asked == [expected]


def test_the_emulators_cxone_tokens_carry_the_tenant_in_both_tokens() -> None:
    grant = cxone_grant()

    async def run() -> str:
        async with in_process(Emulator()) as http:
            return await grant.token(http)

    access = asyncio.run(run())
    assert jwt_claims(access).get("tenantId") and grant.id_token is not None
    assert jwt_claims(grant.id_token)["tenantId"] == jwt_claims(access)["tenantId"]


def test_the_emulators_access_key_endpoint_refuses_a_wrong_key() -> None:
    async def run() -> int:
        async with in_process(Emulator()) as http:
            body = {"accessKeyId": "emulator", "accessKeySecret": "wrong"}
            response = await http.post("/authentication/v1/token/access-key", json=body)
            return response.status_code

    assert asyncio.run(run()) == 401
