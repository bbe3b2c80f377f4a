"""SCHEDULE-OVERLAP and AUDIENCE-OVERLAP: filter disjointness, where schedules come from, and messages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from reconciler.diagnostics import Code
from reconciler.policy.context import CheckContext
from reconciler.policy.filter_disjointness import disjoint, filter_terms
from reconciler.policy.overlap import check_audience_overlap, check_schedule_overlap
from reconciler.state.objects import LiveObject, live_object
from reconciler.validation import validate_paths

# --- filters ---------------------------------------------------------------------------------------


def predicate(column: str, operator: str, value: Any = None, **fields: Any) -> dict[str, Any]:
    found = {"column": column, "operator": operator, **fields}
    if value is not None:
        found["value"] = value
    return found


def one(*predicates: dict[str, Any], clause: str = "AND", top: str = "AND") -> dict[str, Any]:
    """A filter of one clause."""
    return {"filter_type": top, "clauses": [{"filter_type": clause, "predicates": list(predicates)}]}


def numeric(column: str, operator: str, value: Any = None, **fields: Any) -> dict[str, Any]:
    return one(predicate(column, operator, value, column_type="numeric", **fields))


def text(column: str, operator: str, value: Any = None, **fields: Any) -> dict[str, Any]:
    return one(predicate(column, operator, value, column_type="alphabetic", **fields))


DISJOINT = {
    "different tiers": (text("tier", "EQUALS", "platinum"), text("tier", "EQUALS", "standard")),
    "below and at-or-above a bound": (
        numeric("a", "LESS_THAN", "10"),
        numeric("a", "GREATER_THAN_EQUALS", "10"),
    ),
    "at-or-below and above a bound": (
        numeric("a", "LESS_THAN_EQUALS", "10"),
        numeric("a", "GREATER_THAN", "10.0"),
    ),
    "between with an open top": (
        numeric("a", "BETWEEN", range={"min": "0", "max": "10", "max_inclusive": False}),
        numeric("a", "GREATER_THAN_EQUALS", "10"),
    ),
    "numeric sets": (
        numeric("a", "IN", range={"in_set": ["1", "2"]}),
        numeric("a", "IN", range={"in_set": ["3", "4"]}),
    ),
    "value and its inversion": (
        text("tier", "EQUALS", "gold"),
        text("tier", "EQUALS", "gold", inverted=True),
    ),
    "set and its inversion": (
        text("tier", "IN", range={"in_set": ["gold", "silver"]}),
        text("tier", "IN", range={"in_set": ["silver", "gold"]}, inverted=True),
    ),
    "different prefixes": (text("zip", "BEGINS_WITH", "90"), text("zip", "BEGINS_WITH", "10")),
    "value outside a prefix": (text("zip", "EQUALS", "90210"), text("zip", "BEGINS_WITH", "10")),
    "value containing an excluded part": (
        text("name", "EQUALS", "acme corp"),
        text("name", "CONTAINS", "corp", inverted=True),
    ),
    "one clause of an AND filter decides": (
        {
            "filter_type": "AND",
            "clauses": [
                {"filter_type": "AND", "predicates": [predicate("tier", "EQUALS", "gold")]},
                {
                    "filter_type": "OR",
                    "predicates": [predicate("state", "EQUALS", "FL"), predicate("b", "AFTER", "P1D")],
                },
            ],
        },
        text("tier", "EQUALS", "silver"),
    ),
    "every branch of an OR clause is excluded": (
        one(predicate("tier", "EQUALS", "gold"), predicate("tier", "EQUALS", "platinum"), clause="OR"),
        text("tier", "IN", range={"in_set": ["silver", "standard"]}),
    ),
}

OVERLAPPING = {
    "no filter": (None, text("tier", "EQUALS", "gold")),
    "touching inclusive bounds": (
        numeric("a", "LESS_THAN_EQUALS", "10"),
        numeric("a", "GREATER_THAN_EQUALS", "10"),
    ),
    "a value written two ways": (numeric("a", "EQUALS", "10"), numeric("a", "EQUALS", "10.00")),
    "text that may compare as a number": (text("a", "EQUALS", "10"), text("a", "EQUALS", "010")),
    "text that may ignore case": (text("tier", "EQUALS", "Gold"), text("tier", "EQUALS", "gold")),
    "an inversion that may be case-sensitive": (
        text("tier", "EQUALS", "Gold"),
        text("tier", "EQUALS", "gold", inverted=True),
    ),
    "two inverted comparisons (a blank value passes both)": (
        numeric("a", "LESS_THAN", "10", inverted=True),
        numeric("a", "GREATER_THAN_EQUALS", "10", inverted=True),
    ),
    "an OR clause with another way in": (
        one(predicate("tier", "EQUALS", "gold"), predicate("region", "EQUALS", "west"), clause="OR"),
        text("tier", "EQUALS", "silver"),
    ),
    "an unsupported operator": (text("signup", "BEFORE", "P-30D"), text("signup", "AFTER", "P-30D")),
    "nested prefixes": (text("zip", "BEGINS_WITH", "90"), text("zip", "BEGINS_WITH", "902")),
    "different columns": (text("tier", "EQUALS", "gold"), text("region", "EQUALS", "west")),
    "an unreadable number": (numeric("a", "LESS_THAN", "ten"), numeric("a", "GREATER_THAN", "20")),
    "a filter without clauses": ({"filter_type": "AND", "clauses": []}, text("tier", "EQUALS", "gold")),
}


@pytest.mark.parametrize(("first", "second"), DISJOINT.values(), ids=DISJOINT.keys())
def test_filters_that_cannot_share_a_contact_are_disjoint(first: Any, second: Any) -> None:
    assert disjoint(filter_terms(first), filter_terms(second))
    assert disjoint(filter_terms(second), filter_terms(first))


@pytest.mark.parametrize(("first", "second"), OVERLAPPING.values(), ids=OVERLAPPING.keys())
def test_filters_that_may_share_a_contact_are_not_disjoint(first: Any, second: Any) -> None:
    assert not disjoint(filter_terms(first), filter_terms(second))
    assert not disjoint(filter_terms(second), filter_terms(first))


# --- where schedules come from ---------------------------------------------------------------------

CAMPAIGN = """
---
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: {name}
spec:
  contact_list: {contact_list}
  dialing_mode: preview
  phone_columns:
    - {{column_name: phone, type: cell}}
  caller_name: Acme
  caller_address: "+15555550100"
{extra}"""

SCHEDULE = """
---
apiVersion: genesys/v1
kind: CampaignSchedule
metadata:
  name: {campaign}-schedule
