"""Regenerate reconciler/emulator/fixtures/demo-org.json: the live org the `local` target starts from.

It is campaigns/ (Genesys and CXone) with deliberate differences, so the first `reconciler plan`
on a fresh clone has something to show, for the `local` and the `local-cxone` target alike: objects to
create (missing here), fields to update (changed here) and, for Genesys, an unmanaged object inside
the prune scope (added here).

The Genesys org is not built from the manifests' own models: `reconciler apply` writes campaigns/ into a
fresh emulated org (lookups only) through the API, and the deliberate differences are made through the
API too, as an admin would. So every object in the demo org passed the emulator's API validation, and
loading the file validates each one again (a seed is checked as an API write would be).

    python scripts/make_demo_org.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
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
from reconciler.validation import validate_paths

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


def _copy_repo(workdir: Path) -> None:
    """campaigns/ and reconciler.yaml without the MISSING documents."""
    shutil.copy(ROOT / "reconciler.yaml", workdir / "reconciler.yaml")
    shutil.copytree(ROOT / "campaigns", workdir / "campaigns")
    left_out: set[str] = set()
    for path in (workdir / "campaigns").rglob("*.yaml"):
        documents = [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]
        kept = [doc for doc in documents if _address(doc) not in MISSING]
        left_out |= {_address(doc) for doc in documents} & MISSING
        if len(kept) != len(documents):
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


def _apply(workdir: Path) -> None:
    command = [sys.executable, "-m", "reconciler", "apply", "--target", "local", "--auto-approve"]
    env = {**os.environ, "RECONCILER_DNC_BASELINE_REF": ""}
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"apply to a fresh org failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")


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


def _cxone_seed() -> dict[str, Any]:
    result = validate_paths([ROOT / "campaigns"])
    kept = [resource for address, resource in result.manifests.items() if address not in MISSING]
    seed = cxone.cxone_seed(kept, lookups=cxone.with_lookup_ids(default_seed()["cxone"]))
    # A dialer setting someone changed in CXone Studio: the plan sets it back.
    seed["parameters"]["cx-renewals-outbound"]["generalSettings"]["maximumRatio"] = 3
    return seed


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(temp)
        _copy_repo(workdir)
        lookups = _fresh_org(workdir)
        _apply(workdir)
        emulator = Emulator(state=EmulatorState.load(workdir / ".reconciler" / "local.json"))
        _admin_edits(emulator)
        seed = _genesys_seed(emulator.state, lookups)
    seed["cxone"] = _cxone_seed()
    Emulator(seed=seed)  # the file loads: every object passes the API's checks again
    OUT.write_text(json.dumps(seed, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
