"""A replace interrupted at each of its points (rename, create, repoint, delete) is finished by the next
apply, and a replace plus an update of an object that refers to the replaced one succeeds in one apply."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from reconciler.apply.results import ChangeResult, Outcome
from reconciler.apply.run import ApplyOptions
from reconciler.emulator.genesys.admin_writes import external_edit
from reconciler.emulator.genesys.store import objects
from reconciler.exceptions import ApplyRefused
from tests.apply.support import FAST, Crash, Harness, Killed, demo_emulator, demo_repo, edit_manifest

LIST = "genesys/ContactList/collections-list"
CAMPAIGN = "genesys/Campaign/collections-early-stage"
ALLOW_DELETE = ApplyOptions(auto_approve=True, allow_delete=True, settings=FAST)


@pytest.fixture
def harness(tmp_path: Path) -> Harness:
    harness = Harness(root=demo_repo(tmp_path), emulator=demo_emulator())
    assert harness.apply().report.ok
    return harness


def add_zip_column(harness: Harness) -> None:
    """An immutable column change: collections-list is replaced, its campaign repointed."""
    edit_manifest(
        harness, "contact-lists.yaml", "days_past_due, state, phone]", "days_past_due, state, zip, phone]"
    )


def renamed_aside(request: httpx.Request) -> bool:
    return (
        request.method == "PUT" and "/contactlists/" in request.url.path and b"~replaced-" in request.content
    )


def created(request: httpx.Request) -> bool:
    return request.method == "POST" and request.url.path.endswith("/outbound/contactlists")


def repointed(request: httpx.Request) -> bool:
    return request.method == "PUT" and "/outbound/campaigns/" in request.url.path


def deleted(request: httpx.Request) -> bool:
    return request.method == "DELETE" and "/contactlists/" in request.url.path


def aside_names(harness: Harness) -> list[str]:
    return [
        str(item["name"])
        for item in objects(harness.emulator, "contactlists").values()
        if "~replaced-" in str(item["name"])
    ]


def crash_replace(harness: Harness, crash: Crash) -> None:
    add_zip_column(harness)
    with pytest.raises(Killed):
        harness.apply(options=ALLOW_DELETE, crash=crash)


def leftover_address(harness: Harness) -> str:
    (name,) = aside_names(harness)
    return f"genesys/ContactList/{name}"


def assert_converged(harness: Harness) -> None:
    assert harness.pending() == {}
    assert aside_names(harness) == []
    assert harness.duplicates() == []
    new = harness.find("contactlists", "collections-list")
    assert "zip" in new["columnNames"]
    assert harness.find("campaigns", "collections-early-stage")["contactList"]["id"] == new["id"]


@pytest.mark.parametrize(
    ("crash", "pending"),
    [
        (renamed_aside, {LIST: ["create"], CAMPAIGN: ["update"]}),
        (created, {CAMPAIGN: ["update"]}),
        (repointed, {}),
    ],
    ids=["after-rename", "after-create", "after-repoint"],
)
def test_the_next_plan_shows_the_rest_of_an_interrupted_replace_and_apply_finishes_it(
    harness: Harness, crash: Crash, pending: dict[str, list[str]]
) -> None:
    crash_replace(harness, crash)
    leftover = leftover_address(harness)
    assert harness.pending() == {**pending, leftover: ["delete"]}
    change = next(c for c in harness.plan().plan.resource_changes if c.address == leftover)
    assert change.action_reason == (
        f"left over by an interrupted replace of {LIST}; its dependents are repointed, then it is deleted"
    )
    assert [str(step) for step in change.steps] == ["repoint", "delete"]
    with pytest.raises(ApplyRefused, match="--allow-delete") as refused:
        harness.apply()
    assert leftover in str(refused.value)
    assert aside_names(harness) == [leftover.rsplit("/", 1)[1]]  # the refusal changed nothing
    run = harness.apply(options=ALLOW_DELETE)
    assert run.report.ok, run.report.results
    assert_converged(harness)


def test_a_crash_right_after_the_delete_leaves_nothing_to_do(harness: Harness) -> None:
    crash_replace(harness, deleted)
    assert_converged(harness)


def test_the_create_that_finishes_a_replace_says_so(harness: Harness) -> None:
    crash_replace(harness, renamed_aside)
    change = next(c for c in harness.plan().plan.resource_changes if c.address == LIST)
    assert change.action_reason is not None
    assert "interrupted replace" in change.action_reason and leftover_address(harness) in change.action_reason


def test_the_leftover_of_a_prevent_destroy_object_is_protected(harness: Harness) -> None:
    crash_replace(harness, created)
    edit_manifest(
        harness,
        "contact-lists.yaml",
        "name: collections-list\n  labels: {team: collections}",
        'name: collections-list\n  annotations: {reconciler/prevent-destroy: "true"}',
    )
    with pytest.raises(ApplyRefused, match="DELETE-PROTECTED") as refused:
        harness.apply(options=ALLOW_DELETE)
    assert "interrupted replace" in str(refused.value)
    assert len(aside_names(harness)) == 1


def test_drift_names_the_leftover_instead_of_calling_it_unmanaged(harness: Harness) -> None:
    crash_replace(harness, repointed)
    config = harness.root / "reconciler.yaml"
    config.write_text(config.read_text().replace('name_prefix: "demo-"', 'name_prefix: "collections-"'))
    drift = harness.drift().plan.resource_drift
    leftover = leftover_address(harness)
    entry = next(e for e in drift if e.address == leftover)
    assert str(entry.status) == "leftover"
    assert entry.reason is not None and LIST in entry.reason
    assert [e.address for e in drift if str(e.status) == "unmanaged"] == []


def test_a_replace_and_an_update_of_its_dependent_apply_in_one_run(harness: Harness) -> None:
    add_zip_column(harness)
    edit_manifest(harness, "campaigns.yaml", "abandon_rate: 3\n", "abandon_rate: 2\n")
    assert harness.pending() == {LIST: ["delete", "create"], CAMPAIGN: ["update"]}
    run = harness.apply(options=ALLOW_DELETE)
    assert run.report.ok, run.report.results
    assert harness.find("campaigns", "collections-early-stage")["abandonRate"] == 2
    assert_converged(harness)


def _edit_campaign_when(harness: Harness, when: Callable[[httpx.Request], bool]) -> Crash:
    """A request hook that edits the campaign's abandon rate live (as someone else would) once `when`."""

    def hook(request: httpx.Request) -> bool:
        if when(request):
            external_edit(
                harness.emulator, "campaigns", None, "collections-early-stage", {"abandonRate": 1.5}
            )
        return False  # never kills: the edit happens between two requests of the apply

    return hook


