"""CXone shapes: the manifest models' camelCase aliases round-trip through the emulator in the wrappers
of cxone-api.md §4, and the envelopes match the reference."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pydantic import BaseModel
from starlette.testclient import TestClient

from reconciler.emulator.cxone import fields
from reconciler.manifest.kinds import KINDS
from reconciler.manifest.models.cxone_skill import (
    CpaSettings,
    DeliveryPreferences,
    GeneralSettings,
    RetrySettings,
    ScheduleSettings,
    SkillSpec,
    TimeZoneWindow,
)
from reconciler.providers.cxone.aggregate import active_zones, per_block_shape
from tests.conftest import FIXTURES
from tests.emulator.cxone.conftest import V30, V33, create_skill

Headers = dict[str, str]
VALID = FIXTURES / "manifests" / "valid" / "cxone"
BLOCK_PATHS = {
    "generalSettings": "general-settings",
    "retrySettings": "retry-settings",
    "scheduleSettings": "schedule-settings",
    "timeZoneSettings": "time-zones",
    "cpaSettings": "cpa-management",
    "deliveryPreferences": "delivery-preferences",
}


def _document(kind: str) -> tuple[str, dict[str, Any]]:
    """(metadata.name, spec as the API body) of the valid fixture of a CXone kind."""
    raw = yaml.safe_load((VALID / f"{kind}.yaml").read_text(encoding="utf-8"))
    document = KINDS[("cxone", kind)].document.model_validate(raw)
    spec: dict[str, Any] = document.spec.model_dump(by_alias=True, exclude_none=True)
    return document.metadata.name, spec


def _aliases(model: type[BaseModel]) -> set[str]:
    return {field.serialization_alias or name for name, field in model.model_fields.items()}


def _contains(actual: Any, expected: Any) -> bool:
    """Every field sent reads back with the same value (the API may add fields of its own)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and _contains(actual[k], v) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(_contains(a, e) for a, e in zip(actual, expected, strict=True))
        )
    return bool(actual == expected)


