"""A manifest renamed without metadata.previous_names: the plan creates the new name and says which
undeclared live object it looks like a rename of; with previous_names it renames in place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_demo, run_cli

GENESYS = Path("campaigns") / "genesys"
CAMPAIGN = "genesys/Campaign/win-back-2029"
RULE = "genesys/CampaignRule/renewals-stop-at-95"


@pytest.fixture
def applied(tmp_path: Path) -> Path:
    """The demo applied to a fresh emulated org."""
    copy_demo(tmp_path)
    result = run_cli("apply", "--auto-approve", cwd=tmp_path, timeout=300)
    assert result.code == 0, result.stdout + result.stderr
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _rename(repo: Path, *, previous_names: bool) -> None:
    """win-back-preview becomes win-back-2029 (its schedule follows); renewals-stop-when-worked becomes
    renewals-stop-at-95; nothing else changes."""
    keep = {"win-back-preview": "win-back-2029", "renewals-stop-when-worked": "renewals-stop-at-95"}
    files = {"win-back-preview": "campaigns.yaml", "renewals-stop-when-worked": "campaign-rules.yaml"}
    for old, new in keep.items():
        previous = f"\n  previous_names: [{old}]" if previous_names else ""
        _edit(repo / GENESYS / files[old], f"  name: {old}\n", f"  name: {new}{previous}\n")
    _edit(repo / GENESYS / "schedules.yaml", "campaign: win-back-preview\n", "campaign: win-back-2029\n")


def _plan(repo: Path, fmt: str = "json") -> str:
    result = run_cli("plan", "--format", fmt, cwd=repo, timeout=180)
    assert result.code == 0, result.stdout + result.stderr
    return result.stdout


def _changes(repo: Path) -> dict[str, dict[str, Any]]:
    return {change["address"]: change for change in json.loads(_plan(repo))["resource_changes"]}


def test_a_rename_without_previous_names_is_a_create_that_says_what_it_looks_like(applied: Path) -> None:
    _rename(applied, previous_names=False)
    changes = _changes(applied)
    assert changes[CAMPAIGN]["actions"] == ["create"]
    assert changes[CAMPAIGN]["looks_like_rename_of"] == "win-back-preview"
    assert changes[RULE]["actions"] == ["create"]
    assert changes[RULE]["looks_like_rename_of"] == "renewals-stop-when-worked"
    others = [c for a, c in changes.items() if a not in (CAMPAIGN, RULE)]
    assert all(change["looks_like_rename_of"] is None for change in others)

    text = _plan(applied, "text")
    assert (
        "looks like a rename of win-back-preview: add `metadata.previous_names: [win-back-preview]` "
        "to rename it in place"
    ) in text
    markdown = _plan(applied, "markdown")
    assert "**Rename?** looks like a rename of renewals-stop-when-worked" in markdown


def test_a_rename_with_previous_names_is_in_place_and_carries_no_hint(applied: Path) -> None:
    _rename(applied, previous_names=True)
    changes = _changes(applied)
    for address, old in ((CAMPAIGN, "win-back-preview"), (RULE, "renewals-stop-when-worked")):
        assert changes[address]["actions"] == ["update"]
        assert changes[address]["looks_like_rename_of"] is None
        assert {"path": "metadata.name", "before": old, "after": address.rsplit("/", 1)[1]} in changes[
            address
        ]["changes"]


def test_a_renamed_object_whose_settings_also_changed_gets_no_hint(applied: Path) -> None:
    _rename(applied, previous_names=False)
    _edit(
        applied / GENESYS / "campaigns.yaml",
        "  preview_time_out_seconds: 120\n",
        "  preview_time_out_seconds: 90\n",
    )
    changes = _changes(applied)
    assert changes[CAMPAIGN]["actions"] == ["create"]
    assert changes[CAMPAIGN]["looks_like_rename_of"] is None
    assert changes[RULE]["looks_like_rename_of"] == "renewals-stop-when-worked"
