"""Regenerate reconciler/emulator/fixtures/demo-org.json: the live org the `local` target starts from.

It is campaigns/ (Genesys and CXone) with deliberate differences, so the first `reconciler plan`
on a fresh clone has something to show, for the `local` and the `local-cxone` target alike: objects to
create (missing here), fields to update (changed here) and, for Genesys, an unmanaged object inside
the prune scope (added here).

Neither side is built from the manifests' own models: `reconciler apply` writes campaigns/ into a fresh
emulated Genesys org and a fresh emulated CXone tenant (lookups only) through their APIs, and the
deliberate differences are made through the APIs too, as an admin would. So every object in the demo
org passed the emulator's API validation, and loading the file validates each Genesys object again (a
seed is checked as an API write would be).

The org also carries 60 days of measured counts (seeded RNG, so the file is the same every run), sent
through `POST /_emulator/metrics` and kept as the seed's `metrics` section with `"ending": "yesterday"`,
so a fresh demo's last day is always yesterday. One campaign drifts: collections-early-stage abandons
about 1.9 % of live-answered calls for 30 days, then about 3.8 %, so `reconciler monitor` on the demo
finds one breach of the US 30-day cap; q3-renewals and cx-renewals-outbound stay clearly under. Their
live-answer rates and handle times sit near the staffing the manifests declare (q3-renewals: 0.28 and
300 s), so calibration has something to compare.

    python scripts/make_demo_org.py
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from starlette.testclient import TestClient

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import stable_id, with_lookup_ids
from reconciler.emulator.server import default_seed
from reconciler.emulator.state import EmulatorState
from reconciler.providers.cxone import manifest_seed as cxone

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reconciler" / "emulator" / "fixtures" / "demo-org.json"
MISSING = {  # created by the first apply
    "genesys/Campaign/win-back-preview",
    "genesys/CampaignSchedule/win-back-preview-schedule",
    "genesys/CampaignRule/collections-priority-when-few-agents",
    "cxone/Skill/cx-collections-outbound",  # the DNC group's memberships then lack it too
}
API = "/api/v2/outbound"
CREDENTIALS = ("emulator", "emulator-secret")
SERVER_FIELDS = ("version", "dateCreated", "dateModified", "selfUri")


def _address(document: dict[str, Any]) -> str:
    platform = str(document.get("apiVersion", "")).split("/")[0]
    return f"{platform}/{document.get('kind')}/{document.get('metadata', {}).get('name')}"


def _without_missing_members(document: dict[str, Any]) -> dict[str, Any]:
    """A CXone DNC group without the MISSING skills among its scrubbed and contributing skills."""
    if _address(document).startswith("cxone/DncGroup/"):
        spec = document.get("spec", {})
        for field in ("scrubbed_skills", "contributing_skills"):
            if field in spec:
                spec[field] = [name for name in spec[field] if f"cxone/Skill/{name}" not in MISSING]
    return document


def _copy_repo(workdir: Path) -> None:
    """campaigns/ and reconciler.yaml without the MISSING documents."""
    shutil.copy(ROOT / "reconciler.yaml", workdir / "reconciler.yaml")
    shutil.copytree(ROOT / "campaigns", workdir / "campaigns")
    left_out: set[str] = set()
    for path in (workdir / "campaigns").rglob("*.yaml"):
        documents = [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]
        kept = [_without_missing_members(doc) for doc in documents if _address(doc) not in MISSING]
        left_out |= {_address(doc) for doc in documents} & MISSING
        if len(kept) != len(documents) or "cxone" in path.parts:
            path.write_text(yaml.safe_dump_all(kept, sort_keys=False), encoding="utf-8")
    if left_out != MISSING:
        sys.exit(f"not found in campaigns/: {', '.join(sorted(MISSING - left_out))}")


def _fresh_org(workdir: Path) -> dict[str, list[dict[str, Any]]]:
    """A Genesys org with only the lookups (stable ids), as the local target's state file."""
    lookups = with_lookup_ids(default_seed()["lookups"])
    emulator = Emulator(seed={"lookups": lookups})
    (workdir / ".reconciler").mkdir()
    emulator.state.save(workdir / ".reconciler" / "local.json")
    return lookups


def _apply(workdir: Path, target: str) -> None:
    command = [sys.executable, "-m", "reconciler", "apply", "--target", target, "--auto-approve"]
    env = {**os.environ, "RECONCILER_DNC_BASELINE_REF": ""}
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(
            f"apply --target {target} to a fresh org failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
        )


def _client(emulator: Emulator) -> tuple[TestClient, dict[str, str]]:
    client = TestClient(create_app(emulator))
    token = client.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=CREDENTIALS)
    token.raise_for_status()
    return client, {"Authorization": f"Bearer {token.json()['access_token']}"}


def _named(client: TestClient, headers: dict[str, str], collection: str, name: str) -> dict[str, Any]:
    found = client.get(f"{API}/{collection}", params={"name": name, "filterType": "Equals"}, headers=headers)
    found.raise_for_status()
    entity: dict[str, Any] = found.json()["entities"][0]
    return entity


