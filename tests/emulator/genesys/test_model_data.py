"""The committed API data (reconciler/emulator/genesys/models.json) is what scripts/update_genesys_models.py
makes from the pinned SDK 269.0.0, and holds what the emulator's routes use. Regenerating needs the SDK
(pip install purecloudplatformclientv2==269.0.0) and npm or GENESYS_JS_TYPINGS=<index.d.ts>; without
them that one test is skipped."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from reconciler.emulator.genesys import api_data
from reconciler.emulator.genesys.kinds import COLLECTIONS, LOOKUPS, SCHEDULES, SINGLETONS
from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "update_genesys_models.py"
COMMITTED = ROOT / "reconciler" / "emulator" / "genesys" / "models.json"
PINNED = "269.0.0"


def _sdk_version() -> str | None:
    if importlib.util.find_spec("PureCloudPlatformClientV2") is None:
        return None
    try:
        return importlib.metadata.version("purecloudplatformclientv2")
    except importlib.metadata.PackageNotFoundError:
        return None


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The generator, loaded from its file (it imports genesys_sdk_source from beside it)."""
    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("update_genesys_models", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_regenerating_with_the_pinned_sdk_gives_the_committed_file(tmp_path: Path) -> None:
    # find_spec, not importorskip: importing the SDK package runs its 6,000-model __init__ (seconds)
    if _sdk_version() != PINNED:
        pytest.skip(f"needs purecloudplatformclientv2=={PINNED} installed (found {_sdk_version()})")
    typings = os.environ.get("GENESYS_JS_TYPINGS")
    if typings is None and shutil.which("npm") is None:
        pytest.skip("needs npm (npm pack) or GENESYS_JS_TYPINGS=<path of index.d.ts>")
    out = tmp_path / "models.json"
    command = [sys.executable, str(SCRIPT), "--out", str(out), *(["--typings", typings] if typings else [])]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == COMMITTED.read_bytes()


def test_the_script_refuses_without_the_pinned_sdk(tmp_path: Path) -> None:
    if _sdk_version() == PINNED:
        pytest.skip("the pinned SDK is installed here")
    out = tmp_path / "models.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and not out.exists()
    assert f"purecloudplatformclientv2=={PINNED}" in done.stderr or PINNED in done.stderr
    assert "Traceback" not in done.stderr


def test_the_committed_file_is_rendered_as_the_script_renders_it() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_data_names_its_pinned_sources() -> None:
    assert api_data.sdk_version() == f"purecloudplatformclientv2=={PINNED}"
    packages = [artifact.get("package") for artifact in api_data.document()["source"]["artifacts"]]
    assert "purecloud-platform-client-v2@262.0.0" in packages


def test_the_data_has_what_the_emulator_routes_use() -> None:
    models = api_data.definitions()
    used: set[str] = {"ErrorBody"}
    for collection in COLLECTIONS:
        used |= {collection.create_definition, collection.update_definition, str(collection.listing)}
    used |= {schedule.definition for schedule in SCHEDULES} | {single.definition for single in SINGLETONS}
    for lookup in LOOKUPS:
        used |= {str(api_data.response_model("GET", lookup.path))}
        used |= {str(api_data.response_model("GET", f"{lookup.path}/{{id}}"))}
    assert used <= set(models), sorted(used - set(models))


def _property(model: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = api_data.definitions()[model]["properties"][name]
    return found


def test_the_data_is_the_current_api_not_sdk_257() -> None:
    assert _property("CampaignRuleParameters", "forDuration")["type"] == "string"  # D4
    assert "preciseDialingEnabled" in api_data.definitions()["Campaign"]["properties"]  # D6
    assert {"retentionType", "retentionDays", "dateExpiration", "timeZone"} <= set(
        api_data.definitions()["ContactList"]["properties"]
    )
    assert "DATETIME" in _property("ColumnDataTypeSpecification", "columnDataType")["enum"]  # D7
    assert "setCampaignReservation" in _property("CampaignRuleAction", "actionType")["enum"]
    assert "type" not in api_data.definitions()["PhoneColumn"].get("required", [])  # D11


def test_sdk_types_become_json_schema(script: ModuleType) -> None:
    assert script.schema_of("list[DomainEntityRef]") == {
        "type": "array",
        "items": {"$ref": "#/definitions/DomainEntityRef"},
    }
    assert script.schema_of("dict(str, list[str])") == {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    }
    assert script.schema_of("datetime") == {"type": "string", "format": "date-time"}
    assert script.schema_of("object") == {}
    assert script.models_named("dict(str, list[Reaction])") == {"Reaction"}


def test_required_is_a_property_without_a_question_mark_in_the_typings(script: ModuleType) -> None:
    typings = (
        'declare namespace Other {\n\texport interface Campaign { \n\t\t"x": string;\n\t}\n}\n'
        "declare namespace Models {\n"
        '\texport interface Campaign { \n\t\t"id"?: string;\n\t\t"name": string;\n'
        '\t\t"phoneColumns": Array<Models.PhoneColumn>;\n\t}\n'
        "\texport interface Empty { \n\t}\n}\n"
    )
    assert script.typings_required(typings) == {"Campaign": {"name", "phoneColumns"}, "Empty": set()}
