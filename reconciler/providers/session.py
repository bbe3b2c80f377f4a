"""Opening a target: an API client for a real org, or for the built-in emulator running in process.

The `local` kind of target (emulator: true) keeps the emulator's org in .reconciler/<target>.json,
seeded on first use with the demo live org, so plan -> apply -> plan works with no credentials.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import httpx

from reconciler.config import Target
from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.exceptions import UsageError
from reconciler.providers.auth import GenesysClientCredentials, Secret, TokenSource, secret_from_env
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.regions import genesys_api_url, genesys_auth_url

LOCAL_URL = "http://emulator.local"
STATE_DIR = ".reconciler"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass
class Session:
    name: str
    target: Target
    client: ApiClient
    emulator: Emulator | None = None

    @property
    def platform(self) -> str:
        return self.target.platform


def demo_org_seed() -> dict[str, Any]:
    text = (
        resources.files("reconciler.emulator.fixtures").joinpath("demo-org.json").read_text(encoding="utf-8")
    )
    seed: dict[str, Any] = json.loads(text)
    return seed


def _genesys_tokens(target: Target, *, emulated: bool) -> tuple[str, TokenSource]:
    if emulated:
        secret = Secret("emulator"), Secret("emulator-secret")
        return LOCAL_URL, GenesysClientCredentials(
            auth_url=LOCAL_URL, client_id=secret[0], client_secret=secret[1]
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


@asynccontextmanager
async def open_session(name: str, target: Target, *, root: Path) -> AsyncIterator[Session]:
    """An API session for `target`; the emulator (when emulated) persists its org under .reconciler/."""
    if target.platform != "genesys":
        raise UsageError(f"target '{name}': plan and drift support Genesys targets so far; CXone is coming")
    emulator = None
    if target.emulator:
        emulator = Emulator(state_path=root / STATE_DIR / f"{name}.json", seed=demo_org_seed())
        emulator.changed()
        transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=create_app(emulator))
        http = httpx.AsyncClient(transport=transport, timeout=TIMEOUT)
    else:
        http = httpx.AsyncClient(timeout=TIMEOUT)
    base, tokens = _genesys_tokens(target, emulated=target.emulator)
    client = ApiClient(
        http=http, base_url=base, tokens=tokens, limiter=RateLimiter(target.rate_limit_per_minute)
    )
    try:
        yield Session(name=name, target=target, client=client, emulator=emulator)
    finally:
        await http.aclose()
