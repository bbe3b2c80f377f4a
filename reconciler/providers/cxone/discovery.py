"""Finding a tenant's API host (developer.niceincontact.com/Documentation/YourFirstApp): token -> tenantId claim -> cxone-configuration.

The ACD admin API lives under `{api_endpoint}/inContactAPI/services/vNN.0`; the version is pinned in
API_VERSION (v33.0: campaigns take flat bodies only from there on, developer.niceincontact.com/API/AdminAPI).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import httpx

from reconciler.exceptions import AuthenticationError
from reconciler.providers.auth import TokenSource
from reconciler.providers.bounded import SMALL_ANSWER, send_bounded

API_VERSION = "v33.0"
API_PATH = f"/inContactAPI/services/{API_VERSION}"
CONFIGURATION_PATH = "/.well-known/cxone-configuration"


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, decoded without verifying the signature; {} for an opaque token.

    Only used to read which tenant a token belongs to; nothing is trusted on the strength of it.
    """
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    padded = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


def tenant_of(id_token: str | None, access_token: str) -> str | None:
    """The tenantId claim of the id_token first, then of the access token; None when neither has one."""
    for token in (id_token, access_token):
        tenant = jwt_claims(token).get("tenantId") if token else None
        if tenant:
            return str(tenant)
    return None


def api_base(api_endpoint: str) -> str:
    """The versioned ACD admin API root under a host; a root that already has it is kept."""
    host = api_endpoint.rstrip("/")
    return host if host.endswith(API_PATH) else host + API_PATH


async def discover_api_base(http: httpx.AsyncClient, *, issuer: str, tokens: TokenSource) -> str:
    """Authenticate, then ask the issuer where the tenant's API lives (no auth needed for that GET).

    The tenant comes from the `tenantId` claim of the id_token, else of the access token (both are
    JWTs on CXone; public clients such as DEFRA/flood-webchat and Cognigy/Extensions read the
    id_token); without either the issuer is asked without a tenantId, as regional hosts allow.
    """
    token = await tokens.token(http)
    tenant = tenant_of(getattr(tokens, "id_token", None), token)
    url = issuer.rstrip("/") + CONFIGURATION_PATH
    params = {"tenantId": str(tenant)} if tenant else None
    try:
        request = http.build_request("GET", url, params=params, headers={"Accept": "application/json"})
        response = await send_bounded(http, request, SMALL_ANSWER)
    except httpx.TransportError as exc:
        raise AuthenticationError(f"cannot reach CXone discovery at {url}: {type(exc).__name__}") from None
    try:
        endpoint = response.json()["api_endpoint"] if response.status_code == 200 else None
    except (ValueError, KeyError, TypeError):
        endpoint = None
    if not isinstance(endpoint, str) or not endpoint:
        raise AuthenticationError(
            f"CXone discovery at {url} gave no api_endpoint (HTTP {response.status_code})"
        )
    return api_base(endpoint)
