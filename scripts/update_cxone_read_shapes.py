"""Regenerate reconciler/doctor/cxone_reads.json: the documented answer of every CXone read the tool makes.

Read from the Admin API specification text vendored in tests/fixtures/cxone-admin-spec (Swagger 2.0 behind
developer.niceincontact.com/API/AdminAPI, as published in the public repository
mark05e/NiceIncontactAPI-Admin, 2022-04-23). For each read path the 200 answer's schema is written with its
`$ref`s inlined, `nullable: true` as a `null` type, and without `additionalProperties` (answers gain
fields over versions) or prose (descriptions, titles, examples). A read whose 2022 text is older than the
v33 shapes the tool speaks is written as `null` with the reason (the newer generated client
calljacob/nice-cxone-api is followed there).

    python scripts/update_cxone_read_shapes.py [--out FILE]

The output is deterministic: running it again gives no diff, which tests/doctor/test_cxone_read_shapes.py
checks.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "fixtures" / "cxone-admin-spec"
OUT = ROOT / "reconciler" / "doctor" / "cxone_reads.json"

READS = {
    "/skills": ("Skills", "skills"),
    "/skills/parameters": ("Skills", "skills_parameters"),
    "/dnc-groups": ("Lists", "dnc_groups"),
    "/dnc-groups/{id}/records": ("Lists", "dnc_groups_groupId_records"),
    "/dnc-groups/{id}/scrubbed-skills": ("Lists", "dnc_groups_groupId_scrubbed_skills"),
    "/dnc-groups/{id}/contributing-skills": ("Lists", "dnc_groups_groupId_contributing_skills"),
    "/business-unit/outbound-routes": ("General", "business-unit_outbound-routes"),
    "/scripts": ("General", "scripts"),
    "/scripts/search": ("General", "scripts_search"),
    "/dispositions": ("General", "dispositions"),
    "/dispositions/classifications": ("Skills", "dispositions_classifications"),
}
"""Read path (as reconciler/providers/cxone/kinds.py writes it) -> (spec file, operation key)."""

NEWER = {
    "/campaigns": "Updated in v33.0: the 2022 text has the pre-v33 `{campaigns: [...]}` shape; the v33 "
    "client calljacob/nice-cxone-api (AdminSkillsService.ts getCampaigns) answers {totalRecords, "
    "businessUnitId, campaigns: [{id, name, isActive, ...}]}, which only the listing's own envelope check "
    "covers",
}
SLIPS = {"waitTimeFactor": ["boolean", "number"]}
"""Fields whose documented answer type is a slip, widened with the reason: `waitTimeFactor` is a boolean in
the aggregate GET text but a factor 0-999 in the general-settings PUT text (deviation CX-P15)."""
PROSE = frozenset({"description", "title", "example", "examples", "additionalProperties", "x-nullable"})


def _resolved(schema: Any, definitions: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    if isinstance(schema, list):
        return [_resolved(item, definitions, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref", "")
    if ref.startswith("#/definitions/"):
        name = ref.rsplit("/", 1)[-1]
        if name in seen:
            return {}
        return _resolved(definitions[name], definitions, (*seen, name))
    out = {key: _resolved(value, definitions, seen) for key, value in schema.items() if key not in PROSE}
    out.pop("nullable", None)
    for name, types in SLIPS.items():
        if name in out.get("properties", {}):
            out["properties"][name] = {"type": types}
    if schema.get("nullable") and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    return out


def shapes() -> dict[str, Any]:
    reads: dict[str, Any] = {}
    for path, (file, key) in READS.items():
        spec = json.loads((SPEC / f"{file}.json").read_text(encoding="utf-8"))
        schema = spec[key]["get"]["responses"]["200"].get("schema") or {}
        reads[path] = {"operation": f"{file}:{key}", "schema": _resolved(schema, spec["definitions"])}
    for path, reason in NEWER.items():
        reads[path] = {"operation": None, "schema": None, "reason": reason}
    source = "mark05e/NiceIncontactAPI-Admin (Admin API specification text, 2022-04-23)"
    return {"source": source, "reads": reads}


def render() -> str:
    return json.dumps(shapes(), indent=1, sort_keys=True) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
