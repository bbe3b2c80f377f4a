"""CXone emulator test helpers: API bases, a seeded org and a skill factory (all through real HTTP)."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone.store import seed_cxone

V30 = "/inContactAPI/services/v30.0"
V33 = "/inContactAPI/services/v33.0"

SEED: dict[str, Any] = {
    "campaigns": [{"name": "retention-reporting"}, {"name": "collections"}],
    "outbound_routes": [{"routeDescription": "US Outbound Primary"}, {"name": "US Outbound Backup"}],
    "scripts": [{"scriptName": "PC Renewals Outbound"}, {"name": "PC Renewals Suppression"}],
    "dispositions": [{"dispositionName": "Renewed"}, {"name": "Do not call again", "classificationId": 4}],
}


@pytest.fixture
def seeded(emulator: Emulator) -> dict[str, int]:
    """Campaigns, outbound routes, scripts and dispositions; returns their ids by name."""
    seed_cxone(emulator, SEED)
    ids: dict[str, int] = {}
    for section, name_field, id_field in (
        ("campaigns", "name", "id"),
        ("outbound_routes", "routeDescription", "outboundTelecomRouteId"),
        ("scripts", "scriptName", "scriptId"),
        ("dispositions", "dispositionName", "dispositionId"),
    ):
        for item in emulator.state.cxone[section].values():
            ids[item[name_field]] = item[id_field]
    return ids


def pc_skill(name: str, campaign_id: int, **extra: Any) -> dict[str, Any]:
    """A POST /skills item for an outbound Personal Connection phone skill."""
    return {
        "skillName": name,
        "mediaTypeId": 4,
        "isOutbound": True,
        "outboundStrategy": "Personal Connection",
        "campaignId": campaign_id,
        **extra,
    }


def create_skill(client: TestClient, headers: dict[str, str], item: dict[str, Any]) -> int:
    response = client.post(f"{V30}/skills", json={"skills": [item]}, headers=headers)
    assert response.status_code == 200, response.text
    result = response.json()["skillsResults"][0]
    assert result["success"], result
    return skill_ids(client, headers)[item["skillName"]]


def skill_ids(client: TestClient, headers: dict[str, str]) -> dict[str, int]:
    """Every skill's id by name: the create answer carries no skillId (postSkillDetailsResponse)."""
    found: dict[str, int] = {}
    while True:
        params = {"skip": len(found), "top": 100}
        response = client.get(f"{V30}/skills", params=params, headers=headers)
        if response.status_code == 204:
            return found
        found |= {skill["skillName"]: skill["skillId"] for skill in response.json()["skills"]}


@pytest.fixture
def skill_id(client: TestClient, ch: dict[str, str], seeded: dict[str, int]) -> int:
    """One Personal Connection skill in the retention-reporting campaign."""
    return create_skill(client, ch, pc_skill("renewals-pc", seeded["retention-reporting"]))


def error_of(response: Any) -> tuple[int, str]:
    """(status, error) of a CXone error answer, after checking the body is {error, errorDescription}."""
    body = response.json()
    assert set(body) == {"error", "errorDescription"}, body
    assert body["errorDescription"], body
    return response.status_code, body["error"]
