"""Numbers written in shapes a digit pattern misses are masked by validate (every format) and plan."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reconciler.plan.masking import mask_text
from tests.conftest import run_cli

SHAPES = ["12125550111x", "%2B12125550111", "+1 212 555 0111 ext 5"]
FULL = re.compile(r"2125550111|212 555 0111")
MASKED = "***0111#"
LOCAL = (
    "manifests: m/\ndefault_target: local\ntargets:\n  local:\n    platform: genesys\n    emulator: true\n"
)


def _echoing_manifests(root: Path) -> None:
    """SCHEMA findings quote each shape back (an enum that is not one), DNC-ENTRY quotes two more."""
    documents = [
        f"apiVersion: genesys/v1\nkind: Campaign\nmetadata:\n  name: c{index}\nspec:\n  contact_list: cl\n"
        f"  dialing_mode: {json.dumps(shape)}\n  caller_name: Acme\n  abandon_rate: 3\n"
        for index, shape in enumerate(SHAPES)
    ]
    dnc = (
        "apiVersion: genesys/v1\nkind: DncList\nmetadata:\n  name: dnc\nspec:\n  dnc_source_type: rds\n"
        f"  contact_method: Phone\n  entries: {json.dumps(SHAPES[:2])}\n"
    )
    (root / "m").mkdir()
    (root / "m" / "lists.yaml").write_text("---\n".join([*documents, dnc]), encoding="utf-8")
    (root / "reconciler.yaml").write_text(LOCAL, encoding="utf-8")


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_validate_masks_every_shape_in_every_format(tmp_path: Path, output_format: str) -> None:
    _echoing_manifests(tmp_path)

    result = run_cli("validate", "--format", output_format, cwd=tmp_path)

    shown = result.stdout + result.stderr
    assert result.code == 1 and "Traceback" not in shown
    assert shown.count(MASKED) >= 5, shown  # three SCHEMA echoes and two DNC-ENTRY ones
    assert not FULL.search(shown), FULL.search(shown)


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_plan_masks_every_shape(tmp_path: Path, output_format: str) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "list.yaml").write_text(
        "apiVersion: genesys/v1\nkind: ContactList\nmetadata:\n  name: cl\nspec:\n"
        f"  column_names: {json.dumps(['id', 'phone', *SHAPES])}\n"
        "  phone_columns:\n    - column_name: phone\n      type: cell\n",
        encoding="utf-8",
    )
    (tmp_path / "reconciler.yaml").write_text(LOCAL, encoding="utf-8")

    result = run_cli("plan", "--format", output_format, cwd=tmp_path)

    shown = result.stdout + result.stderr
    assert result.code == 0 and "Traceback" not in shown
    assert shown.count(MASKED) == 3, shown
    assert not FULL.search(shown)


@pytest.mark.parametrize(
    "text",
    [
        "call 12125550111x now",
        "q=%2B12125550111&x=1",
        "%2B1%20212%20555%200111",
        "x+12125550111y",
    ],
)
def test_glued_encoded_and_extended_numbers_are_masked_in_text(text: str) -> None:
    masked = mask_text(text)
    assert MASKED in masked and not FULL.search(masked) and "%2B1" not in masked


@pytest.mark.parametrize(
    "text",
    [
        "abc1234567890",  # the tail of a name
        "campaign 550e8400-e29b-41d4-a716-212555011100",  # a UUID
        "sha256:2125550111abcdef0123456789abcdef0123",  # a digest
        "%2B5 and version 12 at 2026-07-01",
    ],
)
def test_identifiers_and_short_digit_runs_are_left_alone(text: str) -> None:
    assert mask_text(text) == text