def _put(client: TestClient, headers: dict[str, str], collection: str, body: dict[str, Any]) -> None:
    client.put(f"{API}/{collection}/{body['id']}", json=body, headers=headers).raise_for_status()


def _admin_edits(emulator: Emulator) -> None:
    """What someone changed in the admin UI (the plan sets it back), and an undeclared object inside the
    prune scope (name_prefix "demo-")."""
    emulator.settings.settings_apply_seconds = 0
    client, headers = _client(emulator)
    campaign = _named(client, headers, "campaigns", "q3-renewals")
    _put(client, headers, "campaigns", {**campaign, "abandonRate": 3.0, "noAnswerTimeout": 20})
    hours = _named(client, headers, "callabletimesets", "us-eastern-business-hours")
    hours["callableTimes"][0]["timeSlots"][5]["stopTime"] = "17:00:00"
    _put(client, headers, "callabletimesets", hours)
    settings = client.get(f"{API}/settings", headers=headers).json()
    patch = {"version": settings["version"], "maxCallsPerAgent": 3}
    client.patch(f"{API}/settings", json=patch, headers=headers).raise_for_status()
    weekdays = [{"day": day, "startTime": "08:00:00", "stopTime": "20:00:00"} for day in range(1, 6)]
    legacy = {
        "name": "demo-legacy-hours",
        "callableTimes": [{"timeZoneId": "America/Denver", "timeSlots": weekdays}],
    }
    client.post(f"{API}/callabletimesets", json=legacy, headers=headers).raise_for_status()


def _stable_ids(state: EmulatorState) -> dict[str, str]:
    """Server-assigned id -> an id derived from the object's address, so the file is the same every run."""
    renamed: dict[str, str] = {}
    for collection, items in state.genesys.items():
        for object_id, obj in items.items():
            if "name" in obj and not collection.endswith("schedules"):
                renamed[object_id] = stable_id("genesys", collection, str(obj["name"]))
    return renamed