@pytest.mark.parametrize(
    ("model", "table"),
    [
        (GeneralSettings, fields.GENERAL),
        (RetrySettings, fields.RETRY),
        (ScheduleSettings, fields.SCHEDULE),
        (TimeZoneWindow, fields.TIME_ZONE),
        (CpaSettings, fields.CPA),
        (DeliveryPreferences, fields.DELIVERY),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_every_model_alias_is_an_accepted_field(model: type[BaseModel], table: dict[str, str]) -> None:
    assert _aliases(model) <= set(table)


def test_every_skill_alias_is_a_skill_field_or_a_block() -> None:
    blocks = set(BLOCK_PATHS)
    assert _aliases(SkillSpec) - blocks <= set(fields.SKILL_CREATE)
    assert blocks <= set(fields.PARAMETER_BLOCKS)


def _resolve(spec: dict[str, Any], ids: dict[str, int]) -> dict[str, Any]:
    """What the reconciler does before sending: external and ref names become ids."""
    resolved = dict(spec)
    for field in ("outboundTelecomRouteId", "scriptId", "callSuppressionScriptId", "campaignId"):
        if field in resolved:
            resolved[field] = ids[resolved[field]]
    for item in resolved.get("dispositions", []):
        item["dispositionId"] = ids[item["dispositionId"]]
    return resolved


def test_skill_manifest_round_trips(client: TestClient, ch: Headers, seeded: dict[str, int]) -> None:
    name, spec = _document("Skill")
    spec = _resolve(spec, seeded)
    blocks = {key: spec.pop(key) for key in list(spec) if key in BLOCK_PATHS}
    create = {"skillName": name, "mediaTypeId": 4, "isOutbound": True, **spec}
    skill_id = create_skill(
        client,
        ch,
        {
            key: create[key]
            for key in ("skillName", "mediaTypeId", "isOutbound", "outboundStrategy", "campaignId")
        },
    )
    skill_body = {key: value for key, value in spec.items() if key != "outboundStrategy"}
    response = client.put(f"{V30}/skills/{skill_id}", json={"skill": skill_body}, headers=ch)
    assert response.status_code == 200, response.text
    for block, value in blocks.items():
        url = f"{V30}/skills/{skill_id}/parameters/{BLOCK_PATHS[block]}"
        response = client.put(url, json={block: value}, headers=ch)
        assert response.status_code == 200, (block, response.text)

    skill = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert _contains(skill, {**skill_body, "skillName": name, "outboundStrategy": "Personal Connection"})
    read = per_block_shape(client.get(f"{V30}/skills/{skill_id}/parameters", headers=ch).json())
    active = {**blocks, "timeZoneSettings": active_zones(blocks["timeZoneSettings"])}
    for block, value in blocks.items():
        assert _contains(read[block], active[block]), block
        single = client.get(f"{V30}/skills/{skill_id}/parameters/{BLOCK_PATHS[block]}", headers=ch).json()
        got = single.get(block, single)
        listed = got[: len(value)] if isinstance(got, list) else got  # then the zones it deactivated
        assert _contains(listed, value), block
    every = client.get(f"{V30}/skills/parameters", headers=ch).json()["skills"]
    assert _contains(per_block_shape(every[0]), {"skillName": name, "skillNo": skill_id, **active})


def test_dnc_group_manifest_round_trips(client: TestClient, ch: Headers, seeded: dict[str, int]) -> None:
    name, spec = _document("DncGroup")
    skill_ids = {"renewals-pc": create_skill(client, ch, {"skillName": "renewals-pc", "mediaTypeId": 4})}
    created = client.post(f"{V30}/dnc-groups", json={"dncGroupName": name}, headers=ch).json()
    group_id = created["dncGroups"][0]["dncGroupId"]
    query = {"dncGroupDescription": spec["dncGroupDescription"], "isActive": str(spec["isActive"]).lower()}
    assert client.put(f"{V30}/dnc-groups/{group_id}", params=query, headers=ch).status_code == 200
    for path, key in (("scrubbed-skills", "scrubbedSkills"), ("contributing-skills", "contributingSkills")):
        for skill in spec[key]:
            response = client.post(f"{V30}/dnc-groups/{group_id}/{path}/{skill_ids[skill]}", headers=ch)
            assert response.status_code == 200
    records = {"dncGroupRecords": spec["dncGroupRecords"]}
    result = client.post(f"{V30}/dnc-groups/{group_id}/records", json=records, headers=ch).json()
    assert result["resultSet"]["errorCount"] == 0

    group = client.get(f"{V30}/dnc-groups/{group_id}", headers=ch).json()["resultSet"]["dncGroups"][0]
    assert _contains(
        group, {"dncGroupName": name, "dncGroupDescription": spec["dncGroupDescription"], "isActive": True}
    )
    for path, key in (("scrubbed-skills", "scrubbedSkills"), ("contributing-skills", "contributingSkills")):
        members = client.get(f"{V30}/dnc-groups/{group_id}/{path}", headers=ch).json()[key]
        assert [member["skillName"] for member in members] == spec[key]
    stored = client.get(f"{V30}/dnc-groups/{group_id}/records", headers=ch).json()["resultSet"]["dncRecords"]
    expected = sorted(spec["dncGroupRecords"], key=lambda r: r["phoneNumber"].removeprefix("+1"))
    # stored in CXone's own form, without the North American +1
    as_stored = [{**record, "phoneNumber": record["phoneNumber"].removeprefix("+1")} for record in expected]
    assert _contains(stored, [{"expiredDate": None, **record} for record in as_stored])


def test_campaign_manifest_round_trips(client: TestClient, ch: Headers) -> None:
    name, spec = _document("Campaign")
    response = client.post(f"{V33}/campaigns", json={"name": name, **spec}, headers=ch)
    assert response.status_code == 200, response.text
    campaign = client.get(f"{V33}/campaigns/{response.json()['id']}", headers=ch).json()
    assert _contains(campaign, {"name": name, **spec})


def test_reference_envelopes(client: TestClient, ch: Headers, skill_id: int) -> None:
    """The top-level shapes cxone-api.md §4-5 lists, in one place."""
    listed = client.get(f"{V30}/skills", headers=ch).json()
    assert {"totalRecords", "skills", "_links"} <= set(listed)
    assert set(listed["_links"]) == {"self", "next", "previous"}
    assert {
        "skillId",
        "skillName",
        "mediaTypeId",
        "isOutbound",
        "outboundStrategy",
        "isRunning",
        "campaignId",
        "campaignName",
        "isActive",
    } <= set(listed["skills"][0])
    skill = client.get(f"{V30}/skills/{skill_id}", headers=ch).json()
    assert {
        "callerIdOverride",
        "outboundTelecomRouteId",
        "scriptId",
        "priorityBlending",
        "deliverMultipleNumbersSerially",
        "initialPriority",
        "acceleration",
        "maxPriority",
        "serviceLevelThreshold",
        "serviceLevelGoal",
        "requireDisposition",
        "lastUpdateTime",
    } <= set(skill)
    put = client.put(f"{V30}/skills/{skill_id}", json={"skill": {}}, headers=ch).json()
    assert set(put) == {"success", "skillId"}
    created = client.post(f"{V30}/dnc-groups", json={"dncGroupName": "g"}, headers=ch).json()
    assert set(created) == {"dncGroups"} and "dncGroupId" in created["dncGroups"][0]
    groups = client.get(f"{V30}/dnc-groups", headers=ch).json()
    assert set(groups) == {"resultSet"} and set(groups["resultSet"]) == {"totalGroups", "dncGroups"}
    group_id = created["dncGroups"][0]["dncGroupId"]
    client.post(
        f"{V30}/dnc-groups/{group_id}/records",
        json={"dncGroupRecords": [{"phoneNumber": "5555550100"}]},
        headers=ch,
    )
    records = client.get(f"{V30}/dnc-groups/{group_id}/records", headers=ch).json()
    assert set(records) == {"resultSet"} and {"totalRecords", "dncRecords"} <= set(records["resultSet"])
    missing = client.get(f"{V30}/skills/999999", headers=ch)
    assert set(missing.json()) == {"error", "errorDescription"}
