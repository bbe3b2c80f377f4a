"""A copy of the demo config repo whose local target's emulated org holds the per-day counts a test sets."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.providers.session import demo_org_seed
from tests.conftest import ROOT
from tests.monitor.support import post_metrics


def copy_demo(folder: Path) -> Path:
    shutil.copytree(ROOT / "campaigns", folder / "campaigns")
    shutil.copy(ROOT / "reconciler.yaml", folder / "reconciler.yaml")
    return folder


def set_counts(repo: Path, body: dict[str, Any], *, target: str = "local") -> None:
    """POST /_emulator/metrics `body` to an emulated target's org (the demo org, without its own counts)."""
    seed = demo_org_seed()
    seed.pop("metrics", None)
    emulator = Emulator(seed=seed, state_path=repo / ".reconciler" / f"{target}.json")
    answer = post_metrics(emulator, body)
    assert answer.status_code == 200, answer.text
