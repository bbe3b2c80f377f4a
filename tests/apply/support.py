"""Applying the demo repo to an in-process emulator the test holds, so it can inject faults and edits."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from reconciler.apply.results import ChangeResult
from reconciler.apply.run import ApplyOptions, ApplyRun, apply_project
from reconciler.apply.saved_plan import load_saved_plan
from reconciler.apply.work import ApplySettings
from reconciler.config import ProjectFile, Target, load_project
from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.store import objects
from reconciler.live_plan import LiveRun, run_live
from reconciler.notify import Notifier
from reconciler.plan.render_json import render_json
from reconciler.providers.auth import GenesysClientCredentials
from reconciler.providers.http import ApiClient, RetryPolicy
from reconciler.providers.rate_limit import RateLimiter
from reconciler.providers.session import Session, demo_org_seed
from tests.conftest import copy_demo
from tests.providers.conftest import EMULATOR_URL, ID, SECRET

FAST = ApplySettings(stop_timeout_seconds=20, poll_seconds=0.1, visible_timeout_seconds=20, version_retries=8)
QUICK_RETRIES = RetryPolicy(attempts=12, max_seconds=60, backoff_base=0.01, backoff_max=0.1)
Crash = Callable[[httpx.Request], bool]
"""Picks the request whose answer the apply process dies right after (the write has happened)."""
Refuse = Callable[[httpx.Request], bool]
"""Picks requests the platform refuses (400 bad.request, nothing written), whatever the emulator would do."""


@dataclass(frozen=True)
class Sent:
    """One request as the client sent it: method, path, query parameters and JSON body."""

    method: str
    path: str
    params: dict[str, str]
    body: Any


class _Refusing(httpx.AsyncBaseTransport):
    """The emulator app as a transport that answers the chosen requests 400 without passing them on."""

    def __init__(self, inner: httpx.AsyncBaseTransport, refuse: Refuse) -> None:
        self.inner, self.refuse = inner, refuse

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.refuse(request):
            error = {"message": "Refused by the test.", "code": "bad.request", "status": 400}
            return httpx.Response(400, json=error, request=request)
        return await self.inner.handle_async_request(request)


class Killed(BaseException):
    """Stands in for the apply process dying: not an Exception, so nothing inside apply catches it."""


class _Crashing(httpx.AsyncBaseTransport):
    """The emulator app as a transport that raises Killed once, right after answering the chosen request."""

    def __init__(self, inner: httpx.AsyncBaseTransport, crash: Crash) -> None:
        self.inner: httpx.AsyncBaseTransport = inner
        self.crash: Crash | None = crash

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if self.crash is not None and response.status_code < 300 and self.crash(request):
            self.crash = None
            raise Killed
        return response


GENESYS_COLLECTIONS = (
    "campaigns",
    "campaignrules",
    "contactlists",
    "contactlistfilters",
    "dnclists",
    "callabletimesets",
    "callanalysisresponsesets",
    "rulesets",
    "attemptlimits",
    "sequences",
)


def demo_repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    return tmp_path


def demo_emulator() -> Emulator:
    """The demo live org, with short platform delays (a campaign stops in 0.2 s, settings land in 0.2 s)."""
    emulator = Emulator(seed=demo_org_seed())
    emulator.settings.campaign_stop_seconds = 0.2
    emulator.settings.settings_apply_seconds = 0.2
    return emulator


@dataclass
class Harness:
    root: Path
    emulator: Emulator
    per_minute: int = 100_000
    refuse: Refuse | None = None
    request_hook: Callable[[httpx.Request], Awaitable[None]] | None = None  # sees every request sent
    sent: list[Sent] = field(default_factory=list)
    """Every API request of the harness's plans and applies, in the order sent."""

    @property
    def project(self) -> ProjectFile:
        return load_project(self.root / "reconciler.yaml")

    def saved_plan(self) -> dict[str, Any]:
        """A plan of the org now, saved as `plan --out` writes it and loaded as `apply PLANFILE` reads it."""
        path = self.root / "plan.json"
        path.write_text(render_json(self.plan().plan))
        return load_saved_plan(path)

    def _session(self, http: Any) -> Session:
        tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)
        client = ApiClient(
            http=http,
            base_url=EMULATOR_URL,
            tokens=tokens,
            limiter=RateLimiter(self.per_minute),
            retry=QUICK_RETRIES,
        )
        return Session(name="local", target=Target(platform="genesys", emulator=True), client=client)

    def _http(self, crash: Crash | None = None) -> httpx.AsyncClient:
        transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=create_app(self.emulator))
        if self.refuse is not None:
            transport = _Refusing(transport, self.refuse)
        if crash is not None:
            transport = _Crashing(transport, crash)
        hooks = [self._record] if self.request_hook is None else [self._record, self.request_hook]
        return httpx.AsyncClient(transport=transport, base_url=EMULATOR_URL, event_hooks={"request": hooks})

    async def _record(self, request: httpx.Request) -> None:
        body = (
            json.loads(request.content) if request.content and request.url.path.startswith("/api/") else None
        )
        self.sent.append(Sent(request.method, request.url.path, dict(request.url.params), body))

    def apply(
        self,
        *,
        options: ApplyOptions | None = None,
        on_result: Callable[[ChangeResult], None] | None = None,
        notifier: Notifier | None = None,
        crash: Crash | None = None,
    ) -> ApplyRun:
        """Plan and apply; `crash` kills the run right after the request it picks was answered."""
        chosen = options or ApplyOptions(auto_approve=True, settings=FAST)

        async def run() -> ApplyRun:
            async with self._http(crash) as http:
                return await apply_project(
                    self.project,
                    root=self.root,
                    target_name="local",
                    options=chosen,
                    confirm=lambda plan: True,
                    on_result=on_result,
                    notifier=notifier,
                    session=self._session(http),
                )

        return asyncio.run(run())

    def plan(self, command: str = "plan") -> LiveRun:
        async def run() -> LiveRun:
            async with self._http() as http:
                return await run_live(
                    self.project,
                    root=self.root,
                    target_name="local",
                    paths=self.project.manifest_paths(self.root),
                    command=command,
                    session=self._session(http),
                )

        return asyncio.run(run())

    def drift(self) -> LiveRun:
        return self.plan("drift")

    def pending(self) -> dict[str, list[str]]:
        """Address -> actions of every change the next plan would make (empty: the org matches git)."""
        return {
            change.address: [str(action) for action in change.actions]
            for change in self.plan().plan.resource_changes
            if change.is_change
        }

    def settle(self) -> None:
        """Turn read-after-write lag off and wait out the reads it still holds back (the org is what it is)."""
        lag = self.emulator.settings.faults.read_after_write_lag_ms / 1000
        self.emulator.settings.faults.read_after_write_lag_ms = 0
        time.sleep(lag)

    def duplicates(self) -> list[tuple[str, str]]:
        """(collection, name) pairs that exist more than once in the org."""
        found = []
        for collection in GENESYS_COLLECTIONS:
            names = Counter(str(obj.get("name")) for obj in objects(self.emulator, collection).values())
            found += [(collection, name) for name, count in names.items() if count > 1]
        return found

    def find(self, collection: str, name: str) -> dict[str, Any]:
        return next(obj for obj in objects(self.emulator, collection).values() if obj.get("name") == name)


def edit_manifest(harness: Harness, name: str, old: str, new: str) -> None:
    """Replace `old` by `new` (once) in the demo manifest file `campaigns/genesys/<name>`."""
    path = harness.root / "campaigns" / "genesys" / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
