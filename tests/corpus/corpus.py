"""The corpus configurations: where they are, their platform and the fresh emulated org each is applied to."""

from __future__ import annotations

from pathlib import Path

import yaml

from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import with_lookup_ids
from reconciler.emulator.server import default_seed

CORPUS = Path(__file__).parent
MANIFESTS = "manifests.yaml"
TARGET = "corpus"


def configurations() -> list[str]:
    """The name of every configuration: each folder of tests/corpus/ holding a manifests.yaml."""
    return sorted(path.parent.name for path in CORPUS.glob(f"*/{MANIFESTS}"))


def platform_of(folder: Path) -> str:
    """genesys or cxone: the platform of the configuration's documents (one platform per configuration)."""
    versions = {
        str(doc["apiVersion"]).split("/")[0]
        for doc in yaml.safe_load_all((folder / MANIFESTS).read_text(encoding="utf-8"))
        if doc
    }
    assert len(versions) == 1, f"{folder.name}: one platform per configuration, found {sorted(versions)}"
    return versions.pop()


def project_file(platform: str) -> str:
    """The reconciler.yaml a configuration without its own gets: one emulated target of its platform."""
    return (
        f"manifests: {MANIFESTS}\n"
        f"default_target: {TARGET}\n"
        f"targets:\n  {TARGET}: {{platform: {platform}, emulator: true}}\n"
        "compliance: {jurisdictions: [US]}\n"
    )


def fresh_org() -> Emulator:
    """A new org holding only what a customer's org has before any outbound configuration: the lookups
    (queues, scripts, edge groups, sites, wrap-up codes, flows, SMS numbers, domains; CXone routes and
    scripts), with no delay for campaign state changes."""
    seed = default_seed()
    emulator = Emulator(seed={"lookups": with_lookup_ids(seed["lookups"]), "cxone": seed["cxone"]})
    emulator.settings.campaign_stop_seconds = 0
    emulator.settings.settings_apply_seconds = 0
    return emulator
