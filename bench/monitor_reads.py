"""The monitor's platform reads at scale: 500 campaigns (Genesys) and 500 outbound skills (CXone) x 30 days.

Builds an in-process emulator from the demo org plus copies of one demo campaign and one demo skill
(each copy passes the same checks as an API write), sets 30 days of counts for every one of them with
one `POST /_emulator/metrics`, then reads them back with `reconciler.monitor.reads.read_measured`
through an ApiClient whose httpx client records every request. It prints, per platform, the requests
made, the largest request body, the longest interval and the most predicates in one query, each next to
the limit it has to stay within, and checks that every count came back.

    python bench/monitor_reads.py                       # 500 objects, 30 days
    python bench/monitor_reads.py --objects 2000 --days 90
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.monitor.counts import MeasuredCounts
from reconciler.monitor.reads import read_measured
from reconciler.providers.auth import CxonePasswordGrant, GenesysClientCredentials, Secret, TokenSource
from reconciler.providers.cxone.discovery import discover_api_base
from reconciler.providers.genesys.analytics_limits import DEFAULT_ANALYTICS_LIMITS
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.providers.session import demo_org_seed

URL = "http://emulator.bench"
ZONE = ZoneInfo("America/New_York")
RATE_PER_MINUTE = 300  # a Genesys OAuth client's documented default; the target's rate_limit_per_minute
CREDENTIALS = (Secret("emulator"), Secret("emulator-secret"))


def org_seed(objects: int) -> dict[str, Any]:
    """The demo org plus copies of q3-renewals and cx-renewals-outbound, `objects` of each in all."""
    seed = demo_org_seed()
    seed.pop("metrics", None)
    campaigns = seed["genesys"]["campaigns"]
    template = next(c for c in campaigns if c["name"] == "q3-renewals")
    for n in range(objects - len(campaigns)):
        copy = {k: v for k, v in template.items() if k not in ("id", "campaignStatus")}
        campaigns.append({**copy, "name": f"bench-campaign-{n:04d}", "campaignStatus": "off"})
    skills = seed["cxone"]["skills"]
    skill = next(s for s in skills if s["skillName"] == "cx-renewals-outbound")
    for n in range(objects - len(skills)):
        copy = {k: v for k, v in skill.items() if k != "skillId"}
        skills.append({**copy, "skillName": f"bench-skill-{n:04d}", "isActive": False})
    return seed


def metrics_body(emulator: Emulator, last: date, days: int) -> dict[str, Any]:
    names = [str(c["name"]) for c in emulator.state.collection("campaigns").values()]
    skills = [str(s["skillName"]) for s in emulator.state.cxone["skills"].values()]
    body: dict[str, Any] = {"genesys": [], "cxone": []}
    for offset in range(days):
        day = (last - timedelta(days=offset)).isoformat()
        counts = {"date": day, "attempted": 1000 + offset, "connected": 300, "abandoned": offset % 7}
        body["genesys"] += [{"campaign": name, **counts} for name in names]
        body["cxone"] += [{"skill": name, **counts} for name in skills]
    return body


class Recorder:
    """Every request's method, path and body, through an httpx event hook."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> None:
        self.requests.append(request)


def figures(requests: list[httpx.Request], prefix: str) -> dict[str, Any]:
    sent = [r for r in requests if r.url.path.startswith(prefix) and "token" not in r.url.path]
    bodies = [json.loads(r.content) for r in sent if r.content]
    intervals = [_interval_days(b["interval"]) for b in bodies if "interval" in b]
    predicates = [len(b.get("filter", {}).get("predicates", [])) for b in bodies]
    return {
        "requests": len(sent),
        "largest_body": max((len(r.content) or len(str(r.url)) for r in sent), default=0),
        "longest_interval_days": max(intervals, default=0.0),
        "most_predicates": max(predicates, default=0),
        "most_metrics": max((len(b.get("metrics", [])) for b in bodies), default=0),
    }


def _interval_days(text: str) -> float:
    start, end = (datetime.fromisoformat(part) for part in text.split("/"))
    return (end - start).total_seconds() / 86400


