"""`.pre-commit-hooks.yaml` offers `reconciler validate` to pre-commit users: its entry is the real
command, run as pre-commit runs it (no file names, from the repository root)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, copy_demo, run_cli

HOOKS = ROOT / ".pre-commit-hooks.yaml"
REQUIRED = {"id", "name", "entry", "language"}
KNOWN = REQUIRED | {"description", "files", "exclude", "types", "pass_filenames", "require_serial", "args"}


def _hook() -> dict[str, Any]:
    (hook,) = yaml.safe_load(HOOKS.read_text())
    assert isinstance(hook, dict)
    return hook


def test_the_hook_is_well_formed() -> None:
    hook = _hook()
    assert REQUIRED <= set(hook) <= KNOWN
    assert hook["id"] == "reconciler-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False  # the whole project: references across files are checked


def test_the_hook_passes_the_demo_and_stops_a_broken_manifest(tmp_path: Path) -> None:
    command, *args = shlex.split(_hook()["entry"])
    assert command == "reconciler"
    copy_demo(tmp_path)
    assert run_cli(*args, cwd=tmp_path).code == 0
    (tmp_path / "campaigns" / "broken.yaml").write_text(
        "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: x}\nspec: {dialing_mode: fast}\n"
    )
    broken = run_cli(*args, cwd=tmp_path)
    assert broken.code == 1 and "campaigns/broken.yaml" in broken.stdout
