"""CALLABLE-TZ: the contact list is followed into the live org at plan time, and never guessed at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reconciler.diagnostics import Code
from reconciler.policy import callable_tz
from reconciler.policy.context import CheckContext
from reconciler.state.objects import LiveObject
from reconciler.validation import validate_paths

Write = Callable[[str, str], Path]

CAMPAIGN = """
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: renewals
spec:
  contact_list: org-list
  dialing_mode: preview
  phone_columns: [{column_name: phone, type: cell}]
  caller_name: Acme
  caller_address: "+12125550100"
compliance:
  jurisdictions: [JURISDICTIONS]
"""


def _context(write: Write, jurisdictions: str, mapping: bool | None) -> CheckContext:
    manifests = validate_paths(
        [write("campaign.yaml", CAMPAIGN.replace("JURISDICTIONS", jurisdictions))]
    ).manifests
    live = {}
    if mapping is not None:
        essence = {"column_names": ["id", "phone"], "automatic_time_zone_mapping": mapping}
        found = LiveObject(
            address="genesys/ContactList/org-list",
            platform="genesys",
            kind="ContactList",
            name="org-list",
            platform_id="c1",
            essence=essence,
        )
        live[found.address] = found
    return CheckContext(manifests=manifests, live=live, platform="genesys")


def test_a_contact_list_only_the_org_has_decides_at_plan_time(write: Write) -> None:
    assert callable_tz.check(_context(write, "US", mapping=True)) == []
    (found,) = callable_tz.check(_context(write, "US", mapping=False))
    assert found.code == Code.CALLABLE_TZ
    assert "contact list 'org-list' (in the live org)" in found.message
    assert "United States (federal TCPA and FTC TSR) allows calls only 08:00-21:00" in found.message
    assert found.source is not None and found.source.line == 6


def test_a_contact_list_found_nowhere_is_left_to_ref_missing(write: Write) -> None:
    assert callable_tz.check(_context(write, "US", mapping=None)) == []


@pytest.mark.parametrize(("jurisdictions", "raised"), [("US-WA", True), ("UK", False), ("CA", True)])
def test_jurisdictions_with_local_calling_hours_raise(write: Write, jurisdictions: str, raised: bool) -> None:
    assert bool(callable_tz.check(_context(write, jurisdictions, mapping=False))) is raised


def test_canada_names_its_hours_and_zones(write: Write) -> None:
    (found,) = callable_tz.check(_context(write, "CA", mapping=False))
    assert "Canada (CRTC Unsolicited Telecommunications Rules) allows calls only 09:00-21:30" in found.message
    assert "live in 10 time zones (America/St_Johns, America/Halifax" in found.message


LIST = """
---
apiVersion: genesys/v1
kind: ContactList
metadata:
  name: org-list
spec:
  column_names: [id, phone, zone]
  phone_columns: [{column_name: phone, type: cell, callable_time_column: zone}]
"""


def test_a_callable_time_set_is_enough_and_a_time_zone_column_alone_is_not(write: Write) -> None:
    bare = CAMPAIGN.replace("JURISDICTIONS", "US") + LIST
    with_set = bare.replace("  caller_name", "  callable_time_set: org-hours\n  caller_name")

    def raised(text: str) -> bool:
        findings = validate_paths([write("org.yaml", text)]).findings
        return any(item.code == Code.CALLABLE_TZ for item in findings)

    assert raised(bare)
    assert not raised(with_set)
