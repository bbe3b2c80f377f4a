from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from reconciler.diagnostics import Code, finding
from reconciler.diff import FieldChange
from reconciler.exceptions import Location
from reconciler.plan.drift import build_drift
from reconciler.plan.masking import mask_value
from reconciler.plan.models import Action, Plan, ResourceChange, Step
from reconciler.plan.render_json import render_json
from reconciler.plan.render_markdown import MARKDOWN_LIMIT, render_markdown
from reconciler.plan.render_sarif import render_sarif
from reconciler.plan.render_text import render_text
from reconciler.state.objects import DesiredObject, LiveObject
from tests.plan.support import (
    SCENARIOS,
    assert_valid_plan_document,
    desired_object,
    live_object,
    load_scenario,
    plan_of,
)

FIXTURE_NUMBERS = [
    "+15555550123",  # caller_address (campaign-create, cxone-skill)
    "+15555550124",
    "+15555550100",  # DNC entries (dnc-list)
    "+15555550101",
    "+15555550102",
    "+15555550142",  # CXone DNC group records
    "+15555550143",
    "+15555550177",  # finding messages and drift values below
]


def _plan_with_numbers() -> Plan:
    """Changes, findings and drift that all carry phone numbers."""
    changes: list[ResourceChange] = []
    for name in ("campaign-create", "dnc-list", "cxone-dnc-group"):
        scenario = load_scenario(SCENARIOS / f"{name}.yaml")
        changes.extend(scenario.plan().changes)
    scenario = load_scenario(SCENARIOS / "campaign-status.yaml")
    caller = ResourceChange(
        address="genesys/Campaign/caller-change",
        kind="Campaign",
        name="caller-change",
        actions=(Action.UPDATE,),
        order=0,
        before={"caller_address": "+1 (555) 555-0177"},
        after={"caller_address": "+15555550123"},
        changes=(FieldChange("caller_address", "+1 (555) 555-0177", "+15555550123"),),
        steps=(Step.UPDATE,),
    )
    findings = (
        finding(
            Code.DNC_ENTRY,
            "entry '+1555555017' of internal-dnc is not E.164; did you mean +15555550177?",
            address="genesys/DncList/internal-dnc",
            source=Location("campaigns/dnc.yaml", 7),
        ),
        replace(
            finding(Code.ABANDON_RATE, "abandon rate 4 above the US cap", address="genesys/Campaign/q3"),
            suppressed="approved by legal for +15555550177 tests",
        ),
    )
    drift = build_drift(
        desired={"genesys/Campaign/caller": _caller("+15555550123")},
        live={"genesys/Campaign/caller": _live_caller("+15555550177")},
        set_like_fields={},
        prune=scenario.prune,
        target_platform="genesys",
    )
    return replace(
        plan_of(scenario),
        resource_changes=(*changes, caller),
        findings=findings,
        resource_drift=drift,
    )


def _caller(number: str) -> DesiredObject:
    item = {"kind": "Campaign", "name": "caller", "spec": {"caller_address": number}}
    return desired_object(item, platform="genesys", file="c", line=1)


def _live_caller(number: str) -> LiveObject:
    return live_object(
        {"kind": "Campaign", "name": "caller", "spec": {"caller_address": number}}, platform="genesys"
    )


def _digit_windows(number: str) -> set[str]:
    digits = re.sub(r"\D", "", number)
    return {digits[start : start + 7] for start in range(len(digits) - 6)}


WINDOWS = set().union(*(_digit_windows(number) for number in FIXTURE_NUMBERS))


def _assert_no_full_number(output: str) -> None:
    squeezed = re.sub(r"(?<=\d)[\s().\-]+(?=\d)", "", output)
    for run in re.findall(r"\d{7,}", squeezed):
        leaked = [
            run[start : start + 7] for start in range(len(run) - 6) if run[start : start + 7] in WINDOWS
        ]
        assert not leaked, f"phone number digits {run} appear in the output"


RENDERERS = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "sarif": render_sarif,
}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_no_full_phone_number_in_any_format(fmt: str) -> None:
    plan = _plan_with_numbers()
    output = RENDERERS[fmt](plan)
    _assert_no_full_number(output)
    if fmt != "sarif":
        assert "***0123" in output


def test_the_fixture_plan_does_carry_the_numbers_unmasked_in_memory() -> None:
    """Guards the test above: the numbers are there to be masked."""
    plan = _plan_with_numbers()
    raw = json.dumps([change.after for change in plan.resource_changes], default=str)
    assert "+15555550123" in raw and "+15555550142" in raw


def test_color_text_is_masked_too() -> None:
    _assert_no_full_number(render_text(_plan_with_numbers(), color=True))


def test_json_is_the_plan_document_and_validates() -> None:
    plan = _plan_with_numbers()
    document = json.loads(render_json(plan))
    assert document == json.loads(json.dumps(plan.to_dict()))
    assert_valid_plan_document(document)
    assert document["summary"]["error"] == 1  # the allowed finding does not count
    assert document["findings"][1]["suppressed"].endswith(f"{mask_value('+15555550177')} tests")


