"""Apply against the emulated Genesys org: the platform state machines, gates, saved plans, partial
failure, DNC numbers and the audit trail, as a user of the demo repo would see them."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from reconciler.apply.results import Outcome
from reconciler.apply.run import ApplyOptions
from reconciler.apply.saved_plan import load_saved_plan
from reconciler.audit import verify
from reconciler.config import Notification
from reconciler.emulator.genesys.admin_writes import external_edit
from reconciler.emulator.genesys.store import objects
from reconciler.exceptions import ApplyRefused, UsageError
from reconciler.notify import Notifier
from tests.apply.support import FAST, Harness, demo_repo, edit_manifest
from tests.conftest import run_cli
from tests.test_notify import SECRET, Receiver

Q3 = "genesys/Campaign/q3-renewals"


def test_fresh_clone_plan_apply_plan_is_empty(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    assert run_cli("plan", "--detailed-exitcode", cwd=repo).code == 2
    applied = run_cli("apply", "--auto-approve", cwd=repo)
    assert applied.code == 0, applied.stderr
    assert "6 applied, 0 failed" in applied.stdout
    assert "+15555550100" not in applied.stdout + applied.stderr
    after = run_cli("plan", "--detailed-exitcode", cwd=repo)
    assert after.code == 0, after.stdout
    assert "0 to create, 0 to update" in after.stdout
    audit = run_cli("audit", "verify", cwd=repo)
    assert audit.code == 0 and "6 entries" in audit.stdout


def test_non_interactive_apply_without_approval_changes_nothing(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    refused = run_cli("apply", cwd=repo)
    assert refused.code == 1
    assert "--auto-approve" in refused.stderr and "Nothing was changed" in refused.stderr
    assert run_cli("plan", "--detailed-exitcode", cwd=repo).code == 2


def test_running_campaign_is_stopped_edited_and_restarted(harness: Harness) -> None:
    harness.apply()
    edit_manifest(harness, "campaigns.yaml", "dialing_mode: predictive", "dialing_mode: power")
    change = next(c for c in harness.plan().plan.resource_changes if c.address == Q3)
    assert [str(step) for step in change.steps] == ["stop", "update", "start"]
    assert harness.apply().report.ok
    live = harness.find("campaigns", "q3-renewals")
    assert (live["dialingMode"], live["campaignStatus"]) == ("power", "on")
    assert harness.pending() == {}


def test_enabled_campaign_rule_is_disabled_edited_and_enabled(harness: Harness) -> None:
    harness.apply()
    edit_manifest(harness, "campaign-rules.yaml", 'value: "5"', 'value: "3"')
    rule = "genesys/CampaignRule/collections-priority-when-few-agents"
    change = next(c for c in harness.plan().plan.resource_changes if c.address == rule)
    assert [str(step) for step in change.steps] == ["disable", "update", "enable"]
    assert harness.apply().report.ok
    live = harness.find("campaignrules", "collections-priority-when-few-agents")
    assert live["enabled"] is True
    assert live["campaignRuleConditions"][0]["parameters"]["value"] == "3"


def test_replace_creates_repoints_and_deletes(harness: Harness) -> None:
    harness.apply()
    old = harness.find("contactlists", "collections-list")
    edit_manifest(
        harness, "contact-lists.yaml", "days_past_due, state, phone]", "days_past_due, state, zip, phone]"
    )
    with pytest.raises(ApplyRefused, match="--allow-delete"):
        harness.apply()
    run = harness.apply(options=ApplyOptions(auto_approve=True, allow_delete=True, settings=FAST))
    assert run.report.ok, run.report.results
    new = harness.find("contactlists", "collections-list")
    assert new["id"] != old["id"] and "zip" in new["columnNames"]
    assert old["id"] not in objects(harness.emulator, "contactlists")
    campaign = harness.find("campaigns", "collections-early-stage")
    assert campaign["contactList"]["id"] == new["id"]
    assert harness.pending() == {}
    assert harness.duplicates() == []


def test_error_findings_block_apply(harness: Harness) -> None:
    edit_manifest(
        harness,
        "contact-lists.yaml",
        "labels: {team: collections}",
        'annotations: {reconciler/prevent-destroy: "true"}',
    )
    edit_manifest(
        harness, "contact-lists.yaml", "days_past_due, state, phone]", "days_past_due, state, zip, phone]"
    )
    with pytest.raises(ApplyRefused, match="DELETE-PROTECTED"):
        harness.apply(options=ApplyOptions(auto_approve=True, allow_delete=True, settings=FAST))
    assert harness.find("contactlists", "collections-list")["columnNames"][-1] == "phone"


def test_pruning_deletes_only_with_allow_delete(harness: Harness) -> None:
    config = harness.root / "reconciler.yaml"
    config.write_text(config.read_text().replace("enabled: false", "enabled: true"))
    with pytest.raises(ApplyRefused, match="demo-legacy-hours"):
        harness.apply()
    assert harness.find("callabletimesets", "demo-legacy-hours")
    assert harness.apply(options=ApplyOptions(auto_approve=True, allow_delete=True, settings=FAST)).report.ok
    assert not any(
        t.get("name") == "demo-legacy-hours" for t in objects(harness.emulator, "callabletimesets").values()
    )
    assert harness.pending() == {}


def test_a_failed_change_skips_its_dependents_and_the_rest_proceed(harness: Harness) -> None:
    # The platform refuses a sort on a column the contact list does not have (contact.sorts.invalid.field.name).
    edit_manifest(
        harness,
        "campaigns.yaml",
        "  preview_time_out_seconds: 120",
        "  preview_time_out_seconds: 120\n  contact_sorts: [{field_name: no_such_column, direction: ASC}]",
    )
    report = harness.apply().report
    outcomes = {result.address: result.outcome for result in report.results}
    assert outcomes["genesys/Campaign/win-back-preview"] == Outcome.FAILED
    assert outcomes["genesys/CampaignSchedule/win-back-preview-schedule"] == Outcome.SKIPPED
    assert outcomes[Q3] == Outcome.APPLIED
    assert not report.ok
    failed = next(r for r in report.results if r.outcome == Outcome.FAILED)
    assert failed.message is not None and "contact.sorts.invalid.field.name" in failed.message
    assert set(harness.pending()) == {
        "genesys/Campaign/win-back-preview",
        "genesys/CampaignSchedule/win-back-preview-schedule",
    }


def test_dnc_numbers_are_added_and_removed(harness: Harness) -> None:
    harness.apply()
    csv = harness.root / "campaigns" / "genesys" / "internal-dnc.csv"
    lines = csv.read_text().splitlines()
    csv.write_text("\n".join([*lines[:-1], "+12125550199"]) + "\n")
    pending = harness.pending()
    assert pending == {"genesys/DncList/internal-dnc": ["update"]}
    assert harness.apply().report.ok
    assert harness.pending() == {}


def test_saved_plan_applies_exactly_and_refuses_when_out_of_date(harness: Harness) -> None:
    saved = harness.saved_plan()
    edit_manifest(harness, "campaigns.yaml", "abandon_rate: 2.5", "abandon_rate: 2")
    with pytest.raises(ApplyRefused, match="manifests changed"):
        harness.apply(options=ApplyOptions(saved_plan=saved, settings=FAST))
    edit_manifest(harness, "campaigns.yaml", "abandon_rate: 2", "abandon_rate: 2.5")
    external_edit(harness.emulator, "campaigns", None, "q3-renewals", {"abandonRate": 4.0})
    with pytest.raises(ApplyRefused, match=r"q3-renewals: the live object moved since the plan"):
        harness.apply(options=ApplyOptions(saved_plan=saved, settings=FAST))
    assert harness.find("campaigns", "q3-renewals")["abandonRate"] == 4.0  # nothing was written
    saved = harness.saved_plan()
    external_edit(harness.emulator, "campaigns", None, "q3-renewals", {"callAnalysisLanguage": "fr-CA"})
    assert harness.apply(options=ApplyOptions(saved_plan=saved, settings=FAST)).report.ok
    assert harness.find("campaigns", "q3-renewals")["callAnalysisLanguage"] == "fr-CA"
    assert harness.pending() == {}


def test_saved_plan_cli_and_bad_plan_files(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    assert run_cli("plan", "--out", "plan.json", cwd=repo).code == 0
    applied = run_cli("apply", "plan.json", cwd=repo)  # a saved plan is the approval
    assert applied.code == 0, applied.stderr
    assert run_cli("apply", "plan.json", cwd=repo).code == 1  # applied already: the plan is out of date
    (repo / "broken.json").write_text("{not json")
    broken = run_cli("apply", "broken.json", cwd=repo)
    assert broken.code == 1 and "broken.json:1" in broken.stderr and "Traceback" not in broken.stderr
    with pytest.raises(UsageError, match="format_version"):
        (repo / "other.json").write_text(json.dumps({"format_version": "9"}))
        load_saved_plan(repo / "other.json")


def test_audit_lines_record_every_outcome_without_numbers(harness: Harness) -> None:
    harness.apply()
    log = harness.root / ".reconciler" / "audit.jsonl"
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert {line["address"] for line in lines} >= {Q3, "genesys/Campaign/win-back-preview"}
    assert all(line["result"] == "applied" and line["target"] == "local" for line in lines)
    assert "5555550100" not in log.read_text()
    assert verify(log).ok


def test_a_running_campaign_is_stopped_before_it_is_deleted(harness: Harness) -> None:
    config = harness.root / "reconciler.yaml"
    config.write_text(config.read_text().replace("enabled: false", "enabled: true"))
    template = harness.find("campaigns", "collections-early-stage")
    old = {**template, "id": "0d6f3c1e-0000-4000-8000-000000000001", "name": "demo-old-campaign"}
    objects(harness.emulator, "campaigns")[old["id"]] = {**old, "campaignStatus": "on"}
    change = next(c for c in harness.plan().plan.resource_changes if c.name == "demo-old-campaign")
    assert [str(step) for step in change.steps] == ["stop", "delete"]
    run = harness.apply(options=ApplyOptions(auto_approve=True, allow_delete=True, settings=FAST))
    assert run.report.ok, run.report.results
    assert old["id"] not in objects(harness.emulator, "campaigns")


def _every_event(url: str, *, attempts: int = 3, events: list[Any] | None = None) -> Notifier:
    events = events or ["apply.started", "resource.changed", "apply.finished"]
    hook = Notification(url_env="HOOK_URL", secret_env="HOOK_SECRET", events=events)
    env = {"HOOK_URL": url, "HOOK_SECRET": SECRET}
    return Notifier([hook], target="local", env=env, timeout_seconds=3, attempts=attempts, backoff_base=0.01)


def test_apply_events_are_signed_and_a_failing_webhook_never_fails_apply(harness: Harness) -> None:
    with Receiver() as receiver:
        run = harness.apply(notifier=_every_event(receiver.url()))
        assert run.report.ok
        events = [json.loads(item.body)["event"] for item in receiver.received]
        assert events == ["apply.started", *["resource.changed"] * 6, "apply.finished"]
        assert all(item.verified for item in receiver.received)
        finished = json.loads(receiver.received[-1].body)
        assert finished["data"]["ok"] is True and finished["data"]["outcomes"]["applied"] == 6
        assert "5555550100" not in b"".join(item.body for item in receiver.received).decode()
    edit_manifest(harness, "campaigns.yaml", "abandon_rate: 2.5", "abandon_rate: 2")
    with Receiver() as broken:
        broken.statuses = [500] * 50
        assert harness.apply(notifier=_every_event(broken.url(), attempts=2)).report.ok
        assert broken.received  # it was tried


def test_resource_events_are_delivered_concurrently_so_a_slow_webhook_costs_one_bound(
    harness: Harness,
) -> None:
    with Receiver() as receiver:
        receiver.barrier = threading.Barrier(6, timeout=5)  # passes only if all six arrive together
        run = harness.apply(notifier=_every_event(receiver.url(), events=["resource.changed"]))
        assert run.report.ok
        assert not receiver.barrier.broken
        assert len(receiver.received) == 6 and all(item.verified for item in receiver.received)
