"""Opening a target: an API client for a real org, or for the built-in emulator running in process.

The `local` kind of target (emulator: true) keeps the emulator's org in .reconciler/<target>.json,
seeded on first use with the demo live org, so plan -> apply -> plan works with no credentials.
The demo org holds both platforms, so an emulated Genesys and an emulated CXone target work alike.

Genesys targets know their API host from the region. CXone targets authenticate first and then
discover the tenant's API host (developer.niceincontact.com/Documentation/YourFirstApp), unless base_url names it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import httpx

from reconciler.config import TARGET_NAME, Target
from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.exceptions import AuthenticationError, ConfigError
from reconciler.limits import DEFAULT_LIMITS, Limits
from reconciler.platform import Platform
from reconciler.providers.auth import (
    CxoneAccessKey,
    CxonePasswordGrant,
    GenesysClientCredentials,
    Secret,
    TokenSource,
    secret_from_env,
)
from reconciler.providers.cxone.discovery import api_base, discover_api_base
from reconciler.providers.http import CXONE_RETRY, ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.redaction import register_env_fields
from reconciler.regions import CXONE_ISSUERS, genesys_api_url, genesys_auth_url
from reconciler.transport import plain_http_elsewhere, refusal, warn_insecure

LOCAL_URL = "http://emulator.local"
STATE_DIR = ".reconciler"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
EMULATOR_CREDENTIALS = Secret("emulator"), Secret("emulator-secret")
CXONE_HEADERS = {"Accept": "application/json"}  # without it CXone may answer "No known way to render data"


@dataclass
class Session:
    name: str
    target: Target
    client: ApiClient
    emulator: Emulator | None = None

    @property
    def platform(self) -> Platform:
        return self.target.platform


def demo_org_seed() -> dict[str, Any]:
    text = (
        resources.files("reconciler.emulator.fixtures").joinpath("demo-org.json").read_text(encoding="utf-8")
    )
    seed: dict[str, Any] = json.loads(text)
    return seed


def _genesys_tokens(target: Target, *, emulated: bool) -> tuple[str, TokenSource]:
    if emulated:
        client_id, client_secret = EMULATOR_CREDENTIALS
        return LOCAL_URL, GenesysClientCredentials(
            auth_url=LOCAL_URL, client_id=client_id, client_secret=client_secret
        )
    base = str(target.base_url) if target.base_url else genesys_api_url(str(target.region))
    auth = (
        str(target.auth_url)
        if target.auth_url
        else (genesys_auth_url(target.region) if target.region else base)
    )
    client_id = secret_from_env(target.client_id_env, what="Genesys client id")
    client_secret = secret_from_env(target.client_secret_env, what="Genesys client secret")
    return base, GenesysClientCredentials(auth_url=auth, client_id=client_id, client_secret=client_secret)


def _cxone_tokens(target: Target, *, emulated: bool) -> tuple[str, str | None, TokenSource]:
    """(issuer, API base when fixed by base_url else None, token source) of a CXone target."""
    if emulated:
        client_id, client_secret = EMULATOR_CREDENTIALS
        if target.token_route == "access-key":
            return (
                LOCAL_URL,
                None,
                CxoneAccessKey(auth_url=LOCAL_URL, access_key_id=client_id, access_key_secret=client_secret),
            )
        grant = CxonePasswordGrant(
            auth_url=LOCAL_URL,
            client_id=client_id,
            client_secret=client_secret,
            access_key_id=client_id,
            access_key_secret=client_secret,
            client_auth=target.client_auth,
        )
        return LOCAL_URL, None, grant
    base = api_base(str(target.base_url)) if target.base_url else None
    if target.auth_url and target.token_route == "app":
        issuer = str(target.auth_url)
    elif target.issuer is None and target.base_url is not None:
        issuer = str(target.base_url)  # a running emulator serves its own token endpoint
    else:
        issuer = CXONE_ISSUERS[target.issuer or "global"]
    if target.token_route == "access-key":
        host = str(target.auth_url) if target.auth_url else f"https://{target.area}.nice-incontact.com"
        key = CxoneAccessKey(
            auth_url=host,
            access_key_id=secret_from_env(target.access_key_id_env, what="CXone access key id"),
            access_key_secret=secret_from_env(target.access_key_secret_env, what="CXone access key secret"),
        )
        return issuer, base, key
    grant = CxonePasswordGrant(
        auth_url=issuer,
        client_id=secret_from_env(target.client_id_env, what="CXone client id"),
        client_secret=secret_from_env(target.client_secret_env, what="CXone client secret"),
        access_key_id=secret_from_env(target.access_key_id_env, what="CXone access key id"),
        access_key_secret=secret_from_env(target.access_key_secret_env, what="CXone access key secret"),
        client_auth=target.client_auth,
    )
    return issuer, base, grant


def local_state_path(root: Path, name: str) -> Path:
    """Where an emulated target keeps its org: .reconciler/<name>.json, never anywhere else."""
    folder = root / STATE_DIR
    path = folder / f"{name}.json"
    if not TARGET_NAME.fullmatch(name):
        raise ConfigError(
            f"target name {name!r} is not a plain file name; cannot keep its state in {STATE_DIR}/"
        )
    for link in (folder, path):
        if link.is_symlink():  # a committed symlink would carry the state file anywhere
            raise ConfigError(
                f"{link} is a symbolic link; the emulator state stays in a real {STATE_DIR}/ folder"
            )
    return path


def _check_discovered(name: str, target: Target, base: str) -> None:
    """The tenant's API host comes from a server's answer: it follows the same transport rules as base_url."""
    problem = refusal(base, insecure=target.insecure)
    if problem is not None:
        raise AuthenticationError(f"CXone discovery named an API host that {problem}")
    if plain_http_elsewhere(base):
        warn_insecure(name, [base])


async def _cxone_client(name: str, target: Target, http: httpx.AsyncClient, limits: Limits) -> ApiClient:
    """A CXone client: authenticate, then discover the tenant's API host unless base_url names it."""
    issuer, fixed, tokens = _cxone_tokens(target, emulated=target.emulator)
    base = fixed or await discover_api_base(http, issuer=issuer, tokens=tokens)
    if fixed is None and not target.emulator:
        _check_discovered(name, target, base)
    return ApiClient(
        http=http,
        base_url=base,
        tokens=tokens,
        limiter=RateLimiter(target.rate_limit_per_minute),
        default_headers=CXONE_HEADERS,
        limits=limits,
        retry=CXONE_RETRY,
    )


