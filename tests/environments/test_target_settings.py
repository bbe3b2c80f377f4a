"""A target's overlays, vars and compliance in reconciler.yaml: parsed, placed, and secrets refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.config import load_project
from reconciler.exceptions import ConfigError

PROJECT = """\
manifests: campaigns/
targets:
  local: {platform: genesys, emulator: true}
  local-prod:
    platform: genesys
    emulator: true
    overlays: [overlays/prod]
    compliance: {jurisdictions: [US, US-FL]}
    vars:
      caller_id: "+13175550100"
      lines: 20
"""


def test_overlays_vars_and_jurisdictions_of_a_target(tmp_path: Path) -> None:
    (tmp_path / "reconciler.yaml").write_text(PROJECT)
    project = load_project(tmp_path / "reconciler.yaml")
    prod = project.targets["local-prod"]
    assert prod.overlay_paths(tmp_path) == [tmp_path / "overlays/prod"]
    assert prod.vars == {"caller_id": "+13175550100", "lines": 20}
    assert prod.compliance is not None and prod.compliance.jurisdictions == ["US", "US-FL"]
    where = prod.where_of_var("lines")
    assert where is not None and where.line == 11 and where.file.endswith("reconciler.yaml")
    assert project.targets["local"].overlays == [] and project.targets["local"].vars == {}


@pytest.mark.parametrize("name", ["api_token", "webhook_url", "db_password", "client_secret"])
def test_a_variable_named_like_a_credential_is_refused_without_echoing_it(tmp_path: Path, name: str) -> None:
    (tmp_path / "reconciler.yaml").write_text(
        f"targets:\n  t:\n    platform: genesys\n    emulator: true\n    vars: {{{name}: hunter2}}\n"
    )
    with pytest.raises(ConfigError) as err:
        load_project(tmp_path / "reconciler.yaml")
    assert f"variable '{name}' looks like a credential" in str(err.value)
    assert "reconciler.yaml:5" in str(err.value)
    assert "hunter2" not in str(err.value)


def test_a_variable_name_must_be_an_identifier(tmp_path: Path) -> None:
    (tmp_path / "reconciler.yaml").write_text(
        "targets:\n  t:\n    platform: genesys\n    emulator: true\n    vars: {bad-name: 1}\n"
    )
    with pytest.raises(ConfigError) as err:
        load_project(tmp_path / "reconciler.yaml")
    assert "targets.t.vars" in str(err.value)
