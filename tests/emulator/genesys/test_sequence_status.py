"""A sequence keeps the status it is created with (D18, kept): no public source says the platform refuses
a sequence POSTed `on`; the Terraform provider's create-off-then-on is its own choice."""

from __future__ import annotations

from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import Api


def test_a_sequence_created_on_is_stored_on(api: Api) -> None:
    list_id = api.create("contactlists", s.contact_list())["id"]
    campaign_id = api.create("campaigns", s.campaign(list_id))["id"]
    created = api.create("sequences", {**s.sequence([campaign_id]), "status": "on"})
    assert api.fetch("sequences", created["id"])["status"] == "on"
