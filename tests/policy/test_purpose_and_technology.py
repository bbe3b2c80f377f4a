"""Why and how a campaign calls (compliance.purpose, compliance.technology): which rules cover it, how the
technology is inferred, and what the checks then hold it to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reconciler.config import ProjectFile
from reconciler.diagnostics import Code
from reconciler.manifest.models.call_purpose import PURPOSES, TECHNOLOGIES
from reconciler.monitor.caps import cap_rules
from reconciler.policy import retry
from reconciler.policy.context import CheckContext
from reconciler.policy.jurisdictions import Covers, covering, rule_codes, rules_by_code, table
from reconciler.validation import check_context, load_manifests, validate_paths

Write = Callable[[str, str], Path]


def test_a_row_without_covers_is_a_solicitation_rule_for_sales_by_any_technology() -> None:
    maryland = table()["US-MD"]
    assert maryland.covers == Covers(frozenset({"sales"}), frozenset(TECHNOLOGIES))
    assert rule_codes(("US-MD",), "informational", "live") == ()
    assert rule_codes(("US-MD",), "sales", "text") == ("US-MD", "US")


def test_every_rule_says_what_it_covers_with_its_citation_and_effective_date() -> None:
    for code, rule in rules_by_code().items():
        assert rule.citation.strip() and rule.effective.year >= 1990, code
        assert rule.covers.purposes <= set(PURPOSES) and rule.covers.purposes, code
        assert rule.covers.technologies <= set(TECHNOLOGIES) and rule.covers.technologies, code
    assert {"US/reg-f-hours", "US/reg-f-frequency", "US-FL/collection", "US-OK/dial-announcing"} <= set(
        rules_by_code()
    )


@pytest.mark.parametrize(
    ("declared", "purpose", "technology", "expected"),
    [
        (("US-FL",), "sales", "live", ("US-FL", "US")),
        # Florida's solicitation statute (501.616) gives way to its collection statute and Regulation F
        (("US-FL",), "debt_collection", "live", ("US-FL/collection", "US/reg-f-hours", "US/reg-f-frequency")),
        # Regulation F's frequency presumption counts telephone calls, not texts
        (("US",), "debt_collection", "text", ("US/reg-f-hours",)),
        (("US-FL",), "informational", "live", ()),
        (("US", "US-FL"), "political", "prerecorded", ()),
        (("US",), "survey", "live", ()),
        # the TSR covers charitable solicitations by telemarketers; the states' statutes do not
        (("US-FL",), "charity", "live", ("US",)),
        # Oklahoma's dial-announcing-device hours bind any prerecorded call, its solicitation statute sales
        (("US-OK",), "sales", "prerecorded", ("US-OK", "US-OK/dial-announcing", "US")),
        (("US-OK",), "informational", "prerecorded", ("US-OK/dial-announcing",)),
        (("US-OK",), "sales", "live", ("US-OK", "US")),
        # Ofcom's abandoned-call policy binds every call
        (("UK",), "debt_collection", "live", ("UK",)),
    ],
)
def test_the_rules_that_cover_a_purpose_and_technology(
    declared: tuple[str, ...], purpose: str, technology: str, expected: tuple[str, ...]
) -> None:
    assert rule_codes(declared, purpose, technology) == expected


def test_covering_keeps_each_rows_order_its_own_rule_first() -> None:
    rows = [table()["US-OK"], table()["US"]]
    assert [rule.code for rule in covering(rows, "sales", "prerecorded")] == [
        "US-OK",
        "US-OK/dial-announcing",
        "US",
    ]


ORG = """
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: reminders
spec:
  contact_list: people
  dialing_mode: agentless
  phone_columns: [{column_name: phone, type: cell}]
  caller_name: Acme
  caller_address: "+12125550100"
---
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: renewals
spec:
  contact_list: people
  dialing_mode: predictive
  abandon_rate: 2
  phone_columns: [{column_name: phone, type: cell}]
  caller_name: Acme
  caller_address: "+12125550100"
---
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: declared
spec:
  contact_list: people
  dialing_mode: preview
  phone_columns: [{column_name: phone, type: cell}]
  caller_name: Acme
  caller_address: "+12125550100"
compliance:
  purpose: survey
  technology: prerecorded
---
apiVersion: genesys/v1
kind: MessagingCampaign
metadata:
  name: texts
spec:
  contact_list: people
  messages_per_minute: 30
  sms_config:
    phone_column: phone
    message_column: text
    sender_sms_phone_number: {phone_number: "+12125550150"}
---
apiVersion: cxone/v1
kind: Skill
metadata:
  name: outbound
spec:
  outbound_strategy: Personal Connection
---
apiVersion: cxone/v1
kind: Skill
metadata:
  name: agentless-skill
