"""Every field of every kind has a description (the model's, else the platform API's, naming the
platform's field), and docs/reference/ holds one up-to-date page per kind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reconciler.manifest.kinds import KINDS
from reconciler.manifest.reference_docs import README, generate_reference, page_name
from reconciler.manifest.schema import generate_schemas
from tests.conftest import ROOT, run_cli

REFERENCE = ROOT / "docs" / "reference"
REGENERATE = "run: reconciler schema --reference docs/reference --examples campaigns"


def _properties() -> list[tuple[str, str, str, dict]]:
    found = []
    for file, schema in generate_schemas().items():
        models = [*schema.get("$defs", {}).items(), ("document", schema)]
        for model, body in models:
            for field, prop in body.get("properties", {}).items():
                found.append((file, model, field, prop))
    return found


def test_every_field_of_every_kind_has_a_description() -> None:
    missing = [
        f"{file} {model}.{field}" for file, model, field, prop in _properties() if not prop.get("description")
    ]
    assert missing == []


def test_platform_fields_name_the_platform_s_field_and_reconciler_fields_do_not() -> None:
    described = {(file, model, field): prop["description"] for file, model, field, prop in _properties()}
    assert described["genesys.Campaign.json", "CampaignSpec", "abandon_rate"].endswith(
        "Genesys Cloud API field: `abandonRate`."
    )
    assert "CXone API field: `scriptId`" in described["cxone.Skill.json", "SkillSpec", "script"]
    assert "API field" not in described["genesys.DncList.json", "DncListSpec", "entries"]  # reconciler-only
    assert "API field" not in described["genesys.Campaign.json", "GenesysMetadata", "labels"]


def test_a_description_from_the_api_comes_from_the_matching_definition() -> None:
    described = {(file, model, field): prop["description"] for file, model, field, prop in _properties()}
    # Genesys's own text for Campaign.callerName, not another definition's
    assert described["genesys.Campaign.json", "CampaignSpec", "caller_name"].startswith(
        "The caller id name to be displayed on the outbound call."
    )


def test_units_are_named_where_the_field_name_gives_them() -> None:
    for file, model, field, prop in _properties():
        if field.endswith("_seconds"):
            assert "second" in prop["description"].lower(), f"{file} {model}.{field}"
        if field.endswith("_minutes"):
            assert "minute" in prop["description"].lower(), f"{file} {model}.{field}"


def test_committed_reference_pages_equal_a_fresh_generation() -> None:
    fresh = generate_reference(ROOT / "campaigns")
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in REFERENCE.glob("*.md")}
    assert sorted(on_disk) == sorted(fresh), REGENERATE
    for name, text in fresh.items():
        assert on_disk[name] == text, f"docs/reference/{name} is stale: {REGENERATE}"


@pytest.mark.parametrize("info", list(KINDS.values()), ids=lambda info: f"{info.platform}.{info.kind}")
def test_each_kind_s_page_lists_every_spec_field_with_its_type(info) -> None:  # type: ignore[no-untyped-def]
    page = (REFERENCE / page_name(info)).read_text(encoding="utf-8")
    for field in info.spec.model_fields:
        assert re.search(rf"^\| `spec\.{field}` \| \S", page, re.MULTILINE), (
            f"{page_name(info)}: spec.{field}"
        )
    assert f"({page_name(info)})" in (REFERENCE / README).read_text(encoding="utf-8")


def test_a_page_shows_an_example_document_from_the_demo() -> None:
    page = (REFERENCE / "genesys.Campaign.md").read_text(encoding="utf-8")
    assert "## Example" in page and "```yaml\napiVersion: genesys/v1\nkind: Campaign\n" in page


def test_the_schema_command_writes_the_reference_pages(tmp_path: Path) -> None:
    done = run_cli(
        "schema", "--out", str(tmp_path / "s"), "--reference", str(tmp_path / "r"), "--examples", "campaigns"
    )
    assert done.code == 0, done.stderr
    assert f"wrote {len(KINDS) + 1} reference pages" in done.stdout
    assert (tmp_path / "r" / "genesys.Campaign.md").read_text() == (
        REFERENCE / "genesys.Campaign.md"
    ).read_text()
