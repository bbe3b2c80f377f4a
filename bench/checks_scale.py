"""Validate + diff + compliance checks of a 10,000-object org (ARCHITECTURE §12: ≤ 5 s CPU, ≤ 500 MB).

Writes the 10,000 generated Genesys manifests of bench/plan_scale.py as YAML files (one file per
kind, as a config repo would hold them) into a temporary folder, seeds an in-process emulator with the
same org and reads it back through the provider (not timed: that is plan_scale.py's subject). Then it
times, in CPU seconds of this process (time.process_time) and wall seconds:

1. `validate_paths`: load and parse the YAML, type every document, index, link the graph, and run
   every registered compliance check with the project's default jurisdictions;
2. the diff: desired objects from the manifests and `build_plan` against the live objects;
3. the compliance checks again on their own, with the live org in the context (as `plan` runs them),
   one line per check, so a slow check is easy to spot.

Peak memory is tracemalloc's peak over steps 1-3 (a second, untimed pass) and the process's ru_maxrss.

    python bench/checks_scale.py                # 10,000 objects
    python bench/checks_scale.py --objects 2000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from plan_scale import SINGLETON_SPECS, _spec, kind_counts, org_resources

from reconciler.config import Prune
from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import genesys_seed, with_lookup_ids
from reconciler.emulator.seed import apply_seed
from reconciler.emulator.server import default_seed
from reconciler.live_plan import IMMUTABLE, SET_LIKE
from reconciler.plan.planner import build_plan
from reconciler.policy.context import CheckContext
from reconciler.policy.registry import checks, run_checks
from reconciler.providers.auth import GenesysClientCredentials, Secret
from reconciler.providers.genesys.fetch import live_objects, read_org
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.runtime import tune_garbage_collector
from reconciler.state.desired import desired_objects, match_manifests
from reconciler.validation import validate_paths

URL = "http://emulator.bench"


def write_manifests(folder: Path, counts: dict[str, int]) -> int:
    """One YAML file per kind, every document a manifest; returns the number of documents."""
    documents: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for kind, count in counts.items():
        for i in range(count):
            name, spec = _spec(kind, i, counts)
            documents[kind].append(
                {"apiVersion": "genesys/v1", "kind": kind, "metadata": {"name": name}, "spec": spec}
            )
    for kind, (name, spec) in SINGLETON_SPECS.items():
        documents[kind].append(
            {"apiVersion": "genesys/v1", "kind": kind, "metadata": {"name": name}, "spec": spec}
        )
    for kind, items in documents.items():
        (folder / f"{kind}.yaml").write_text(yaml.safe_dump_all(items, sort_keys=False), encoding="utf-8")
    return sum(len(items) for items in documents.values())


async def read_live(counts: dict[str, int]) -> list[Any]:
    import httpx

    from reconciler.emulator.app import create_app

    lookups = with_lookup_ids(default_seed().get("lookups", {}))
    emulator = Emulator()
    apply_seed(emulator, genesys_seed(org_resources(counts), lookups=lookups))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(emulator)), base_url=URL
    ) as http:
        tokens = GenesysClientCredentials(
            auth_url=URL, client_id=Secret("emulator"), client_secret=Secret("emulator-secret")
        )
        client = ApiClient(http=http, base_url=URL, tokens=tokens, limiter=RateLimiter(100_000))
        return live_objects(await read_org(client))


def measure(folder: Path, live_list: list[Any], *, report: bool) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    validation = validate_paths([folder])
    cpu_validate, wall_validate = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    desired = desired_objects(validation.manifests, validation.graph, platform="genesys")
    live = match_manifests(validation.manifests, live_list, platform="genesys")
    plan = build_plan(
        desired=desired,
        live=live,
        levels=validation.graph.levels(),
        immutable_fields=IMMUTABLE["genesys"],
        set_like_fields=SET_LIKE["genesys"],
        prune=Prune(),
        target_platform="genesys",
    )
    cpu_diff, wall_diff = time.process_time() - cpu, time.perf_counter() - wall
    context = CheckContext(manifests=validation.manifests, live=live, platform="genesys", roots=(folder,))
    per_check = []
    for check in checks():
        cpu = time.process_time()
        found = run_checks(context, [check])
        per_check.append(
            (
                getattr(check, "__module__", "?").rsplit(".", 1)[-1] + "." + check.__name__,
                time.process_time() - cpu,
                len(found),
            )
        )
    if not report:
        return
    changes = sum(1 for change in plan.changes if change.is_change)
    print(
        f"  documents typed                  {len(validation.manifests):,}  ({len(validation.findings)} findings)"
    )
    print(f"  validate (load, type, link, checks)  {cpu_validate:6.2f} s CPU  {wall_validate:6.2f} s wall")
    print(
        f"  diff (desired, match, build_plan)    {cpu_diff:6.2f} s CPU  {wall_diff:6.2f} s wall  ({changes} changes)"
    )
    print(f"  total                                {cpu_validate + cpu_diff:6.2f} s CPU  (target ≤ 5 s)")
    print("  compliance checks with the live org (CPU s, findings):")
    for name, seconds, count in per_check:
        print(f"    {name:<40} {seconds:6.3f}  {count}")


def bench_org(argv: list[str] | None, description: str | None) -> tuple[dict[str, int], list[Any]]:
    """The kind counts asked for by `--objects` and the org read back from a seeded emulator."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0] if description else None)
    parser.add_argument("--objects", type=int, default=10_000)
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    counts = kind_counts(args.objects)
    return counts, asyncio.run(read_live(counts))


def main(argv: list[str] | None = None) -> None:
    counts, live_list = bench_org(argv, __doc__)
    tune_garbage_collector()  # as `reconciler` (the command line) runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        documents = write_manifests(folder, counts)
        print(
            f"{documents:,} manifests in {len(list(folder.glob('*.yaml')))} files, {len(live_list):,} live objects"
        )
        measure(folder, live_list, report=True)
        tracemalloc.start()
        measure(folder, live_list, report=False)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak Python heap (validate + diff + checks)  {peak / 2**20:.0f} MB  (target ≤ 500 MB)")
    print(f"  peak RSS of the process                      {rss:.0f} MB")


if __name__ == "__main__":
    main()