spec:
  outbound_strategy: Personal Connection
  agentless: true
  agentless_ports: 2
"""


def _context(write: Write, project: ProjectFile | None = None) -> CheckContext:
    path = write("org.yaml", ORG)
    validation = load_manifests([path], project=project)
    return check_context(validation, project=project, roots=[path.parent])


def _calling(context: CheckContext) -> dict[str, tuple[str, str]]:
    return {resource.name: context.calling_of(resource) for resource in context.manifests.values()}


def test_technology_is_inferred_from_the_dialing_mode_else_live(write: Write) -> None:
    assert _calling(_context(write)) == {
        "reminders": ("sales", "prerecorded"),  # agentless: the dialer plays a recording
        "renewals": ("sales", "live"),
        "declared": ("survey", "prerecorded"),  # declared wins
        "texts": ("sales", "text"),  # an SMS campaign
        "outbound": ("sales", "live"),
        "agentless-skill": ("sales", "prerecorded"),  # a script handles its calls, no agent
    }


def test_project_defaults_apply_where_neither_the_document_nor_its_dialing_says(write: Write) -> None:
    project = ProjectFile.model_validate(
        {"compliance": {"jurisdictions": ["US"], "purpose": "debt_collection", "technology": "prerecorded"}}
    )
    assert _calling(_context(write, project)) == {
        "reminders": ("debt_collection", "prerecorded"),
        "renewals": ("debt_collection", "prerecorded"),
        "declared": ("survey", "prerecorded"),
        "texts": ("debt_collection", "text"),  # its dialing says text
        "outbound": ("debt_collection", "prerecorded"),
        "agentless-skill": ("debt_collection", "prerecorded"),
    }


def test_genesys_attempt_limits_counted_over_seven_consecutive_days() -> None:
    def count(limit: int, reset: str) -> int | None:
        limits = {"max_attempts_per_contact": limit, "reset_period": reset}
        return retry.genesys_day_count(limits, 1, retry.WEEK_DAYS).calls

    assert count(7, "NEVER") == 7
    assert count(1, "TODAY") == 7  # one a day: 7 in 7 days, at Regulation F's cap
    assert count(3, "TODAY") == 21
    assert count(3, "DAYS_7") == 6  # seven days can hold the end of one period and the start of the next
    assert count(2, "DAYS_3") == 6  # days 1-7 touch three 3-day periods at most
    assert count(4, "DAYS_30") == 8
    assert retry.genesys_day_count(None, 1, retry.WEEK_DAYS).calls is None
    assert retry.most_calls(10, 24 * 60, None, 7 * retry.DAY_MINUTES) == 7


FLORIDA_COLLECTIONS = """
apiVersion: genesys/v1
kind: CallableTimeSet
metadata:
  name: collection-hours
spec:
  callable_times:
    - time_zone_id: America/New_York
      time_slots:
        - {day: 1, start_time: "08:00:00", stop_time: "21:00:00"}
"""


@pytest.mark.parametrize(("purpose", "flagged"), [("sales", True), ("debt_collection", False)])
def test_the_project_purpose_decides_whether_floridas_solicitation_hours_bind(
    write: Write, purpose: str, flagged: bool
) -> None:
    project = ProjectFile.model_validate({"compliance": {"jurisdictions": ["US-FL"], "purpose": purpose}})
    findings = validate_paths([write("hours.yaml", FLORIDA_COLLECTIONS)], project=project).findings
    hours = [item for item in findings if item.code == Code.CALLING_HOURS]
    assert bool(hours) == flagged
    if flagged:
        assert "501.616" in hours[0].message


RENEWALS = ORG.split("---")[1].replace("  abandon_rate: 2\n", "  abandon_rate: 6\n")


@pytest.mark.parametrize(
    ("purpose", "capped"),
    [
        ("sales", True),
        ("charity", True),
        ("debt_collection", False),
        ("informational", False),
        ("survey", False),
    ],
)
def test_the_abandonment_cap_binds_telemarketing_purposes_only(
    write: Write, purpose: str, capped: bool
) -> None:
    path = write("org.yaml", f"{RENEWALS}compliance:\n  purpose: {purpose}\n")
    found = [item for item in validate_paths([path]).findings if item.code == Code.ABANDON_RATE]
    assert bool(found) == capped
    if capped:
        assert "above the 3 % cap" in found[0].message


def test_the_monitor_measures_only_the_caps_of_rules_covering_the_purpose() -> None:
    assert [rule.jurisdiction for rule in cap_rules(("US", "UK"))] == ["US", "UK"]
    assert [rule.jurisdiction for rule in cap_rules(("US", "UK"), ("debt_collection", "live"))] == ["UK"]
    assert cap_rules(("US-FL",), ("informational", "prerecorded")) == ()
