"""Token endpoints: Genesys client credentials, CXone password grant and access key, CXone host discovery.

CXone tokens are JWT-shaped (unsigned) and carry the tenantId claim, as CXone's JWTs do; the password
grant answers an id_token too, the access-key route (POST /authentication/v1/token/access-key with JSON
{accessKeyId, accessKeySecret}, no app registration) does not. The password grant takes the client id
and secret as HTTP Basic (client_secret_basic) or in the form (client_secret_post).
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.core import Emulator, Token

TENANT_ID = "11111111-2222-3333-4444-555555555555"


def _basic(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


async def _form(request: Request) -> dict[str, str]:
    """An application/x-www-form-urlencoded body (the only kind token endpoints take)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return {key: values[-1] for key, values in parse_qs(body, keep_blank_values=True).items()}


def _oauth_error(status: int, error: str, description: str) -> JSONResponse:
    return JSONResponse(
        {"error": error, "description": description, "error_description": description}, status_code=status
    )


def _issue(emulator: Emulator, platform: str, seconds: int) -> str:
    token = secrets.token_urlsafe(32)
    emulator.tokens[token] = Token(platform=platform, expires_at=emulator.now() + seconds)
    return token


async def genesys_token(request: Request) -> Response:
    """POST /oauth/token: client_credentials with HTTP Basic client id and secret."""
    emulator: Emulator = request.app.state.emulator
    form = await _form(request)
    if form.get("grant_type") != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type", "grant_type must be client_credentials")
    credentials = emulator.settings.credentials
    if _basic(request) != (credentials.client_id, credentials.client_secret):
        return _oauth_error(401, "invalid_client", "client authentication failed")
    seconds = emulator.settings.genesys_token_seconds
    token = _issue(emulator, "genesys", seconds)
    return JSONResponse({"access_token": token, "token_type": "bearer", "expires_in": seconds})


def _unsigned_jwt(claims: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


async def cxone_token(request: Request) -> Response:
    """POST /auth/token: password grant, access key as username/password, client id/secret as Basic."""
    emulator: Emulator = request.app.state.emulator
    form = await _form(request)
    credentials = emulator.settings.credentials
    if form.get("grant_type") != "password":
        return _oauth_error(400, "unsupported_grant_type", "grant_type must be password")
    client = _basic(request) or (str(form.get("client_id", "")), str(form.get("client_secret", "")))
    if client != (credentials.client_id, credentials.client_secret):
        return _oauth_error(401, "invalid_client", "client authentication failed")
    if (form.get("username"), form.get("password")) != (
        credentials.access_key_id,
        credentials.access_key_secret,
    ):
        return _oauth_error(401, "invalid_grant", "access key authentication failed")
    seconds = emulator.settings.cxone_token_seconds
    token = _issue_cxone(emulator, seconds)
    return JSONResponse(
        {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": seconds,
            "refresh_token": secrets.token_urlsafe(24),
            "id_token": _unsigned_jwt(_cxone_claims(emulator, seconds)),
            "issued_token_type": "urn:ietf:params:oauth:token-type:access_token",
        }
    )


def _cxone_claims(emulator: Emulator, seconds: int) -> dict[str, Any]:
    return {
        "tenantId": TENANT_ID,
        "icBUId": 4600001,
        "icClusterId": "E1",
        "exp": int(emulator.now()) + seconds,
    }


def _issue_cxone(emulator: Emulator, seconds: int) -> str:
    """A JWT-shaped access token with the tenant's claims (and a unique jti), valid `seconds`."""
    token = _unsigned_jwt({**_cxone_claims(emulator, seconds), "jti": secrets.token_urlsafe(16)})
    emulator.tokens[token] = Token(platform="cxone", expires_at=emulator.now() + seconds)
    return token


async def cxone_access_key_token(request: Request) -> Response:
    """POST /authentication/v1/token/access-key: JSON {accessKeyId, accessKeySecret}, no client."""
    emulator: Emulator = request.app.state.emulator
    try:
        body = json.loads(await request.body())
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return _oauth_error(400, "invalid_request", "the body must be JSON {accessKeyId, accessKeySecret}")
    credentials = emulator.settings.credentials
    if (body.get("accessKeyId"), body.get("accessKeySecret")) != (
        credentials.access_key_id,
        credentials.access_key_secret,
    ):
        return _oauth_error(401, "invalid_grant", "access key authentication failed")
    seconds = emulator.settings.cxone_token_seconds
    return JSONResponse(
        {
            "access_token": _issue_cxone(emulator, seconds),
            "token_type": "Bearer",
            "expires_in": seconds,
            "refresh_token": secrets.token_urlsafe(24),
        }
    )


async def cxone_configuration(request: Request) -> Response:
    """GET /.well-known/cxone-configuration: the API host is the emulator itself."""
    base = str(request.base_url).rstrip("/")
    host = request.url.hostname or "localhost"
    return JSONResponse(
        {
            "private": False,
            "ui_endpoint": base,
            "auth_endpoint": base,
            "api_endpoint": base,
            "area": "emu1",
            "cluster": "E1",
            "domain": host,
            "acdDomain": host,
            "uhDomain": host,
            "tenantId": request.query_params.get("tenantId", TENANT_ID),
            "globaldomain": host,
        }
    )


def bearer_token(
    emulator: Emulator, request_headers: dict[str, str], platform: str
) -> tuple[str | None, str]:
    """(token, problem): the valid bearer token of this platform, or why there is none."""
    header = request_headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None, "missing"
    known = emulator.tokens.get(token)
    if known is None or known.platform != platform:
        return None, "invalid"
    if known.expires_at <= emulator.now():
        return None, "expired"
    return token, ""


def routes() -> list[Route]:
    return [
        Route("/oauth/token", genesys_token, methods=["POST"]),
        Route("/auth/token", cxone_token, methods=["POST"]),
        Route("/authentication/v1/token/access-key", cxone_access_key_token, methods=["POST"]),
        Route("/.well-known/cxone-configuration", cxone_configuration, methods=["GET"]),
    ]