def test_sarif_holds_every_finding() -> None:
    document = json.loads(render_sarif(_plan_with_numbers()))
    assert document["version"] == "2.1.0"
    results = document["runs"][0]["results"]
    assert [result["ruleId"] for result in results] == ["DNC-ENTRY", "ABANDON-RATE"]
    assert results[1]["suppressions"][0]["justification"].endswith(f"{mask_value('+15555550177')} tests")


def _many_changes(count: int) -> Plan:
    scenario = load_scenario(SCENARIOS / "campaign-status.yaml")
    changes = tuple(
        ResourceChange(
            address=f"genesys/Campaign/bulk-{index:04d}",
            kind="Campaign",
            name=f"bulk-{index:04d}",
            actions=(Action.UPDATE,),
            order=index % 3,
            before={"abandon_rate": 5, "contact_sorts": [{"field_name": "balance"}]},
            after={"abandon_rate": 3, "contact_sorts": [{"field_name": "due_date"}]},
            changes=(
                FieldChange("abandon_rate", 5, 3),
                FieldChange("contact_sorts[0].field_name", "balance", "due_date"),
                FieldChange("caller_address", "+15555550177", "+15555550123"),
            ),
            steps=(Step.STOP, Step.UPDATE, Step.START),
        )
        for index in range(count)
    )
    return replace(plan_of(scenario), resource_changes=changes)


def test_markdown_of_500_changes_stays_under_the_comment_limit() -> None:
    plan = _many_changes(500)
    text = render_markdown(plan)
    assert len(text) <= MARKDOWN_LIMIT
    shown = text.count("<details>")
    assert 0 < shown < 500
    match = re.search(r"\*\*Shortened:\*\* .*?(\d+) object\(s\) left out", text)
    assert match is not None and int(match.group(1)) + shown + text.count("\n- <code>") == 500
    assert "JSON plan artifact" in text
    assert all(f"`genesys/Campaign/bulk-{n:04d}`" in text for n in range(500))  # each restart named
    assert "| 0 | 500 | 0 | 0 | 0 |" in text
    _assert_no_full_number(text)
    assert_valid_plan_document(plan.to_dict())


def test_a_small_plan_is_rendered_whole() -> None:
    scenario = load_scenario(SCENARIOS / "contact-list-replace.yaml")
    plan = plan_of(scenario)
    text = render_markdown(plan)
    assert "Truncated" not in text
    assert text.count("<details>") == 3  # no-ops get no section
    assert "<code>-/+ genesys/ContactList/renewals-list</code>" in text
    assert '+ column_names: ["first_name", "phone", "balance"]' in text
    assert '- column_names: ["first_name", "phone"]' in text
    assert "create → repoint → delete" in text
    assert "| warning | `FORCES-REPLACE` |" in text
    assert "| error | `DELETE-PROTECTED` |" in text


def test_huge_findings_leave_room_for_changes() -> None:
    many = tuple(finding(Code.DNC_ENTRY, "x" * 200, address=f"genesys/DncList/l{n}") for n in range(1000))
    plan = replace(_many_changes(20), findings=many)
    text = render_markdown(plan)
    assert len(text) <= MARKDOWN_LIMIT
    assert "more finding(s) left out" in text
    assert text.count("<details>") == 20


def test_text_shows_symbols_field_changes_steps_and_summary() -> None:
    changes: list[ResourceChange] = []
    for name in ("contact-list-replace", "campaign-status", "prune-in-scope", "campaign-create"):
        changes.extend(load_scenario(SCENARIOS / f"{name}.yaml").plan().changes)
    scenario = load_scenario(SCENARIOS / "contact-list-replace.yaml")
    plan = replace(plan_of(scenario), resource_changes=tuple(changes))
    text = render_text(plan)
    assert (
        "-/+ genesys/ContactList/renewals-list  (replace: immutable field(s) changed: column_names)" in text
    )
    assert "~ genesys/Campaign/running-mode-change  (update)" in text
    assert "    steps: stop → update → start" in text
    assert '    ~ dialing_mode: "predictive" → "power"' in text
    assert "+ genesys/Campaign/q3-renewals  (create)" in text
    assert '    + dialing_mode: "predictive"' in text
    assert "- genesys/AttemptLimits/team-a-old-limits  (delete: not declared by any manifest" in text
    assert "genesys/ContactList/team-a-list" not in text  # a no-op is only counted
    assert "FORCES-REPLACE (warning)" in text
    assert text.rstrip().endswith("error(s), 2 warning(s)")


def test_text_of_an_empty_plan_says_nothing_changes() -> None:
    scenario = load_scenario(SCENARIOS / "server-extras.yaml")
    text = render_text(plan_of(scenario))
    assert "No changes" in text
    assert (
        "0 to create, 0 to update, 0 to replace, 0 to delete, 0 DNC number(s) to remove, 2 unchanged" in text
    )


def test_color_markup_escapes_values() -> None:
    change = ResourceChange(
        address="genesys/Campaign/x",
        kind="Campaign",
        name="x",
        actions=(Action.UPDATE,),
        order=0,
        changes=(FieldChange("notes", "[bold]a", "[red]b"),),
        steps=(Step.UPDATE,),
    )
    scenario = load_scenario(SCENARIOS / "server-extras.yaml")
    text = render_text(replace(plan_of(scenario), resource_changes=(change,)), color=True)
    assert "[yellow]~ genesys/Campaign/x[/yellow]" in text
    assert "\\[bold]a" in text
