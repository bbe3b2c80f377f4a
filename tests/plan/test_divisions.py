"""Divisions of campaigns, contact lists and DNC lists: named in manifests, sent as ids, read back as names;
no `division` means the org's home division, and export writes one only when it is another."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.emulator.genesys.admin_writes import external_edit
from reconciler.emulator.genesys.store import lookups
from reconciler.export import write_export
from tests.apply.support import Harness, demo_emulator, demo_repo, edit_manifest

Q3 = "genesys/Campaign/q3-renewals"


@pytest.fixture
def harness(tmp_path: Path) -> Harness:
    return Harness(root=demo_repo(tmp_path / "repo"), emulator=demo_emulator())


def _division_ids(harness: Harness) -> dict[str, str]:
    """Name -> id of the org's divisions, after adding a second one (Sales) beside Home."""
    harness.emulator.state.lookups["divisions"]["sales-division"] = {"id": "sales-division", "name": "Sales"}
    return {
        entry["name"]: division_id for division_id, entry in lookups(harness.emulator, "divisions").items()
    }


def _move(harness: Harness, campaign: str, division_id: str) -> None:
    external_edit(harness.emulator, "campaigns", None, campaign, {"division": {"id": division_id}})


def _change(harness: Harness, address: str) -> list[tuple[str, object, object]]:
    change = next(c for c in harness.plan().plan.resource_changes if c.address == address)
    return [(item.path, item.before, item.after) for item in change.changes]


def test_a_new_campaign_without_a_division_is_created_in_home(harness: Harness) -> None:
    home = _division_ids(harness)["Home"]
    assert harness.apply().report.ok
    (post,) = [s for s in harness.sent if s.method == "POST" and s.path == "/api/v2/outbound/campaigns"]
    assert post.body["division"] == {"id": home}
    assert harness.find("campaigns", "win-back-preview")["division"]["id"] == home


def test_a_campaign_in_home_plans_no_change_and_one_elsewhere_moves_back(harness: Harness) -> None:
    ids = _division_ids(harness)
    assert harness.apply().report.ok  # the demo's own live differences out of the way
    _move(harness, "q3-renewals", ids["Home"])
    assert _change(harness, Q3) == []
    _move(harness, "q3-renewals", ids["Sales"])
    assert _change(harness, Q3) == [("division", "Sales", "Home")]


def test_a_named_division_is_sent_as_its_id_and_reads_back_as_its_name(harness: Harness) -> None:
    ids = _division_ids(harness)
    assert harness.apply().report.ok
    edit_manifest(harness, "campaigns.yaml", "  queue: Renewals\n", "  queue: Renewals\n  division: Sales\n")
    assert _change(harness, Q3) == [("division", "Home", "Sales")]
    assert harness.apply().report.ok
    assert harness.find("campaigns", "q3-renewals")["division"]["id"] == ids["Sales"]
    assert Q3 not in harness.pending()


def test_export_writes_a_division_only_when_it_is_not_home(harness: Harness, tmp_path: Path) -> None:
    ids = _division_ids(harness)
    _move(harness, "q3-renewals", ids["Sales"])
    run = harness.plan()
    write_export(run.live.values(), tmp_path, index=run.index)
    exported = (tmp_path / "genesys" / "campaign.yaml").read_text()
    assert exported.count("division:") == 1 and "division: Sales" in exported
    assert "division:" not in (tmp_path / "genesys" / "contact-list.yaml").read_text()