def _genesys_seed(state: EmulatorState, lookups: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The org in the seed format (docs/emulator.md), server fields left to the loader."""
    seed: dict[str, Any] = {"genesys": {}, "singletons": {}, "lookups": lookups, "dnc_numbers": {}}
    for collection, items in sorted(state.genesys.items()):
        objects = [{k: v for k, v in obj.items() if k not in SERVER_FIELDS} for obj in items.values()]
        if objects:
            seed["genesys"][collection] = sorted(objects, key=lambda obj: str(obj.get("name", obj["id"])))
    for key, obj in sorted(state.singletons.items()):
        seed["singletons"][key] = {k: v for k, v in obj.items() if k not in (*SERVER_FIELDS, "id")}
    seed["dnc_numbers"] = {
        list_id: dict(sorted(numbers.items())) for list_id, numbers in state.dnc_numbers.items()
    }
    text = json.dumps(seed, sort_keys=True)
    for old, new in _stable_ids(state).items():
        text = text.replace(old, new)
    result: dict[str, Any] = json.loads(text)
    return result


CXONE_API = "/inContactAPI/services/v30.0"
CXONE_ID_BLOCKS = {
    "Campaign": "campaigns",
    "Skill": "skills",
    "DncGroup": "dnc_groups",
    "Disposition": "dispositions",
}
CXONE_TIMESTAMPS = ("lastUpdateTime", "lastUpdated", "createDate", "dateCollected", "formattedPhone")


def _fresh_tenant(workdir: Path) -> None:
    """A CXone tenant with only the lookups (outbound routes and scripts), as the local-cxone state file."""
    lookups = cxone.with_lookup_ids(default_seed()["cxone"])
    tenant = Emulator(seed={"cxone": lookups})
    # the tenant numbers each kind from its own block (skills 5001, ...), as the tests and docs quote them
    tenant.state.meta["cxone_ids"] = {
        section: cxone.FIRST_IDS[kind] - 1 for kind, section in CXONE_ID_BLOCKS.items()
    }
    tenant.state.save(workdir / ".reconciler" / "local-cxone.json")


def _cxone_admin_edits(emulator: Emulator) -> None:
    """A dialer setting someone changed in CXone (the plan sets it back), made through the Admin API."""
    client = TestClient(create_app(emulator))
    token = client.post(
        "/auth/token",
        data={"grant_type": "password", "username": CREDENTIALS[0], "password": CREDENTIALS[1]},
        auth=CREDENTIALS,
    )
    token.raise_for_status()
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    skills = client.get(f"{CXONE_API}/skills", headers=headers)
    skills.raise_for_status()
    skill = next(s for s in skills.json()["skills"] if s["skillName"] == "cx-renewals-outbound")
    path = f"{CXONE_API}/skills/{skill['skillId']}/parameters/general-settings"
    client.put(path, json={"generalSettings": {"maximumRatio": 3}}, headers=headers).raise_for_status()


def _plain(obj: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in obj.items() if key not in CXONE_TIMESTAMPS}


def _cxone_seed(state: EmulatorState) -> dict[str, Any]:
    """The tenant in the seed format (docs/emulator.md), references by name, clock fields left to the loader."""
    cxone = state.cxone
    skill_names = {key: str(skill["skillName"]) for key, skill in cxone["skills"].items()}
    group_names = {key: str(group["dncGroupName"]) for key, group in cxone["dnc_groups"].items()}
    seed: dict[str, Any] = {}
    for section in ("outbound_routes", "scripts", "campaigns", "dispositions", "skills", "dnc_groups"):
        seed[section] = [
            _plain(obj) for _, obj in sorted(cxone.get(section, {}).items(), key=lambda kv: int(kv[0]))
        ]
    seed["parameters"] = {skill_names[key]: blocks for key, blocks in sorted(cxone["parameters"].items())}
    seed["dnc_records"] = {
        group_names[key]: [_plain(record) for _, record in sorted(numbers.items())]
        for key, numbers in sorted(cxone["dnc_records"].items())
    }
    for section in ("scrubbed", "contributing"):
        seed[section] = {
            group_names[key]: sorted(skill_names[str(skill)] for skill in skills)
            for key, skills in sorted(cxone[section].items())
            if skills
        }
    return {section: value for section, value in seed.items() if value}


METRICS_DAYS = 60
METRICS_LAST_DAY = date(2026, 11, 30)  # moved onto the emulator's yesterday when the seed loads
METRICS_SEED = 18  # issue #18


@dataclass(frozen=True)
class Profile:
    """A campaign's or skill's daily dialing: weekday attempts, live-answer rate, handle time, abandon
    share of live calls in the first and the last 30 days."""

    attempts: int
    live_rate: float
    handle_seconds: float
    abandon_early: float
    abandon_late: float


PROFILES: dict[tuple[str, str], Profile] = {
    ("genesys", "q3-renewals"): Profile(4200, 0.275, 305.0, 0.015, 0.016),
    ("genesys", "collections-early-stage"): Profile(2600, 0.31, 240.0, 0.019, 0.038),
    ("cxone", "cx-renewals-outbound"): Profile(3100, 0.25, 280.0, 0.012, 0.012),
}


def _binomial(rng: random.Random, trials: int, share: float) -> int:
    """About trials x share, with the binomial's spread (normal approximation; never below 0 or above trials)."""
    spread = math.sqrt(trials * share * (1 - share))
    return max(0, min(trials, round(rng.gauss(trials * share, spread))))


def _day_counts(rng: random.Random, profile: Profile, day: date, late: bool) -> dict[str, Any]:
    weekday = day.weekday() < 5
    attempted = round(profile.attempts * (1.0 if weekday else 0.35) * rng.uniform(0.9, 1.1))
    connected = _binomial(rng, attempted, profile.live_rate)
    abandoned = _binomial(rng, connected, profile.abandon_late if late else profile.abandon_early)
    handled = connected - abandoned
    handle = round(handled * profile.handle_seconds * rng.uniform(0.95, 1.05), 1)
    return {
        "date": day.isoformat(),
        "attempted": attempted,
        "connected": connected,
        "abandoned": abandoned,
        "handled": handled,
        "handle_seconds": handle,
    }


def demo_metrics() -> dict[str, Any]:
    """The body of POST /_emulator/metrics for the demo org: 60 days per campaign and skill."""
    rng = random.Random(METRICS_SEED)
    first = METRICS_LAST_DAY - timedelta(days=METRICS_DAYS - 1)
    body: dict[str, Any] = {"ending": "yesterday", "genesys": [], "cxone": []}
    for (platform, name), profile in PROFILES.items():
        key = "campaign" if platform == "genesys" else "skill"
        for offset in range(METRICS_DAYS):
            day = first + timedelta(days=offset)
            counts = _day_counts(rng, profile, day, late=offset >= METRICS_DAYS - 30)
            body[platform].append({key: name, **counts})
    return body


def _with_metrics(seed: dict[str, Any]) -> dict[str, Any]:
    """`seed` plus the demo counts, sent through the admin API first (the same checks as any caller's)."""
    body = demo_metrics()
    client = TestClient(create_app(Emulator(seed=seed)))
    client.post("/_emulator/metrics", json=body).raise_for_status()
    return {**seed, "metrics": body}


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(temp)
        _copy_repo(workdir)
        lookups = _fresh_org(workdir)
        _fresh_tenant(workdir)
        _apply(workdir, "local")
        _apply(workdir, "local-cxone")
        emulator = Emulator(state=EmulatorState.load(workdir / ".reconciler" / "local.json"))
        _admin_edits(emulator)
        seed = _genesys_seed(emulator.state, lookups)
        tenant = Emulator(state=EmulatorState.load(workdir / ".reconciler" / "local-cxone.json"))
        _cxone_admin_edits(tenant)
        seed["cxone"] = _cxone_seed(tenant.state)
    seed = _with_metrics(seed)
    Emulator(seed=seed)  # the file loads: every object passes the API's checks again
    OUT.write_text(json.dumps(seed, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
