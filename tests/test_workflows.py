"""The workflow files users copy are valid GitHub workflows (schema shipped by check-jsonschema)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _workflow_schema() -> dict:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads((vendor / "github-workflows.json").read_text())


def test_there_are_workflows() -> None:
    assert WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_validates_against_the_github_schema(path: Path) -> None:
    document = yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # 'on' must stay a string key
    jsonschema.Draft7Validator(_workflow_schema()).validate(document)


def test_a_broken_workflow_is_rejected() -> None:
    document = yaml.load(WORKFLOWS[0].read_text(), Loader=yaml.BaseLoader)
    document["jobs"]["validate"]["steps"] = "not a list of steps"
    assert list(jsonschema.Draft7Validator(_workflow_schema()).iter_errors(document))
