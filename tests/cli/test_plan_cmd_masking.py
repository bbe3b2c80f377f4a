"""Masked numbers still show change: `plan` on the demo repo after a caller-ID and a DNC edit that keep
the last four digits, in text, markdown and JSON, with the local (emulated) target."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from reconciler.plan.masking import without_fingerprints
from tests.apply.support import demo_repo
from tests.conftest import run_cli

DNC = "genesys/DncList/internal-dnc"
Q3 = "genesys/Campaign/q3-renewals"
SAME_LAST_FOUR = 600
"""Numbers ending 0199 added to the DNC list: with 4-hex fingerprints two of them very likely clash."""
AREAS = (201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217)
AREAS += (218, 219, 224, 225, 228, 229, 231, 234, 239, 240, 248, 251, 252, 253, 254)


def masked(last_four: str) -> re.Pattern[str]:
    return re.compile(rf"\*\*\*{last_four}#[0-9a-f]{{4,}}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _applied_demo(root: Path) -> Path:
    """The demo org applied, then a caller ID and a DNC number edited to same-last-four numbers."""
    root = demo_repo(root)
    assert run_cli("apply", "--auto-approve", cwd=root).code == 0
    genesys = root / "campaigns" / "genesys"
    _edit(genesys / "campaigns.yaml", '"+15555550100"', '"+15555560100"')  # q3-renewals, first in the file
    _edit(genesys / "internal-dnc.csv", "+12125550112", "+12135550112")  # one digit, same last four
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _applied_demo(tmp_path_factory.mktemp("masking"))


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As `repo`, with 600 more live DNC numbers that all end in 0199, which an exact-mode list drops:
    the plan lists every removed number."""
    root = _applied_demo(tmp_path_factory.mktemp("crowded"))
    csv = root / "campaigns" / "genesys" / "internal-dnc.csv"
    declared = csv.read_text()
    extra = [f"+1{area}{exchange}0199" for area in AREAS for exchange in range(250, 270)]
    csv.write_text(declared + "\n".join(extra) + "\n")
    assert run_cli("apply", "--auto-approve", cwd=root).code == 0
    csv.write_text(declared)
    _edit(
        root / "campaigns" / "genesys" / "dnc-lists.yaml",
        "  entries: internal-dnc.csv",
        "  entries_mode: exact\n  entries: internal-dnc.csv",
    )
    return root


def _plan(root: Path, output: str) -> str:
    result = run_cli("plan", "--format", output, cwd=root)
    assert result.code == 0, result.stderr
    return result.stdout


def _change(document: dict[str, Any], address: str) -> dict[str, Any]:
    return next(item for item in document["resource_changes"] if item["address"] == address)


def test_a_caller_id_change_with_the_same_last_four_digits_is_visible_in_every_format(repo: Path) -> None:
    for output in ("text", "markdown", "json"):
        shown = _plan(repo, output)
        assert "5555550100" not in shown and "5555560100" not in shown, output
        assert len(set(masked("0100").findall(shown))) == 2, output  # the old number and the new one
    document = json.loads(_plan(repo, "json"))
    (caller,) = [item for item in _change(document, Q3)["changes"] if item["path"] == "caller_address"]
    assert caller["before"] != caller["after"]
    assert without_fingerprints(caller["before"]) == without_fingerprints(caller["after"]) == "***0100"


def test_a_one_digit_dnc_change_is_visible_in_every_format(repo: Path) -> None:
    for output in ("text", "markdown", "json"):
        shown = _plan(repo, output)
        assert "2125550112" not in shown and "2135550112" not in shown, output  # only masked forms
        assert len(set(masked("0112").findall(shown))) == 2, output  # +12125550112 out, +12135550112 in
    document = json.loads(_plan(repo, "json"))
    renderings = set(masked("0112").findall(json.dumps(_change(document, DNC))))
    assert len(renderings) == 2


def test_different_numbers_never_share_a_rendering_and_one_number_renders_alike(crowded: Path) -> None:
    result = run_cli("plan", "--format", "json", "--out", "plan.json", cwd=crowded)
    document = json.loads(result.stdout)
    removed = _change(document, DNC)["numbers"]["removed"]
    # the 600 numbers, and +12125550112 kept live when the CSV changed it (additive) before exact mode
    assert len(removed) == SAME_LAST_FOUR + 1
    assert len(set(masked("0199").findall(json.dumps(removed)))) == SAME_LAST_FOUR  # 600 renderings
    assert "DNC-SHRINK" in {finding["code"] for finding in document["findings"]}
    # one run, one rendering per number: the printed plan and the saved file agree
    assert json.loads((crowded / "plan.json").read_text())["resource_changes"] == document["resource_changes"]


def test_each_run_renders_a_number_with_its_own_key(repo: Path) -> None:
    def caller(document: dict[str, Any]) -> tuple[str, str]:
        (change,) = [item for item in _change(document, Q3)["changes"] if item["path"] == "caller_address"]
        return change["before"], change["after"]

    first, second = (caller(json.loads(_plan(repo, "json"))) for _ in range(2))
    assert first != second
    assert without_fingerprints(list(first)) == without_fingerprints(list(second))


def test_a_refusal_that_quotes_a_finding_masks_its_number(tmp_path: Path) -> None:
    root = demo_repo(tmp_path)
    _edit(
        root / "campaigns" / "genesys" / "campaigns.yaml",
        "abandon_rate: 2.5",
        "abandon_rate: '+1 555 555 0177'",
    )
    refused = run_cli("apply", "--auto-approve", cwd=root)
    assert refused.code == 1 and "error finding" in refused.stderr
    assert "0177" in refused.stderr and "5550177" not in refused.stdout + refused.stderr
    assert masked("0177").search(refused.stderr)
