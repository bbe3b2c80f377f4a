from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from reconciler.manifest.kinds import KINDS
from reconciler.manifest.schema import INDEX, generate_schemas, render_schema, write_schemas
from tests.conftest import FIXTURES, ROOT

COMMITTED = ROOT / "schemas"


def test_committed_schemas_equal_a_fresh_generation() -> None:
    fresh = generate_schemas()
    on_disk = {
        path.name: path.read_text()
        for path in COMMITTED.glob("*.json")
        if path.name.startswith(("genesys.", "cxone.")) or path.name == INDEX
    }
    assert sorted(on_disk) == sorted(fresh), "run: reconciler schema --out schemas/"
    for name, schema in fresh.items():
        assert on_disk[name] == render_schema(schema), f"schemas/{name} is stale: run reconciler schema"


def test_one_schema_per_kind_plus_index() -> None:
    assert len(generate_schemas()) == len(KINDS) + 1


def _validator() -> jsonschema.Draft202012Validator:
    schemas = generate_schemas()
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    return jsonschema.Draft202012Validator(schemas[INDEX], registry=registry)


VALID = sorted((FIXTURES / "manifests" / "valid").rglob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_index_schema_accepts_valid_fixtures(path: Path) -> None:
    for document in yaml.safe_load_all(path.read_text()):
        _validator().validate(document)


def test_index_schema_rejects_unknown_fields_and_kinds() -> None:
    validator = _validator()
    document = yaml.safe_load((FIXTURES / "manifests" / "valid" / "genesys" / "Campaign.yaml").read_text())
    document["spec"]["abandon_rat"] = 3
    assert list(validator.iter_errors(document))
    assert list(
        validator.iter_errors({"apiVersion": "genesys/v1", "kind": "Nope", "metadata": {}, "spec": {}})
    )


def test_schema_command_writes_the_files(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert {p.name for p in written} == set(generate_schemas())
    assert json.loads((tmp_path / INDEX).read_text())["title"] == "reconciler manifest"