@pytest.mark.parametrize("when", [created, deleted], ids=["before-repoint", "after-repoint"])
def test_a_genuine_live_edit_during_a_replace_is_still_refused_as_stale(
    harness: Harness, when: Callable[[httpx.Request], bool]
) -> None:
    add_zip_column(harness)
    edit_manifest(harness, "campaigns.yaml", "abandon_rate: 3\n", "abandon_rate: 2\n")
    results: list[ChangeResult] = []
    harness.apply(options=ALLOW_DELETE, crash=_edit_campaign_when(harness, when), on_result=results.append)
    refused = [r for r in results if r.outcome == Outcome.REFUSED]
    assert len(refused) == 1 and refused[0].message is not None
    assert "abandon_rate" in refused[0].message and "1.5" in refused[0].message
    assert "contact_list" not in refused[0].message  # the repoint is this apply's own doing
    assert harness.find("campaigns", "collections-early-stage")["abandonRate"] == 1.5  # their edit survived
    assert CAMPAIGN in harness.pending()  # shown for review on the next plan
    run = harness.apply(options=ALLOW_DELETE)
    assert run.report.ok, run.report.results
    assert_converged(harness)


def test_the_plan_document_shows_the_leftover_delete(harness: Harness) -> None:
    crash_replace(harness, repointed)
    document = json.loads(json.dumps(harness.plan().plan.to_dict()))
    assert document["summary"]["delete"] == 1
    (change,) = [c for c in document["resource_changes"] if c["actions"] != ["no-op"]]
    assert change["address"] == leftover_address(harness)
    assert change["depends_on"] == [LIST]