spec:
  campaign: {campaign}
  time_zone: America/New_York
  recurrences:
    - start: "2026-07-06T{start}:00"
      end: "2026-07-06T{end}:00"
      pattern: {{type: Weekly, interval: 1, days_of_week: [Monday, Tuesday, Wednesday, Thursday, Friday]}}
      range: {{type: NoEnd}}
"""


def campaign(name: str, contact_list: str = "shared-list", extra: str = "") -> str:
    return CAMPAIGN.format(name=name, contact_list=contact_list, extra=extra)


def schedule(campaign: str, start: str = "09:00", end: str = "17:00") -> str:
    return SCHEDULE.format(campaign=campaign, start=start, end=end)


def context_of(path: Path, *, live: Sequence[LiveObject] = ()) -> CheckContext:
    manifests = validate_paths([path]).manifests
    return CheckContext(manifests=manifests, live={item.address: item for item in live}, platform="genesys")


def live(kind: str, name: str, essence: dict[str, Any]) -> LiveObject:
    return live_object(
        platform="genesys", kind=kind, name=name, platform_id=f"id-{name}", essence=essence, body={}
    )


def test_campaigns_on_one_list_with_overlapping_schedules_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        campaign("first") + campaign("second") + schedule("first") + schedule("second", "16:00", "18:00")
    )
    (found,) = check_audience_overlap(context_of(path))
    assert found.code == Code.AUDIENCE_OVERLAP
    assert found.address == "genesys/Campaign/second"
    assert found.source is not None and found.source.line == 21  # second's contact_list
    for piece in (
        f"first ({path}:3)",
        f"second ({path}:16)",
        "contact list shared-list",
        "Mon 2026-07-06 16:00 to 17:00 (America/New_York)",
        f"first-schedule ({path}:",
        "Neither campaign has a contact list filter",
    ):
        assert piece in found.message


def test_campaigns_on_different_lists_or_without_a_schedule_are_not_compared(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        campaign("first")
        + campaign("other-list", contact_list="another-list")
        + campaign("unscheduled")
        + schedule("first")
        + schedule("other-list")
    )
    assert check_audience_overlap(context_of(path)) == []


def test_at_plan_time_a_live_schedule_stands_in_for_an_undeclared_one(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(campaign("first") + campaign("second") + schedule("first"))
    essence = {
        "campaign": "second",
        "time_zone": "America/New_York",
        "intervals": [{"start": "2026-07-07T12:00:00", "end": "2026-07-07T13:00:00"}],
    }
    (found,) = check_audience_overlap(context_of(path, live=[live("CampaignSchedule", "second", essence)]))
    assert "Tue 2026-07-07 12:00 to 13:00" in found.message
    assert "its live schedule in the org" in found.message


def test_a_filter_only_the_org_has_can_make_campaigns_disjoint(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        campaign("first", extra="  contact_list_filters: [gold-only]\n")
        + campaign("second", extra="  contact_list_filters: [silver-only]\n")
        + schedule("first")
        + schedule("second")
    )
    filters = [
        live("ContactListFilter", name, {"contact_list": "shared-list", **text("tier", "EQUALS", tier)})
        for name, tier in (("gold-only", "gold"), ("silver-only", "silver"))
    ]
    assert check_audience_overlap(context_of(path, live=filters)) == []
    (found,) = check_audience_overlap(context_of(path))  # offline, the filters are unknown
    assert "gold-only and silver-only do not provably exclude each other" in found.message


# --- SCHEDULE-OVERLAP ------------------------------------------------------------------------------


def test_schedule_overlap_points_at_the_item_written_later(tmp_path: Path) -> None:
    path = tmp_path / "schedule.yaml"
    path.write_text(
        schedule("solo").rstrip("\n")
        + '\n  intervals:\n    - {start: "2026-07-08T16:30:00", end: "2026-07-08T18:00:00"}\n'
    )
    (found,) = check_schedule_overlap(context_of(path))
    assert found.address == "genesys/CampaignSchedule/solo-schedule"
    assert found.source is not None and found.source.line == 16
    assert "CampaignSchedule solo-schedule (campaign solo)" in found.message
    assert f"interval 1 ({path}:16) overlaps recurrence 1 ({path}:11)" in found.message
    assert "Wed 2026-07-08 16:30 to 17:00 (America/New_York)" in found.message


def test_a_single_recurrence_that_fits_its_period_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "schedule.yaml"
    path.write_text(schedule("solo", "00:00", "23:59"))
    assert check_schedule_overlap(context_of(path)) == []
