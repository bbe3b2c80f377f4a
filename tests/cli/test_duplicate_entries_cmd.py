"""DUPLICATE-ENTRY through the CLI on a fresh emulated org: a repeated DNC number and a repeated DNC list
on a campaign warn once each, are written once, and the next plan is empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import copy_demo, run_cli

GENESYS = Path("campaigns") / "genesys"

pytestmark = pytest.mark.usefixtures("request_contract")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_repeated_entries_warn_once_are_written_once_and_converge(tmp_path: Path) -> None:
    repo = copy_demo(tmp_path)
    _edit(
        repo / GENESYS / "dnc-lists.yaml",
        "  entries: internal-dnc.csv\n",
        '  entries: ["+12125550111", "+12125550112", "+1 212 555 0111"]\n',
    )
    _edit(
        repo / GENESYS / "campaigns.yaml",
        "  dnc_lists: [internal-dnc, national-dnc-scrub]\n",
        "  dnc_lists: [internal-dnc, national-dnc-scrub, internal-dnc]\n",
    )

    planned = run_cli("plan", "--format", "json", cwd=repo)
    assert planned.code == 0, planned.stdout + planned.stderr
    repeats = [item for item in json.loads(planned.stdout)["findings"] if item["code"] == "DUPLICATE-ENTRY"]
    assert [item["severity"] for item in repeats] == ["warning", "warning"]
    assert sorted(item["message"].split(":")[1].split(" repeats")[0].strip() for item in repeats) == [
        "dnc_lists[2]",
        "entries[2]",
    ]
    assert "2125550111" not in planned.stdout.split('"findings"')[1]  # numbers never in findings

    applied = run_cli("apply", "--auto-approve", cwd=repo, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr
    again = run_cli("plan", "--detailed-exitcode", cwd=repo)
    assert again.code == 0, again.stdout + again.stderr  # no changes: nothing is written again

    exported = run_cli(
        "export", "--target", "local", "--out", str(tmp_path / "out"), "--kind", "Campaign", cwd=repo
    )
    assert exported.code == 0, exported.stdout + exported.stderr
    campaigns = [
        doc
        for path in (tmp_path / "out").rglob("*.yaml")
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8"))
        if doc and doc.get("kind") == "Campaign"
    ]
    (written,) = [
        doc["spec"]["dnc_lists"]
        for doc in campaigns
        if "national-dnc-scrub" in doc["spec"].get("dnc_lists", [])
    ]
    assert sorted(written) == ["internal-dnc", "national-dnc-scrub"]  # the repeat was written once
