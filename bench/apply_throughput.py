"""Apply throughput under a rate limit (ARCHITECTURE §12: ≥ 90 % of the limit, zero 429s).

Starts `reconciler emulator serve --empty --rate-limit L` on a free loopback port, seeds N attempt-limit
objects, and applies N updates (one field each) twice, the way `reconciler apply` does: read the org
with list endpoints, plan (`build_plan`), then `execute` with the Genesys writer at concurrency 8,
every request through one `RateLimiter`.

1. the client limiter set to the server's limit: expect about the limit sustained and no 429;
2. the client limiter set to twice the limit: the server answers 429 with Retry-After, the client
   holds every caller back that long; expect to finish within 1.25 x the ideal time (N / L minutes).

Each run gets its own token, so its own server-side budget. It prints, per run: updates applied,
write requests, achieved request rate (requests / wall time), 429s seen, wall time and the ideal.

    python bench/apply_throughput.py                    # 1,000 updates at 300/min (two runs, ~7 min)
    python bench/apply_throughput.py --updates 200 --rate-limit 600
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

import httpx
from plan_scale import _resource, emulator_process, logged_requests

from reconciler.apply.executor import execute
from reconciler.apply.genesys_writer import GenesysWriter
from reconciler.apply.work import Work
from reconciler.config import Prune
from reconciler.emulator.manifest_seed import genesys_seed, with_lookup_ids
from reconciler.exceptions import Location
from reconciler.plan.planner import build_plan
from reconciler.providers.auth import GenesysClientCredentials, Secret
from reconciler.providers.genesys.fetch import live_objects, read_org
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.state.objects import DesiredObject

KIND = "AttemptLimits"
CONCURRENCY = 8


def _spec(attempts: int) -> dict[str, Any]:
    return {
        "max_attempts_per_contact": attempts,
        "max_attempts_per_number": 1,
        "reset_period": "TODAY",
        "time_zone_id": "America/New_York",
    }


def _name(index: int) -> str:
    return f"bench-limits-{index:05d}"


def _desired(updates: int, attempts: int) -> dict[str, DesiredObject]:
    return {
        f"genesys/{KIND}/{_name(i)}": DesiredObject(
            address=f"genesys/{KIND}/{_name(i)}",
            platform="genesys",
            kind=KIND,
            name=_name(i),
            essence=_spec(attempts),
            source=Location("<bench>", 1),
        )
        for i in range(updates)
    }


@dataclass
class RunResult:
    applied: int
    failed: int
    requests: int
    server_requests: int
    too_many: int
    seconds: float


async def apply_round(url: str, *, updates: int, attempts: int, client_limit: int) -> RunResult:
    too_many = 0

    async def count(response: httpx.Response) -> None:
        nonlocal too_many
        too_many += response.status_code == 429

    async with httpx.AsyncClient(event_hooks={"response": [count]}, timeout=60) as http:
        tokens = GenesysClientCredentials(
            auth_url=url, client_id=Secret("emulator"), client_secret=Secret("emulator-secret")
        )
        client = ApiClient(http=http, base_url=url, tokens=tokens, limiter=RateLimiter(client_limit))
        snapshot = await read_org(client, kinds=[KIND], lookups=[])
        live = {obj.address: obj for obj in live_objects(snapshot)}
        desired = _desired(updates, attempts)
        plan = build_plan(
            desired=desired,
            live=live,
            levels={},
            immutable_fields={},
            set_like_fields={},
            prune=Prune(),
            target_platform="genesys",
        )
        works = [
            Work(change=c, desired=desired.get(c.address), live=live.get(c.address))
            for c in plan.changes
            if c.is_change
        ]
        writer = GenesysWriter(client, index=snapshot.index, desired=desired, set_like={})
        await logged_requests(http, url, clear=True)
        too_many, before = 0, client.requests_sent
        started = time.perf_counter()
        results = await execute(works, writer, concurrency=CONCURRENCY)
        seconds = time.perf_counter() - started
        return RunResult(
            applied=sum(1 for r in results if r.ok),
            failed=sum(1 for r in results if not r.ok),
            requests=client.requests_sent - before,
            server_requests=await logged_requests(http, url),
            too_many=too_many,
            seconds=seconds,
        )


def _report(title: str, result: RunResult, *, limit: int, updates: int) -> None:
    ideal = updates / limit * 60
    accepted = result.server_requests - result.too_many  # the emulator logs refused requests too
    rate = accepted / result.seconds * 60
    print(f"\n{title}")
    print(f"  updates applied / failed       {result.applied} / {result.failed}")
    print(
        f"  write requests sent (client)   {result.requests}  (logged by the emulator: {result.server_requests}, accepted: {accepted})"
    )
    print(f"  429 answers                    {result.too_many}")
    print(
        f"  wall time                      {result.seconds:.1f} s  (ideal at the limit: {ideal:.1f} s, ratio {result.seconds / ideal:.2f})"
    )
    print(f"  achieved request rate          {rate:.0f}/min = {rate / limit:.0%} of the {limit}/min limit")


async def run(args: argparse.Namespace) -> None:
    with emulator_process(latency_ms=args.latency_ms, rate_limit=args.rate_limit) as url:
        resources = [_resource(KIND, _name(i), _spec(2)) for i in range(args.updates)]
        seed = genesys_seed(resources, lookups=with_lookup_ids({}))
        async with httpx.AsyncClient(timeout=60) as http:
            (await http.post(f"{url}/_emulator/seed", json=seed)).raise_for_status()
        right = await apply_round(url, updates=args.updates, attempts=3, client_limit=args.rate_limit)
        _report(
            f"1. client limiter = server limit ({args.rate_limit}/min)",
            right,
            limit=args.rate_limit,
            updates=args.updates,
        )
        high = await apply_round(url, updates=args.updates, attempts=4, client_limit=args.rate_limit * 2)
        _report(
            f"2. client limiter twice too high ({args.rate_limit * 2}/min)",
            high,
            limit=args.rate_limit,
            updates=args.updates,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--updates", type=int, default=1000, help="objects updated per run (default 1000)")
    parser.add_argument(
        "--rate-limit", type=int, default=300, help="server limit, requests per minute per token"
    )
    parser.add_argument("--latency-ms", type=float, default=0.0, help="emulator latency per request")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
