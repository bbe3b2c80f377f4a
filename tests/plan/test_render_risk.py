"""Plans that never hide risk: the risk summary in every format, risky changes first and never cut,
values never cut mid-value."""

from __future__ import annotations

import json
from dataclasses import replace

from reconciler.diagnostics import Code, finding
from reconciler.diff import FieldChange
from reconciler.plan.models import REPLACE, Action, Plan, ResourceChange, Step
from reconciler.plan.numbers import NumberChanges
from reconciler.plan.render_json import render_json
from reconciler.plan.render_markdown import MARKDOWN_LIMIT, render_markdown
from reconciler.plan.render_sarif import render_sarif
from reconciler.plan.render_text import render_text
from tests.plan.support import SCENARIOS, assert_valid_plan_document, load_scenario, plan_of

LONG_END = "2027-03-31T23:59:59.000Z"


def _change(address: str, actions: tuple[Action, ...], **fields: object) -> ResourceChange:
    _, kind, name = address.split("/")
    return ResourceChange(address=address, kind=kind, name=name, actions=actions, order=0, **fields)  # type: ignore[arg-type]


def _risky_plan() -> Plan:
    changes = (
        _change(
            "genesys/ContactList/renewals-list",
            REPLACE,
            action_reason="immutable field(s) changed: column_names",
            changes=(FieldChange("column_names", ["a"], ["a", "b"]),),
            steps=(Step.CREATE, Step.REPOINT, Step.DELETE),
        ),
        _change(
            "genesys/DncList/old-dnc",
            (Action.DELETE,),
            before={"dnc_source_type": "rds"},
            steps=(Step.DELETE,),
        ),
        _change(
            "genesys/DncList/internal-dnc",
            (Action.UPDATE,),
            numbers=NumberChanges(
                field="entries", mode="exact", declared=1, live=3, remove=("+15555550101", "+15555550102")
            ),
            steps=(Step.UPDATE,),
        ),
        _change(
            "genesys/Campaign/q3",
            (Action.UPDATE,),
            changes=(FieldChange("campaign_status", "off", "on"),),
            steps=(Step.START,),
        ),
        _change(
            "cxone/Skill/winback",
            (Action.UPDATE,),
            changes=(FieldChange("skill_name", "a", "b"),),
            steps=(Step.STOP, Step.UPDATE, Step.START),
        ),
        _change(
            "genesys/CallableTimeSet/new-hours",
            (Action.CREATE,),
            after={"callable_times": []},
            steps=(Step.CREATE,),
        ),
    )
    base = plan_of(load_scenario(SCENARIOS / "server-extras.yaml"))
    error = finding(Code.ABANDON_RATE, "abandon rate 7 above the 3 % cap", address="genesys/Campaign/q3")
    return replace(base, resource_changes=changes, findings=(error,))


def test_the_risk_summary_names_and_counts_every_risky_change_and_what_it_loses() -> None:
    document = _risky_plan().to_dict()
    assert_valid_plan_document(document)
    risk = document["risk"]
    assert risk["counts"] == {
        "delete": 1,
        "replace": 1,
        "dnc-remove": 2,
        "run-state": 1,
        "restart": 1,
        "error": 1,
    }
    by_address = {item["address"]: item for item in risk["items"]}
    assert "loses its contacts" in by_address["genesys/ContactList/renewals-list"]["detail"]
    assert (
        by_address["genesys/DncList/internal-dnc"]["detail"]
        == "removes 2 number(s) from entries (exact mode)"
    )
    assert by_address["genesys/Campaign/q3"]["detail"] == "started: it starts dialing"
    assert "--allow-restart" in by_address["cxone/Skill/winback"]["detail"]
    assert "genesys/CallableTimeSet/new-hours" not in by_address
    assert [item["category"] for item in risk["items"]][:2] == ["delete", "replace"]
    assert document["apply_blocked"]["codes"] == ["ABANDON-RATE"]


def test_every_format_puts_risk_first() -> None:
    plan = _risky_plan()
    text = render_text(plan)
    assert text.index("This plan cannot be applied") < text.index("Risk: 1 delete(s), 1 replace(s)")
    assert text.index("Risk:") < text.index("-/+ genesys/ContactList/renewals-list")
    order = [
        text.index(f" {address}  (")
        for address in (
            "genesys/ContactList/renewals-list",
            "genesys/Campaign/q3",
            "genesys/CallableTimeSet/new-hours",
        )
    ]
    assert order == sorted(order)  # replaces and deletes, then updates, then creates
    markdown = render_markdown(plan)
    assert markdown.index("### Risk:") < markdown.index("| create |") < markdown.index("### Changes")
    assert "- **restart** running skill stopped" in markdown
    assert json.loads(render_json(plan))["risk"]["counts"]["replace"] == 1
    sarif = json.loads(render_sarif(plan))["runs"][0]["properties"]
    assert sarif["risk"]["counts"]["dnc-remove"] == 2 and sarif["apply_blocked"]["errors"] == 1


def test_a_plan_without_risk_says_so() -> None:
    plan = plan_of(load_scenario(SCENARIOS / "server-extras.yaml"))
    assert "Risk: none: no deletes, replaces" in render_text(plan)
    assert plan.to_dict()["apply_blocked"] is None


def test_long_values_are_shown_whole_behind_details_never_cut() -> None:
    intervals = [{"start": f"2026-0{m}-01T13:00:00.000Z", "end": LONG_END} for m in range(1, 8)]
    change = _change(
        "genesys/CampaignSchedule/q3-schedule",
        (Action.UPDATE,),
        changes=(FieldChange("intervals", intervals[:1], intervals),),
        steps=(Step.UPDATE,),
    )
    plan = replace(plan_of(load_scenario(SCENARIOS / "server-extras.yaml")), resource_changes=(change,))
    markdown = render_markdown(plan)
    assert "more characters" not in markdown
    assert "+ intervals: (" in markdown and "shown whole under “Full values”" in markdown
    assert "<details><summary>Full values</summary>" in markdown
    assert markdown.count(LONG_END) == 8  # one before, seven after: every end date, whole
    assert render_text(plan).count(LONG_END) == 8


def test_a_shortened_comment_drops_creates_before_any_delete_or_replace() -> None:
    big = {f"field_{n}": "x" * 150 for n in range(30)}
    creates = tuple(
        _change(f"genesys/CallableTimeSet/bulk-{n:03d}", (Action.CREATE,), after=big, steps=(Step.CREATE,))
        for n in range(480)
    )
    deletes = tuple(
        _change(
            f"genesys/ContactList/old-{n}",
            (Action.DELETE,),
            before=big,
            action_reason="not declared",
            steps=(Step.DELETE,),
        )
        for n in range(9)
    )
    plan = replace(_risky_plan(), resource_changes=creates + deletes + _risky_plan().resource_changes)
    markdown = render_markdown(plan)
    assert len(markdown) <= MARKDOWN_LIMIT and "**Shortened:**" in markdown
    for n in range(9):
        assert f"<code>- genesys/ContactList/old-{n}</code>" in markdown
        assert f"`genesys/ContactList/old-{n}`" in markdown  # and in the risk summary
    assert "<code>-/+ genesys/ContactList/renewals-list</code>" in markdown
    assert markdown.index("genesys/ContactList/old-8</code>") < markdown.index(
        "<code>+ genesys/CallableTimeSet/bulk-"
    )
    assert "create(s)) to keep this comment under" in markdown
