"""reconciler/doctor/cxone_reads.json is what scripts/update_cxone_read_shapes.py makes from the vendored
Admin API specification, and it documents every CXone read the tool makes."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

from reconciler.doctor.cxone_check import documented
from reconciler.providers.cxone.kinds import DNC_GROUP_PARTS, KINDS, LOOKUPS, PARAMETERS
from tests.conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_cxone_read_shapes", ROOT / "scripts" / "update_cxone_read_shapes.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_packaged_shapes_are_what_the_script_makes_from_the_specification() -> None:
    packaged = (ROOT / "reconciler" / "doctor" / "cxone_reads.json").read_text(encoding="utf-8")
    assert packaged == _script().render()


def test_every_read_the_tool_makes_has_a_documented_answer_or_a_reason() -> None:
    paths = {
        listing.path
        for listing in [*KINDS.values(), *LOOKUPS.values(), PARAMETERS, *DNC_GROUP_PARTS.values()]
    }
    reads = documented()
    assert paths <= set(reads)
    assert all(reads[path]["schema"] is not None or reads[path]["reason"] for path in paths)


def test_the_documented_aggregate_answer_has_the_nested_schedule_shape() -> None:
    schema = documented()["/skills/parameters"]["schema"]
    item = schema["properties"]["skills"]["items"]["properties"]
    assert set(item["scheduleSettings"]["properties"]) == {"isScheduled", "schedules"}
    assert json.dumps(item["generalSettings"]["properties"]["maximumRatio"]) == '{"type": "integer"}'
