"""`reconciler targets`: the workflow matrix of real-org targets, each with its own credential names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

PROJECT = """\
manifests: [config/genesys/, config/shared.yaml]
targets:
  local: {platform: genesys, emulator: true}
  prod-us: {platform: genesys, region: us-east-1, client_id_env: GC_ID, client_secret_env: GC_SECRET}
  cx-prod:
    platform: cxone
    access_key_id_env: CX_KEY
    access_key_secret_env: CX_KEY_SECRET
    client_id_env: CX_ID
    client_secret_env: CX_SECRET
"""


def test_the_demo_project_lists_its_genesys_and_cxone_targets() -> None:
    done = run_cli("targets", "--format", "json", cwd=ROOT)
    assert done.code == 0, done.stderr
    matrix = json.loads(done.stdout)
    assert [(item["target"], item["platform"]) for item in matrix] == [
        ("prod-us", "genesys"),
        ("cx-prod", "cxone"),
    ]
    assert matrix[0]["credentials"] == ["GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "", ""]
    assert set(matrix[1]["credentials"]) == {
        "CXONE_CLIENT_ID",
        "CXONE_CLIENT_SECRET",
        "CXONE_ACCESS_KEY_ID",
        "CXONE_ACCESS_KEY_SECRET",
    }


@pytest.mark.parametrize(
    ("changed", "listed"),
    [
        (["config/genesys/campaigns.yaml"], True),
        (["./config/shared.yaml"], True),
        (["reconciler.yaml"], True),
        (["README.md", "config/genesys-old/x.yaml", "config/shared.yaml.bak"], False),
        ([], False),
    ],
)
def test_only_a_change_to_the_manifests_or_the_project_file_lists_targets(
    tmp_path: Path, changed: list[str], listed: bool
) -> None:
    (tmp_path / "reconciler.yaml").write_text(PROJECT)
    (tmp_path / "changed.txt").write_text("\n".join(changed) + "\n")
    done = run_cli("targets", "--format", "json", "--changed-files", "changed.txt", cwd=tmp_path)
    assert done.code == 0, done.stderr
    assert [item["target"] for item in json.loads(done.stdout)] == (["prod-us", "cx-prod"] if listed else [])


def test_text_output_names_each_target_and_its_variables_not_their_values(tmp_path: Path) -> None:
    (tmp_path / "reconciler.yaml").write_text(PROJECT)
    done = run_cli("targets", cwd=tmp_path)
    assert done.stdout.splitlines() == [
        "prod-us (genesys): credentials from GC_ID, GC_SECRET",
        "cx-prod (cxone): credentials from CX_ID, CX_SECRET, CX_KEY, CX_KEY_SECRET",
    ]


PROMOTION = """\
manifests: campaigns/
targets:
  prod:
    platform: genesys
    region: us-east-1
    client_id_env: PROD_ID
    client_secret_env: PROD_SECRET
    overlays: [overlays/prod]
    after: test
  test:
    platform: genesys
    region: us-east-1
    client_id_env: TEST_ID
    client_secret_env: TEST_SECRET
    environment: test
"""


@pytest.mark.parametrize(
    ("changed", "listed"),
    [
        (["campaigns/genesys/campaigns.yaml"], ["test", "prod"]),
        (["overlays/prod/q3.yaml"], ["prod"]),
        (["overlays/test/q3.yaml"], []),
        (["reconciler.yaml"], ["test", "prod"]),
    ],
)
def test_targets_come_in_promotion_order_and_an_overlay_change_lists_its_target_only(
    tmp_path: Path, changed: list[str], listed: list[str]
) -> None:
    (tmp_path / "reconciler.yaml").write_text(PROMOTION)
    (tmp_path / "changed.txt").write_text("\n".join(changed) + "\n")
    done = run_cli("targets", "--format", "json", "--changed-files", "changed.txt", cwd=tmp_path)
    assert done.code == 0, done.stderr
    matrix = json.loads(done.stdout)
    assert [item["target"] for item in matrix] == listed
    settings = {item["target"]: (item["environment"], item["after"]) for item in matrix}
    assert settings.get("test", ("test", "")) == ("test", "") and settings.get(
        "prod", ("production", "test")
    ) == (
        "production",
        "test",
    )


@pytest.mark.parametrize(
    ("after", "says"),
    [
        ("nowhere", "applied after 'nowhere', which is not a target"),
        ("prod", "in a circle: prod -> test -> prod"),
    ],
)
def test_a_promotion_order_must_name_targets_and_not_go_round(tmp_path: Path, after: str, says: str) -> None:
    (tmp_path / "reconciler.yaml").write_text(
        PROMOTION.replace("    environment: test\n", f"    environment: test\n    after: {after}\n")
    )
    done = run_cli("targets", cwd=tmp_path)
    assert done.code == 1 and says in done.stderr
