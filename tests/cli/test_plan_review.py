"""What a reviewer reads, through the CLI: risk first, nothing risky cut, key-based list diffs, and a
plan with error findings that still shows its changes, exits 1 and says it cannot be applied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconciler.plan.render_markdown import MARKDOWN_LIMIT
from tests.conftest import copy_demo, run_cli
from tests.plan.support import assert_valid_plan_document

EXTRA_SLOTS = [(day, f"{hour:02d}:00:00") for day in (1, 2, 3, 4, 5) for hour in (9, 10, 11, 12, 13, 14, 15)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _plan_json(repo: Path, *args: str) -> tuple[int, dict[str, object]]:
    result = run_cli("plan", "--format", "json", *args, cwd=repo)
    assert result.code in (0, 1, 2), result.stderr
    document = json.loads(result.stdout)
    assert_valid_plan_document(document)
    return result.code, document


def test_a_compliance_error_still_shows_the_changes_and_says_the_plan_cannot_be_applied(repo: Path) -> None:
    _edit(repo / "campaigns" / "genesys" / "campaigns.yaml", "abandon_rate: 2.5", "abandon_rate: 7")
    result = run_cli("plan", cwd=repo)
    assert result.code == 1, result.stderr
    assert "This plan cannot be applied: 1 error finding(s) (ABANDON-RATE)" in result.stdout
    assert "No changes" not in result.stdout
    assert "~ genesys/Campaign/q3-renewals  (update)" in result.stdout
    assert "~ abandon_rate: 3.0 → 7" in result.stdout
    assert "+ genesys/Campaign/win-back-preview  (create)" in result.stdout
    code, document = _plan_json(repo)
    assert code == 1
    assert document["apply_blocked"] == {
        "message": document["apply_blocked"]["message"],  # type: ignore[index]
        "errors": 1,
        "codes": ["ABANDON-RATE"],
        "changes_computed": True,
    }
    assert document["risk"]["counts"]["error"] == 1  # type: ignore[index]
    markdown = run_cli("plan", "--format", "markdown", cwd=repo)
    assert markdown.code == 1
    assert "> [!CAUTION]\n> **This plan cannot be applied" in markdown.stdout
    assert "<code>~ genesys/Campaign/q3-renewals</code>" in markdown.stdout
    applied = run_cli("apply", "--auto-approve", cwd=repo)
    assert applied.code == 1 and "ABANDON-RATE" in applied.stderr and "nothing was changed" in applied.stderr


def test_errors_that_leave_the_manifests_incomplete_say_the_changes_were_not_computed(repo: Path) -> None:
    _edit(repo / "campaigns" / "genesys" / "campaigns.yaml", "abandon_rate: 2.5", "abandon_rate: lots")
    result = run_cli("plan", cwd=repo)
    assert result.code == 1
    assert "cannot be applied" in result.stdout and "The changes were not computed" in result.stdout
    assert "No changes" not in result.stdout
    markdown = run_cli("plan", "--format", "markdown", cwd=repo)
    assert "The changes were not computed" in markdown.stdout and "No changes" not in markdown.stdout


def test_inserting_one_time_slot_plans_one_added_slot(repo: Path) -> None:
    assert run_cli("apply", "--auto-approve", cwd=repo).code == 0
    _edit(
        repo / "campaigns" / "genesys" / "callable-time-sets.yaml",
        '        - {day: 1, start_time: "09:00:00", stop_time: "19:30:00"}\n',
        '        - {day: 1, start_time: "09:00:00", stop_time: "12:00:00"}\n'
        '        - {day: 1, start_time: "13:00:00", stop_time: "19:30:00"}\n',
    )
    code, document = _plan_json(repo)
    assert code == 0
    (change,) = [c for c in document["resource_changes"] if c["actions"] != ["no-op"]]  # type: ignore[union-attr]
    assert change["address"] == "genesys/CallableTimeSet/us-eastern-business-hours"
    assert change["changes"] == [
        {
            "path": "callable_times[America/New_York].time_slots[Mon 09:00:00].stop_time",
            "before": "19:30:00",
            "after": "12:00:00",
        },
        {
            "path": "callable_times[America/New_York].time_slots[Mon 13:00:00]",
            "before": None,
            "after": {"day": 1, "start_time": "13:00:00", "stop_time": "19:30:00"},
        },
    ]
    text = run_cli("plan", cwd=repo).stdout
    assert '    + callable_times[America/New_York].time_slots[Mon 13:00:00]: {"' in text


def _time_set(name: str) -> str:
    slots = "\n".join(
        f'        - {{day: {day}, start_time: "{start}", stop_time: "{start[:3]}30:00"}}'
        for day, start in EXTRA_SLOTS
    )
    return (
        f"apiVersion: genesys/v1\nkind: CallableTimeSet\nmetadata:\n  name: {name}\nspec:\n"
        f"  callable_times:\n    - time_zone_id: America/New_York\n      time_slots:\n{slots}\n"
    )


def test_a_500_change_comment_over_the_cap_still_lists_every_delete_and_replace(repo: Path) -> None:
    extra = repo / "campaigns" / "genesys" / "extra"
    extra.mkdir()
    doomed = [f"demo-old-hours-{n}" for n in range(9)]
    (extra / "old.yaml").write_text("---\n".join(_time_set(name) for name in doomed), encoding="utf-8")
    assert run_cli("apply", "--auto-approve", cwd=repo).code == 0
    (extra / "old.yaml").unlink()
    (extra / "bulk.yaml").write_text(
        "---\n".join(_time_set(f"bulk-hours-{n:03d}") for n in range(489)), encoding="utf-8"
    )
    _edit(repo / "reconciler.yaml", "prune:\n  enabled: false", "prune:\n  enabled: true")
    _edit(
        repo / "campaigns" / "genesys" / "contact-lists.yaml",
        "column_names: [account_id, balance, days_past_due, state, phone]",
        "column_names: [account_id, balance, days_past_due, state, phone, email]",
    )
    result = run_cli("plan", "--format", "markdown", "--out", "plan.json", cwd=repo, timeout=240)
    assert result.code == 0, result.stderr
    document = json.loads((repo / "plan.json").read_text(encoding="utf-8"))
    changed = [c for c in document["resource_changes"] if c["actions"] != ["no-op"]]
    risky = [c["address"] for c in changed if "delete" in c["actions"]]
    assert len(changed) >= 500 and len(risky) >= 10
    comment = result.stdout
    assert len(comment) <= MARKDOWN_LIMIT and "**Shortened:**" in comment
    assert all(f"`{address}`" in comment for address in risky), "a delete or replace was cut"
    assert "genesys/ContactList/collections-list" in risky
    assert "loses its contacts" in comment
    risk_at = comment.index("### Risk:")
    assert risk_at < comment.index("| create |") and risk_at < comment.index("### Changes")
    first_create = comment.index("<code>+ ")
    assert all(
        comment.index(f"{address}</code>") < first_create
        for address in risky
        if f"{address}</code>" in comment
    )