async def read(
    emulator: Emulator, platform: str, objects: dict[str, str], first: date, last: date
) -> tuple[MeasuredCounts, Recorder, float]:
    recorder = Recorder()
    transport = httpx.ASGITransport(app=create_app(emulator))
    async with httpx.AsyncClient(
        transport=transport, base_url=URL, event_hooks={"request": [recorder]}
    ) as http:
        tokens: TokenSource
        if platform == "genesys":
            tokens = GenesysClientCredentials(
                auth_url=URL, client_id=CREDENTIALS[0], client_secret=CREDENTIALS[1]
            )
            base = URL
        else:
            tokens = CxonePasswordGrant(
                auth_url=URL,
                client_id=CREDENTIALS[0],
                client_secret=CREDENTIALS[1],
                access_key_id=CREDENTIALS[0],
                access_key_secret=CREDENTIALS[1],
            )
            base = await discover_api_base(http, issuer=URL, tokens=tokens)
        client = ApiClient(http=http, base_url=base, tokens=tokens, limiter=RateLimiter(RATE_PER_MINUTE))
        started = time.perf_counter()
        measured = await read_measured(client, platform, objects, first, last, ZONE)
        return measured, recorder, time.perf_counter() - started


def report(platform: str, measured: MeasuredCounts, found: dict[str, Any], seconds: float, days: int) -> None:
    limits = DEFAULT_ANALYTICS_LIMITS
    rows = [
        ("requests (one run)", found["requests"], f"{RATE_PER_MINUTE} per minute (the client's rate limit)"),
        ("largest body (GET: URL)", f"{found['largest_body']:,} bytes", "no published figure found"),
    ]
    if platform == "genesys":
        rows += [
            (
                "longest interval",
                f"{found['longest_interval_days']:g} days",
                f"{limits.max_interval_days} days (assumed)",
            ),
            ("predicates in one query", found["most_predicates"], f"{limits.max_predicates} (assumed)"),
            ("metrics in one query", found["most_metrics"], f"{limits.max_metrics} (assumed)"),
        ]
    else:
        rows += [("days per request", 1, "31 (the emulator's bound; no published figure found)")]
    print(
        f"\n{platform}: {len({d.name for d in measured.days})} objects x {days} days, read in {seconds:.2f} s"
    )
    print(f"| {'figure':<26} | {'measured':>14} | limit")
    for name, value, limit in rows:
        print(f"| {name:<26} | {value!s:>14} | {limit}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--objects", type=int, default=500)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args(argv)
    emulator = Emulator(seed=org_seed(args.objects))
    last = datetime.fromtimestamp(emulator.now(), UTC).date() - timedelta(days=1)
    first = last - timedelta(days=args.days - 1)
    answer = asyncio.run(_post(emulator, metrics_body(emulator, last, args.days)))
    if answer.status_code != 200:
        print(f"POST /_emulator/metrics: {answer.status_code} {answer.text}", file=sys.stderr)
        return 1
    campaigns = {str(c["name"]): str(c["id"]) for c in emulator.state.collection("campaigns").values()}
    skills = {str(s["skillName"]): key for key, s in emulator.state.cxone["skills"].items()}
    for platform, objects, prefix in (
        ("genesys", campaigns, "/api/v2/"),
        ("cxone", skills, "/inContactAPI/"),
    ):
        measured, recorder, seconds = asyncio.run(read(emulator, platform, objects, first, last))
        attempted = sum(d.attempted for d in measured.days)
        expected = len(objects) * sum(1000 + offset for offset in range(args.days))
        if attempted != expected:
            print(f"{platform}: read {attempted} attempts, the org holds {expected}", file=sys.stderr)
            return 1
        report(platform, measured, figures(recorder.requests, prefix), seconds, args.days)
    return 0


async def _post(emulator: Emulator, body: dict[str, Any]) -> httpx.Response:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(emulator)), base_url=URL
    ) as http:
        return await http.post("/_emulator/metrics", json=body)


if __name__ == "__main__":
    sys.exit(main())
