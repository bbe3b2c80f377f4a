"""What plan and apply send to Genesys Cloud, captured on the wire: bodies and query parameters follow the
current public API (purecloudplatformclientv2 269.0.0) and the Terraform provider's choices."""

from __future__ import annotations

from reconciler.emulator.genesys.admin_writes import external_edit
from reconciler.emulator.genesys.store import lookups, objects, remove, singleton
from tests.apply.support import Harness, Sent, edit_manifest

OUTBOUND = "/api/v2/outbound"
EMPTY_RESULT_LISTINGS = {
    "attemptlimits",
    "callabletimesets",
    "callanalysisresponsesets",
    "campaignrules",
    "contactlistfilters",
    "contactlists",
    "dnclists",
    "rulesets",
    "sequences",
}
READ_ONLY = {"id", "selfUri", "dateCreated", "dateModified"}


def _writes(harness: Harness, method: str, collection: str) -> list[Sent]:
    prefix = f"{OUTBOUND}/{collection}"
    return [s for s in harness.sent if s.method == method and s.path.startswith(prefix)]


def _code_ids(harness: Harness) -> dict[str, str]:
    return {entry["name"]: code_id for code_id, entry in lookups(harness.emulator, "wrapupcodes").items()}


def _mapping_keyed_by_ids(harness: Harness) -> None:
    """The demo's mapping as the platform holds it: keyed by wrap-up code ids."""
    ids = _code_ids(harness)
    live = {
        ids["Do Not Call"]: ["NUMBER_UNCALLABLE", "RIGHT_PARTY_CONTACT"],
        ids["Wrong Number"]: ["NUMBER_UNCALLABLE"],
        ids["Sale"]: ["BUSINESS_SUCCESS", "RIGHT_PARTY_CONTACT"],
    }
    external_edit(harness.emulator, "wrapupcodemappings", None, None, {"mapping": live})


def test_wrap_up_code_mappings_are_sent_keyed_by_code_id(harness: Harness) -> None:
    _mapping_keyed_by_ids(harness)
    edit_manifest(
        harness,
        "outbound-settings.yaml",
        "    Sale: [BUSINESS_SUCCESS, RIGHT_PARTY_CONTACT]",
        "    Sale: [BUSINESS_SUCCESS, RIGHT_PARTY_CONTACT]\n    Customer Busy: [BUSINESS_NEUTRAL]",
    )
    assert harness.apply().report.ok
    ids = _code_ids(harness)
    (put,) = _writes(harness, "PUT", "wrapupcodemappings")
    assert set(put.body["mapping"]) == {
        ids[name] for name in ("Do Not Call", "Wrong Number", "Sale", "Customer Busy")
    }
    assert singleton(harness.emulator, "wrapupcodemappings")["mapping"][ids["Customer Busy"]] == [
        "BUSINESS_NEUTRAL"
    ]
    assert harness.pending() == {}


def test_a_live_mapping_keyed_by_ids_reads_back_as_the_manifest_names(harness: Harness) -> None:
    _mapping_keyed_by_ids(harness)
    change = next(c for c in harness.plan().plan.resource_changes if c.kind == "WrapUpCodeMappings")
    assert not change.is_change
    assert change.before is not None and set(change.before["mapping"]) == {
        "Do Not Call",
        "Wrong Number",
        "Sale",
    }


def test_an_unknown_wrap_up_code_name_is_an_error_at_its_line(harness: Harness) -> None:
    edit_manifest(harness, "outbound-settings.yaml", "    Wrong Number:", "    Wrong Numbr:")
    findings = [f for f in harness.plan().plan.findings if f.code == "REF-MISSING"]
    assert [(f.severity, f.message) for f in findings] == [
        ("error", "spec.mapping.Wrong Numbr names WrapUpCode 'Wrong Numbr': the live org has none")
    ]
    source = findings[0].source
    assert source is not None and source.file.endswith("outbound-settings.yaml")
    lines = (harness.root / "campaigns" / "genesys" / "outbound-settings.yaml").read_text().splitlines()
    assert lines[source.line - 1].strip().startswith("Wrong Numbr:")


def test_a_recurrence_only_schedule_is_sent_with_empty_intervals(harness: Harness) -> None:
    campaign_id = harness.find("campaigns", "q3-renewals")["id"]
    remove(harness.emulator, "campaignschedules", campaign_id)  # a fresh org: the schedule is created
    assert harness.apply().report.ok
    (put,) = [s for s in _writes(harness, "PUT", "schedules/campaigns") if s.path.endswith(campaign_id)]
    assert put.body["intervals"] == [] and put.body["recurrences"]
    assert objects(harness.emulator, "campaignschedules")[campaign_id]["intervals"] == []
    assert harness.pending() == {}


def test_max_calls_per_agent_is_written_with_decimal_precision(harness: Harness) -> None:
    edit_manifest(
        harness, "campaigns.yaml", "  abandon_rate: 2.5", "  abandon_rate: 2.5\n  max_calls_per_agent: 3"
    )
    edit_manifest(harness, "outbound-settings.yaml", "max_calls_per_agent: 4", "max_calls_per_agent: 5")
    assert harness.apply().report.ok
    campaign_id = harness.find("campaigns", "q3-renewals")["id"]
    campaign_puts = [s for s in _writes(harness, "PUT", "campaigns") if s.path.endswith(campaign_id)]
    (settings,) = _writes(harness, "PATCH", "settings")
    for sent in [*campaign_puts, settings]:
        assert sent.params.get("useMaxCallsPerAgentDecimal") == "true", sent
    assert all("useMaxCallsPerAgentDecimal" not in s.params for s in _writes(harness, "PUT", "campaignrules"))


def test_listings_ask_for_empty_pages_and_schedules_take_no_paging(harness: Harness) -> None:
    harness.plan()
    listings = {s.path.removeprefix(f"{OUTBOUND}/"): s.params for s in harness.sent if s.method == "GET"}
    for collection in EMPTY_RESULT_LISTINGS:
        assert listings[collection]["allowEmptyResult"] == "true", collection
        assert listings[collection]["pageSize"] == "100"
    assert "allowEmptyResult" not in listings["campaigns"]  # GET /outbound/campaigns does not take it
    assert listings["schedules/campaigns"] == {} and listings["schedules/sequences"] == {}
    assert "allowEmptyResult" not in listings["/api/v2/routing/queues"]


def test_put_bodies_carry_the_version_but_no_read_only_fields(harness: Harness) -> None:
    edit_manifest(harness, "campaign-rules.yaml", 'value: "5"', 'value: "3"')
    assert harness.apply().report.ok
    puts = [s for s in harness.sent if s.method == "PUT" and s.path.startswith(OUTBOUND)]
    assert puts and all(isinstance(s.body.get("version"), int) for s in puts if "schedules" not in s.path)
    assert [s.path for s in puts if READ_ONLY & set(s.body)] == []
