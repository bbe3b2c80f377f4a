"""The monitor's reads against the emulator in process: a demo org with counts set through the admin API."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any, TypeVar

import httpx

from reconciler.emulator.core import Emulator
from reconciler.providers.auth import GenesysClientCredentials
from reconciler.providers.cxone.discovery import discover_api_base
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.providers.session import demo_org_seed
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process
from tests.providers.cxone.support import grant

T = TypeVar("T")


def demo_emulator(*, with_metrics: bool = False) -> Emulator:
    """The demo org (demo-org.json); without its own counts unless `with_metrics`."""
    seed = demo_org_seed()
    if not with_metrics:
        seed.pop("metrics", None)
    return Emulator(seed=seed)


def post_admin(emulator: Emulator, path: str, body: Any) -> httpx.Response:
    async def run() -> httpx.Response:
        async with in_process(emulator) as http:
            return await http.post(path, json=body)

    return asyncio.run(run())


def post_metrics(emulator: Emulator, body: Any) -> httpx.Response:
    return post_admin(emulator, "/_emulator/metrics", body)


def with_client(emulator: Emulator, platform: str, work: Callable[[ApiClient], Awaitable[T]]) -> T:
    """Run `work` with an ApiClient on the emulated `platform` (CXone: its discovered API base)."""

    async def run() -> T:
        async with in_process(emulator) as http:
            if platform == "cxone":
                tokens: Any = grant()
                base = await discover_api_base(http, issuer=EMULATOR_URL, tokens=tokens)
            else:
                tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)
                base = EMULATOR_URL
            client = ApiClient(http=http, base_url=base, tokens=tokens, limiter=RateLimiter(100_000))
            return await work(client)

    return asyncio.run(run())


def campaign_ids(emulator: Emulator) -> dict[str, str]:
    return {str(c["name"]): str(c["id"]) for c in emulator.state.collection("campaigns").values()}


def skill_ids(emulator: Emulator) -> dict[str, str]:
    return {str(s["skillName"]): key for key, s in emulator.state.cxone["skills"].items()}


def days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=offset) for offset in range(count)]
