"""Scale benchmark for the read side of `reconciler plan` (ARCHITECTURE §12).

Starts `reconciler emulator serve --empty` on a free loopback port (with the given latency and rate
limit), seeds it with N Genesys objects across the managed kinds (realistic manifests typed in memory,
turned into API bodies by `genesys_seed`), then reads the org the way `plan` does: `read_org` through
an `ApiClient` with the run's 300/min `RateLimiter`, list endpoints only, then `live_objects`.

It prints the objects read, the list requests made (client side and as the emulator logged them)
against the fewest the API allows, wall time and peak memory; then a per-object-GET baseline on a
bounded sample, extrapolated (clearly labelled) to N objects.

    python bench/plan_scale.py                       # 10,000 objects, 50 ms, 300/min, 600-object sample
    python bench/plan_scale.py --objects 2000 --baseline-sample 0

The emulator subprocess listens on 127.0.0.1 only and is always terminated.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import math
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import httpx

from reconciler.emulator.manifest_seed import genesys_seed, with_lookup_ids
from reconciler.emulator.server import default_seed
from reconciler.manifest.resource import Resource
from reconciler.manifest.typing import type_document
from reconciler.manifest.yaml_reader import YamlDocument
from reconciler.providers.auth import GenesysClientCredentials, Secret
from reconciler.providers.genesys.fetch import GenesysSnapshot, live_objects, read_org
from reconciler.providers.genesys.kinds import KINDS, LOOKUPS
from reconciler.providers.http import ApiClient
from reconciler.providers.paging import GENESYS_PAGE_SIZE
from reconciler.providers.rate_limit import WINDOW_SECONDS, RateLimiter

HOST = "127.0.0.1"
CLIENT_ID, CLIENT_SECRET = "emulator", "emulator-secret"
START_TIMEOUT_SECONDS = 30.0
READ_TIMEOUT_SECONDS = 600.0
BASELINE_CONCURRENCY = 4  # as many in flight as one paged listing uses (PAGE_CONCURRENCY)
LIMITER_MARGIN = 0.02  # RateLimiter's default safety margin on the one-minute window

# Share of the objects per kind (out of 98; the two org singletons make up the rest). Campaigns and
# contact lists dominate, as in a real outbound org; every campaign but a few has a schedule.
MIX: dict[str, int] = {
    "AttemptLimits": 2,
    "CallableTimeSet": 2,
    "CallAnalysisResponseSet": 1,
    "DncList": 3,
    "ContactList": 22,
    "ContactListFilter": 12,
    "RuleSet": 7,
    "Campaign": 22,
    "CampaignSchedule": 20,
    "CampaignRule": 5,
    "Sequence": 1,
    "SequenceSchedule": 1,
}
SINGLETON_KINDS = ("OutboundSettings", "WrapUpCodeMappings")
ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
SLUG = {
    "AttemptLimits": "limits",
    "CallableTimeSet": "hours",
    "CallAnalysisResponseSet": "amd",
    "DncList": "dnc",
    "ContactList": "list",
    "ContactListFilter": "filter",
    "RuleSet": "rules",
    "Campaign": "campaign",
    "CampaignRule": "rule",
    "Sequence": "sequence",
}


# --- the org: manifests typed in memory ------------------------------------------------------------
def kind_counts(objects: int) -> dict[str, int]:
    """Objects per kind, summing to `objects` (two of them the org singletons)."""
    if objects < 100:
        raise SystemExit("--objects must be at least 100")
    spread = objects - len(SINGLETON_KINDS)
    total = sum(MIX.values())
    counts = {kind: spread * weight // total for kind, weight in MIX.items()}
    counts["ContactList"] += spread - sum(counts.values())
    return counts


def _name(kind: str, index: int) -> str:
    return f"bench-{SLUG[kind]}-{index:05d}"


def _spec(kind: str, i: int, counts: dict[str, int]) -> tuple[str, dict[str, Any]]:
    """(name, spec) of the i-th object of a kind; references point at objects that exist."""
    zone = ZONES[i % len(ZONES)]
    phone_columns = [
        {"column_name": "cell_phone", "type": "cell"},
        {"column_name": "home_phone", "type": "home"},
    ]
    if kind == "AttemptLimits":
        return _name(kind, i), {
            "max_attempts_per_contact": 2 + i % 2,
            "max_attempts_per_number": 1 + i % 2,
            "reset_period": "TODAY",
            "time_zone_id": zone,
            "recall_entries": {
                "busy": {"nbr_attempts": 1, "minutes_between_attempts": 30},
                "noAnswer": {"nbr_attempts": 1, "minutes_between_attempts": 120},
            },
        }
    if kind == "CallableTimeSet":
        slots = [{"day": day, "start_time": "09:00:00", "stop_time": "19:30:00"} for day in range(1, 6)]
        slots.append({"day": 6, "start_time": "10:00:00", "stop_time": "16:00:00"})
        return _name(kind, i), {"callable_times": [{"time_zone_id": zone, "time_slots": slots}]}
    if kind == "CallAnalysisResponseSet":
        hangup = {"reaction_type": "hangup"}
        return _name(kind, i), {
            "beep_detection_enabled": True,
            "live_speaker_detection_mode": "Medium",
            "responses": {
                "disposition.classification.callable.person": {"reaction_type": "transfer"},
                "disposition.classification.callable.machine": {
                    "reaction_type": "transfer_flow",
                    "data": "Renewals Voicemail Drop",
                    "name": "Renewals Voicemail Drop",
                },
                "disposition.classification.callable.busy": hangup,
                "disposition.classification.callable.noanswer": hangup,
                "disposition.classification.callable.fax": hangup,
            },
        }
    if kind == "DncList":
        if i % 3:
            return _name(kind, i), {"dnc_source_type": "rds", "contact_method": "Phone"}
        return _name(kind, i), {
            "dnc_source_type": "dnc.com",
            "login_id": f"acme-{i:05d}",
            "campaign_id": str(8000 + i),
            "dnc_codes": ["W", "F", "O"],
        }
    if kind == "ContactList":
        return _name(kind, i), {
            "column_names": ["customer_id", "first_name", "tier", "state", "home_phone", "cell_phone"],
            "phone_columns": phone_columns,
            "attempt_limits": _name("AttemptLimits", i % counts["AttemptLimits"]),
            "trim_whitespace": True,
        }
    if kind == "ContactListFilter":  # filter i works list i
        predicate = {"column": "tier", "column_type": "alphabetic", "operator": "EQUALS", "inverted": False}
        return _name(kind, i), {
            "contact_list": _name("ContactList", i % counts["ContactList"]),
            "filter_type": "AND",
            "clauses": [{"filter_type": "AND", "predicates": [{**predicate, "value": f"tier-{i % 4}"}]}],
        }
    if kind == "RuleSet":
        condition = {"type": "contactAttributeCondition", "attribute_name": "tier", "operator": "EQUALS"}
        return _name(kind, i), {
            "contact_list": _name("ContactList", i % counts["ContactList"]),
            "queue": "Renewals",
            "rules": [
                {
                    "name": "skip-closed-accounts",
                    "order": 1,
                    "category": "DIALER_PRECALL",
                    "conditions": [{**condition, "value": "closed", "value_type": "STRING"}],
                    "actions": [{"type": "Action", "action_type_name": "DO_NOT_DIAL"}],
                },
                {
                    "name": "callback-when-asked",
                    "order": 1,
                    "category": "DIALER_WRAPUP",
                    "conditions": [{"type": "wrapupCondition", "codes": ["Call Back Later"]}],
                    "actions": [
                        {
                            "type": "Action",
                            "action_type_name": "SCHEDULE_CALLBACK",
                            "properties": {"callbackOffset": "120"},
                        }
                    ],
                },
            ],
        }
    if kind == "Campaign":
        mode = ("predictive", "progressive", "preview")[i % 3]
        list_index = i % counts["ContactList"]
        spec: dict[str, Any] = {
            "contact_list": _name("ContactList", list_index),
            "queue": ("Renewals", "Collections", "Retention Specialists")[i % 3],
            "script": "Default Outbound Script",
            "dialing_mode": mode,
            "phone_columns": phone_columns,
            "caller_name": "Acme Insurance",
            "caller_address": f"+1555555{i % 10000:04d}",
            "no_answer_timeout": 25,
            "dnc_lists": [_name("DncList", i % counts["DncList"])],
            "callable_time_set": _name("CallableTimeSet", i % counts["CallableTimeSet"]),
            "call_analysis_response_set": _name(
                "CallAnalysisResponseSet", i % counts["CallAnalysisResponseSet"]
            ),
            "rule_sets": [_name("RuleSet", i % counts["RuleSet"])],
            "campaign_status": "on" if i % 4 == 0 else "off",
        }
        if mode == "preview":
            spec["preview_time_out_seconds"] = 120
        else:
            spec.update(abandon_rate=3, edge_group=("US East Edges", "US Central Edges")[i % 2])
        if list_index < counts["ContactListFilter"]:
            spec["contact_list_filters"] = [_name("ContactListFilter", list_index)]
        return _name(kind, i), spec
    if kind == "CampaignSchedule":
        campaign = _name("Campaign", i)
        weekly = {"type": "Weekly", "interval": 1, "days_of_week": ["Monday", "Wednesday", "Friday"]}
        return f"{campaign}-schedule", {
            "campaign": campaign,
            "time_zone": zone,
            "recurrences": [
                {
                    "start": "2026-07-06T09:00:00",
                    "end": "2026-07-06T19:00:00",
                    "pattern": weekly,
                    "range": {"type": "NoEnd"},
                }
            ],
        }
    if kind == "CampaignRule":
        campaign = _name("Campaign", i % counts["Campaign"])
        return _name(kind, i), {
            "enabled": i % 2 == 0,
            "match_any_conditions": False,
            "campaign_rule_entities": {"campaigns": [campaign]},
            "campaign_rule_conditions": [
                {
                    "condition_type": "campaignProgress",
                    "parameters": {"operator": "greaterThanEqualTo", "value": "95"},
                }
            ],
            "campaign_rule_actions": [
                {
                    "action_type": "turnOffCampaign",
                    "campaign_rule_action_entities": {"use_triggering_entity": True},
                }
            ],
        }
    if kind == "Sequence":
        first = (2 * i) % counts["Campaign"]
        second = (2 * i + 1) % counts["Campaign"]
        return _name(kind, i), {
            "campaigns": [_name("Campaign", first), _name("Campaign", second)],
            "status": "off",
        }
    if kind == "SequenceSchedule":
        sequence = _name("Sequence", i)
        return f"{sequence}-schedule", {
            "sequence": sequence,
            "time_zone": zone,
            "intervals": [{"start": "2026-10-05T13:00:00.000Z", "end": "2026-10-05T21:00:00.000Z"}],
        }
    raise ValueError(kind)


SINGLETON_SPECS: dict[str, tuple[str, dict[str, Any]]] = {
    "OutboundSettings": (
        "org-outbound-settings",
        {"max_calls_per_agent": 4, "max_line_utilization": 0.85, "abandon_seconds": 2},
    ),
    "WrapUpCodeMappings": (
        "org-wrapup-mappings",
        {"default_set": ["RIGHT_PARTY_CONTACT"], "mapping": {"Sale": ["BUSINESS_SUCCESS"]}},
    ),
}


def _resource(kind: str, name: str, spec: dict[str, Any]) -> Resource:
    data = {"apiVersion": "genesys/v1", "kind": kind, "metadata": {"name": name}, "spec": spec}
    typed, findings = type_document(YamlDocument(file="<bench>", line=1, data=data))
    if typed is None:
        raise SystemExit(f"generated {kind} {name} is not a valid manifest: {findings[0].message}")
    return typed


def org_resources(counts: dict[str, int]) -> list[Resource]:
    generated = [
        _resource(kind, *_spec(kind, i, counts)) for kind, count in counts.items() for i in range(count)
    ]
    generated += [_resource(kind, name, spec) for kind, (name, spec) in SINGLETON_SPECS.items()]
    return generated


# --- the emulator subprocess -------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def emulator_process(*, latency_ms: float, rate_limit: int) -> Iterator[str]:
    """`reconciler emulator serve --empty` on a free loopback port; yields its URL, always stops it."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "reconciler",
        "emulator",
        "serve",
        "--empty",
        "--host",
        HOST,
        "--port",
        str(port),
        "--latency-ms",
        str(latency_ms),
        "--rate-limit",
        str(rate_limit),
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        url = f"http://{HOST}:{port}"
        try:
            _wait_until_healthy(process, url, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_healthy(process: subprocess.Popen[bytes], url: str, log: IO[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise SystemExit(
                f"the emulator exited ({process.returncode}):\n{log.read().decode(errors='replace')}"
            )
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{url}/_emulator/health", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise SystemExit(f"the emulator did not answer within {START_TIMEOUT_SECONDS:.0f} s")


# --- measuring ---------------------------------------------------------------------------------------
def minimum_requests(counts: dict[str, int], lookups: dict[str, list[dict[str, Any]]]) -> int:
    """The fewest list requests the API allows: one per 100 of a paged kind (at least one), one per
    bare-array listing (schedules) and singleton, and the lookups' own pages."""
    fewest = 0
    for kind, spec in KINDS.items():
        if spec.listing == "paged":
            fewest += max(1, math.ceil(counts.get(kind, 0) / GENESYS_PAGE_SIZE))
        else:
            fewest += 1
    for path in LOOKUPS.values():
        fewest += max(1, math.ceil(len(lookups.get(path.rsplit("/", 1)[-1], [])) / GENESYS_PAGE_SIZE))
    return fewest


def new_client(http: httpx.AsyncClient, url: str, rate_limit: int) -> ApiClient:
    """A client as a run makes one: its own token (so its own server-side budget) and limiter."""
    tokens = GenesysClientCredentials(
        auth_url=url, client_id=Secret(CLIENT_ID), client_secret=Secret(CLIENT_SECRET)
    )
    return ApiClient(
        http=http, base_url=url, tokens=tokens, limiter=RateLimiter(rate_limit, margin=LIMITER_MARGIN)
    )


async def logged_requests(http: httpx.AsyncClient, url: str, *, clear: bool = False) -> int:
    response = await http.request("DELETE" if clear else "GET", f"{url}/_emulator/requests")
    response.raise_for_status()
    total: int = response.json()["total"]
    return total


@dataclass
class ReadResult:
    snapshot: GenesysSnapshot
    objects: int
    client_requests: int
    server_requests: int
    read_seconds: float
    convert_seconds: float


async def read_side(http: httpx.AsyncClient, url: str, rate_limit: int) -> ReadResult:
    await logged_requests(http, url, clear=True)
    client = new_client(http, url, rate_limit)
    started = time.perf_counter()
    snapshot = await asyncio.wait_for(read_org(client), READ_TIMEOUT_SECONDS)
    read_done = time.perf_counter()
    objects = live_objects(snapshot)
    converted = time.perf_counter()
    return ReadResult(
        snapshot=snapshot,
        objects=len(objects),
        client_requests=client.requests_sent,
        server_requests=await logged_requests(http, url),
        read_seconds=read_done - started,
        convert_seconds=converted - read_done,
    )


async def heap_peak(http: httpx.AsyncClient, url: str, rate_limit: int) -> int:
    """Peak Python heap of a second, untimed read (tracemalloc slows allocation-heavy code)."""
    gc.collect()
    tracemalloc.start()
    try:
        client = new_client(http, url, rate_limit)
        live_objects(await asyncio.wait_for(read_org(client), READ_TIMEOUT_SECONDS))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def sample_paths(snapshot: GenesysSnapshot, size: int) -> list[str]:
    """`size` single-object GET paths spread evenly over every object read."""
    paths: list[str] = []
    for kind, bodies in snapshot.bodies.items():
        spec = KINDS[kind]
        if spec.listing == "singleton":
            continue
        for body in bodies:
            key = str(body[spec.owner]["id"]) if spec.owner else str(body["id"])
            paths.append(f"{spec.path}/{key}")
    if size >= len(paths):
        return paths
    stride = len(paths) / size
    return [paths[int(n * stride)] for n in range(size)]


@dataclass
class BaselineResult:
    client_requests: int
    server_requests: int
    seconds: float
    done_at: list[float]
    """Seconds from the start at which each GET completed, in completion order."""


async def per_object_baseline(
    http: httpx.AsyncClient, url: str, rate_limit: int, paths: list[str]
) -> BaselineResult:
    """One GET per sampled object, through a fresh client (its own token and limiter)."""
    await logged_requests(http, url, clear=True)
    client = new_client(http, url, rate_limit)
    gate = asyncio.Semaphore(BASELINE_CONCURRENCY)
    done_at: list[float] = []
    started = time.perf_counter()

    async def get(path: str) -> None:
        async with gate:
            await client.request("GET", path)
            done_at.append(time.perf_counter() - started)

    bound = READ_TIMEOUT_SECONDS + len(paths) / rate_limit * WINDOW
    await asyncio.wait_for(asyncio.gather(*(get(path) for path in paths)), bound)
    seconds = time.perf_counter() - started
    return BaselineResult(client.requests_sent, await logged_requests(http, url), seconds, done_at)


WINDOW = WINDOW_SECONDS * (1 + LIMITER_MARGIN)


def windows(requests: int, rate_limit: int) -> tuple[int, int]:
    """(full windows waited out, requests in the last window) under the sliding-window limit."""
    waits = max(0, math.ceil(requests / rate_limit) - 1)
    return waits, requests - waits * rate_limit


def limited_seconds(requests: int, rate_limit: int, burst_rate: float) -> float:
    """Time for `requests` requests under the limit: every budget after the first waits for the window
    (60 s plus the limiter's margin) to pass its first request; requests then go at `burst_rate`/s."""
    waits, tail = windows(requests, rate_limit)
    return waits * WINDOW + tail / burst_rate


def _duration(seconds: float) -> str:
    return f"{seconds:.1f} s ({seconds / 60:.1f} min)" if seconds >= 60 else f"{seconds:.1f} s"


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _row(label: str, value: object) -> None:
    print(f"  {label + ':':<37}{value}")


def report_read(result: ReadResult, fewest: int, peak_bytes: int) -> float:
    """Print the read side's figures; return its wall time."""
    wall = result.read_seconds + result.convert_seconds
    ratio = result.server_requests / fewest
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print("read side (read_org + live_objects, list endpoints only)")
    _row("objects read", result.objects)
    _row("list requests (client)", result.client_requests)
    _row("list requests (emulator log)", result.server_requests)
    _row("fewest the API allows", f"{fewest}  (ceil(n/100) per paged kind, at least 1;")
    print(f"  {'':<37}1 per schedule listing and singleton; lookup pages)")
    _row("ratio", f"{ratio:.2f}  (target <= 1.10: {_verdict(ratio <= 1.1)})")
    _row("wall time", f"{wall:.2f} s  (target <= 30 s: {_verdict(wall <= 30)})")
    _row("  of which read_org", f"{result.read_seconds:.2f} s")
    _row("  of which live_objects", f"{result.convert_seconds:.2f} s")
    _row(
        "peak Python heap (read)", f"{peak_bytes / 1024 / 1024:.0f} MB  (tracemalloc, a second untimed read)"
    )
    _row("peak RSS (whole process)", f"{rss_mb:.0f} MB  (ru_maxrss, includes generating the seed)")
    return wall


async def baseline(
    http: httpx.AsyncClient, url: str, args: argparse.Namespace, result: ReadResult, wall: float
) -> None:
    paths = sample_paths(result.snapshot, args.baseline_sample)
    measured = await per_object_baseline(http, url, args.rate_limit, paths)
    first_window = min(len(paths), args.rate_limit)
    burst_rate = first_window / measured.done_at[first_window - 1]  # requests/s before the limit bites
    predicted = limited_seconds(len(paths), args.rate_limit, burst_rate)
    extrapolated = limited_seconds(result.objects, args.rate_limit, burst_rate)
    print()
    print(
        f"baseline: one GET per object, a sample of {len(paths)} objects (concurrency {BASELINE_CONCURRENCY})"
    )
    _row("requests (client)", measured.client_requests)
    _row("requests (emulator log)", measured.server_requests)
    _row("measured time", _duration(measured.seconds))
    _row("first-window rate", f"{burst_rate:.1f} requests/s (before the limit bites)")
    _row("limit model for the sample", f"{_duration(predicted)}  ({args.rate_limit}/min sliding window)")
    print(f"  EXTRAPOLATED to {result.objects} objects (not measured; limit model):")
    _row("  requests", result.objects)
    _row("  time", _duration(extrapolated))
    _row("requests, per-object / list", f"{result.objects / result.server_requests:.0f}x")
    _row("time, per-object (extrap.) / list", f"{extrapolated / wall:.0f}x")


async def run(args: argparse.Namespace) -> None:
    counts = kind_counts(args.objects)
    lookups = with_lookup_ids(default_seed()["lookups"])
    setup = time.perf_counter()
    seed = genesys_seed(org_resources(counts), lookups=lookups)
    seeded = sum(len(items) for items in seed["genesys"].values()) + len(seed["singletons"])
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
    with emulator_process(latency_ms=args.latency_ms, rate_limit=args.rate_limit) as url:
        async with httpx.AsyncClient(timeout=httpx.Timeout(120.0), limits=limits) as http:
            (await http.post(f"{url}/_emulator/seed", json=seed)).raise_for_status()
            del seed
            gc.collect()
            print(f"emulator {url}: --empty --latency-ms {args.latency_ms:g} --rate-limit {args.rate_limit}")
            print(
                f"seeded {seeded} Genesys objects in {time.perf_counter() - setup:.1f} s (setup, not timed)"
            )
            print("  " + ", ".join(f"{kind} {count}" for kind, count in counts.items()) + ", 2 singletons")
            print()
            result = await read_side(http, url, args.rate_limit)
            peak = await heap_peak(http, url, args.rate_limit)
            wall = report_read(result, minimum_requests(counts, lookups), peak)
            if args.baseline_sample > 0:
                await baseline(http, url, args, result, wall)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--objects", type=int, default=10_000, help="Genesys objects to seed (default 10000)")
    parser.add_argument("--latency-ms", type=float, default=50.0, help="emulator latency per request")
    parser.add_argument("--rate-limit", type=int, default=300, help="requests per minute, server and client")
    parser.add_argument(
        "--baseline-sample", type=int, default=600, help="objects fetched one GET each (0: skip the baseline)"
    )
    args = parser.parse_args(argv)
    if args.rate_limit < 1:
        parser.error("--rate-limit must be at least 1")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
