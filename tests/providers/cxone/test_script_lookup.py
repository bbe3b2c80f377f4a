"""Scripts are named through GET /scripts/search (current versions only), and only when asked (CX-L1)."""

from __future__ import annotations

from collections import Counter

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.providers.cxone.discovery import API_PATH
from tests.providers.cxone.support import read


def _org() -> Emulator:
    emulator = Emulator()
    scripts = [{"name": "Current"}, {"name": "Retired", "isActive": False}]
    apply_seed(emulator, {"cxone": {"scripts": scripts}})
    return emulator


def _script_gets(emulator: Emulator) -> Counter[str]:
    return Counter(
        {
            path.removeprefix(API_PATH): count
            for (method, path), count in emulator.requests.items()
            if method == "GET" and "/scripts" in path
        }
    )


def test_scripts_are_searched_by_name_and_only_current_ones_are_named() -> None:
    emulator = _org()
    snapshot, _ = read(emulator)
    assert _script_gets(emulator) == Counter({"/scripts/search": 1})
    current = emulator.state.cxone["scripts"]
    current_id = next(key for key, item in current.items() if item["scriptName"] == "Current")
    assert snapshot.index.id_of("Script", "Current") == current_id
    assert snapshot.index.id_of("Script", "Retired") is None


def test_scripts_are_not_listed_when_no_manifest_refers_to_one() -> None:
    emulator = _org()
    snapshot, _ = read(emulator, lookups=["OutboundRoute"])
    assert _script_gets(emulator) == Counter()
    assert not snapshot.index.knows("Script") and snapshot.index.knows("OutboundRoute")