async def _genesys_client(name: str, target: Target, http: httpx.AsyncClient, limits: Limits) -> ApiClient:
    """A Genesys client: the API host comes from the region (or base_url)."""
    base, tokens = _genesys_tokens(target, emulated=target.emulator)
    limiter = RateLimiter(target.rate_limit_per_minute)
    return ApiClient(http=http, base_url=base, tokens=tokens, limiter=limiter, limits=limits)


Connect = Callable[[str, Target, httpx.AsyncClient, Limits], Awaitable[ApiClient]]
CONNECT: Mapping[Platform, Connect] = {Platform.GENESYS: _genesys_client, Platform.CXONE: _cxone_client}
"""Per platform: the API client of a target, with its base URL, token source, rate limiter and bounds."""


@asynccontextmanager
async def open_session(
    name: str, target: Target, *, root: Path, limits: Limits = DEFAULT_LIMITS
) -> AsyncIterator[Session]:
    """An API session for `target`; the emulator (when emulated) persists its org under .reconciler/.

    `limits` (reconciler.yaml) bounds response sizes and pages per listing."""
    register_env_fields(target)  # its credentials are redacted from everything the run shows
    emulator = None
    if target.emulator:
        emulator = Emulator(state_path=local_state_path(root, name), seed=demo_org_seed())
        emulator.changed()
        transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=create_app(emulator))
        http = httpx.AsyncClient(transport=transport, timeout=TIMEOUT)
    else:
        if target.insecure:
            warn_insecure(name, [str(url) for url in (target.base_url, target.auth_url) if url is not None])
        http = httpx.AsyncClient(timeout=TIMEOUT)
    try:
        client = await CONNECT[target.platform](name, target, http, limits)
        yield Session(name=name, target=target, client=client, emulator=emulator)
    finally:
        await http.aclose()
