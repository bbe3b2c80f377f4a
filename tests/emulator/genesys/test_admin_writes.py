"""Seeds and external edits pass the checks an API write would: a seed cannot hold what the API refuses, the
admin API answers 400 naming the field, and nothing of a refused seed or edit stays."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.admin_writes import external_edit
from reconciler.emulator.seed import apply_seed
from reconciler.emulator.seed_error import SeedError
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import MISSING, WRAPUP_DNC, Api

LIST_ID = "5a1e0000-0000-4000-8000-000000000012"
CAMPAIGN_ID = "5a1e0000-0000-4000-8000-000000000011"


def _org_seed(**extra: Any) -> dict[str, Any]:
    return {
        "genesys": {
            "contactlists": [{**s.contact_list(), "id": LIST_ID}],
            "campaigns": [{**s.campaign(LIST_ID), "id": CAMPAIGN_ID}],
            **extra,
        }
    }


@pytest.mark.parametrize(
    ("seed", "field", "code"),
    [
        (  # the mapping keyed by wrap-up code names, as the first demo org held it
            {"singletons": {"wrapupcodemappings": {"mapping": {"Do Not Call": ["CONTACT_UNCALLABLE"]}}}},
            "singletons.wrapupcodemappings.mapping",
            "invalid.update",
        ),
        (  # a recurrence-only schedule without the required intervals
            _org_seed(
                campaignschedules=[
                    {
                        "campaign": {"id": CAMPAIGN_ID},
                        "recurrences": [],
                        "timeZone": "America/New_York",
                    }
                ]
            ),
            "genesys.campaignschedules[0].intervals",
            "bad.request",
        ),
        (
            {"genesys": {"campaigns": [{**s.campaign(MISSING), "name": "orphan"}]}},
            "genesys.campaigns[0].contactList",
            "contact.list.not.found",
        ),
        (
            _org_seed(dnclists=[s.dnc_list(dncSourceType="dnc.com")]),
            "genesys.dnclists[0]",
            "",
        ),
        (
            {"genesys": {"callabletimesets": [s.callable_time_set(), s.callable_time_set()]}},
            "genesys.callabletimesets[",
            "duplicate.name",
        ),
        (
            {"singletons": {"settings": {"maxCallsPerAgent": 40}}},
            "singletons.settings.maxCallsPerAgent",
            "invalid.max.calls.per.agent",
        ),
    ],
)
def test_a_seed_the_api_would_refuse_is_refused_naming_the_field(
    org: Emulator, seed: dict[str, Any], field: str, code: str
) -> None:
    before = org.state.snapshot()
    with pytest.raises(SeedError) as refused:
        apply_seed(org, seed)
    assert refused.value.field is not None and refused.value.field.startswith(field)
    assert code in refused.value.message
    assert org.state.snapshot() == before


def test_a_seed_may_hold_an_org_as_it_stands(org: Emulator, api: Api) -> None:
    """Running campaigns and enabled rules are states an org reaches, not creates."""
    rule = {**s.campaign_rule(CAMPAIGN_ID), "enabled": True}
    seed = _org_seed(campaignrules=[rule])
    seed["genesys"]["campaigns"][0]["campaignStatus"] = "on"
    seed["singletons"] = {"wrapupcodemappings": {"mapping": {WRAPUP_DNC: ["CONTACT_UNCALLABLE"]}}}
    apply_seed(org, seed)
    assert api.fetch("campaigns", CAMPAIGN_ID)["campaignStatus"] == "on"
    assert api.get(f"{s.OUTBOUND}/wrapupcodemappings").json()["mapping"] == {
        WRAPUP_DNC: ["CONTACT_UNCALLABLE"]
    }


def test_the_admin_seed_endpoint_answers_400_with_the_field(org: Emulator, client: TestClient) -> None:
    seed = _org_seed(campaignschedules=[{"campaign": {"id": CAMPAIGN_ID}, "timeZone": "America/New_York"}])
    response = client.post("/_emulator/seed", json=seed)
    assert response.status_code == 400
    assert response.json()["field"] == "genesys.campaignschedules[0].intervals"
    assert "intervals" in response.json()["error"]
    assert org.state.genesys.get("campaigns", {}) == {}


def test_an_external_edit_the_api_would_refuse_changes_nothing(org: Emulator) -> None:
    apply_seed(org, _org_seed())
    with pytest.raises(GenesysError) as refused:
        external_edit(org, "campaigns", CAMPAIGN_ID, None, {"dialingMode": "telepathic"})
    assert refused.value.code == "invalid.value"
    assert org.state.genesys["campaigns"][CAMPAIGN_ID]["dialingMode"] != "telepathic"
