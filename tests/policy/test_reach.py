"""Where the called parties are: a state's hours bind only in its own zones, and `compliance.reach`
(on a campaign or skill, or the project's / target's default) adds states, named in the findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.config import load_project
from reconciler.diagnostics import Code, Finding
from reconciler.policy.called_parties import codes_text, reached, zone_codes
from reconciler.policy.jurisdictions import table
from reconciler.validation import validate_paths
from tests.policy.test_calling_hours import CAMPAIGN, SET

YEAR = 2026


def _campaign(reach: str) -> str:
    """A campaign on the set `day` under [US] that reaches `reach`, then a document separator."""
    text = CAMPAIGN.format(name="renewals", contact_list="renewals", time_set="day", jurisdictions="US")
    return f"{text}  reach: {reach}\n---\n"


SKILL = """\
apiVersion: cxone/v1
kind: Skill
metadata:
  name: outbound
spec:
  outbound_strategy: Personal Connection
  caller_id_override: "+12125550100"
  time_zones:
    - {{standard_name: {zone}, start_time: "09:00", end_time: "20:30", time_zone_active_to_call: true, override_time: true}}
compliance:
  reach: [US-OK]
"""


def _findings(tmp_path: Path, text: str, project_yaml: str | None = None) -> list[Finding]:
    folder = tmp_path / "m"
    folder.mkdir(exist_ok=True)
    (folder / "docs.yaml").write_text(text, encoding="utf-8")
    project = None
    if project_yaml is not None:
        (tmp_path / "reconciler.yaml").write_text(project_yaml, encoding="utf-8")
        project = load_project(tmp_path / "reconciler.yaml")
    return validate_paths([folder], project=project).findings


def _hours(findings: list[Finding]) -> list[str]:
    return [item.message for item in findings if item.code == Code.CALLING_HOURS]


def _set(zone: str, start: str = "09:00:00", stop: str = "20:30:00", name: str = "day") -> str:
    return SET.format(name=name, zone=zone, start=start, stop=stop)


def test_a_state_binds_only_in_its_own_zones() -> None:
    assert zone_codes(("US", "US-MD"), "America/Los_Angeles", YEAR) == ("US",)
    assert zone_codes(("US", "US-MD"), "America/New_York", YEAR) == ("US", "US-MD")
    assert zone_codes(("US", "US-FL"), "America/Chicago", YEAR) == ("US", "US-FL")
    # a zone with the same clock all year counts as the state's own (America/Detroit keeps New York's)
    assert zone_codes(("US", "US-MD"), "America/Detroit", YEAR) == ("US", "US-MD")
    # a state alone still brings its country's rules in its zones
    assert set(zone_codes(("US-MD",), "America/New_York", YEAR)) == {"US", "US-MD"}


def test_nationwide_adds_every_state_of_the_jurisdictions_countries() -> None:
    states = [code for code in table() if code.startswith("US-")]
    assert reached(("US",), "nationwide") == ("US", *states)
    assert reached(("UK",), "nationwide") == ("UK",)
    assert reached(("US",), ("US-FL", "US-MD")) == ("US", "US-FL", "US-MD")
    assert codes_text(reached(("US",), "nationwide")) == (
        "US, every US state and territory in the data (reach: nationwide)"
    )


def test_a_maryland_window_for_pacific_contacts_is_judged_by_federal_hours(tmp_path: Path) -> None:
    project = "manifests: m/\ncompliance:\n  jurisdictions: [US, US-MD]\n"
    assert _hours(_findings(tmp_path, _set("America/Los_Angeles"), project)) == []
    (eastern,) = _hours(_findings(tmp_path, _set("America/New_York"), project))
    assert "Maryland allows calls only 08:00-20:00 local time" in eastern


def test_a_window_laid_over_every_zone_names_each_zones_states(tmp_path: Path) -> None:
    # 09:00-21:30 Atlantic time (a zone no US party keeps) is 08:00-20:30 Eastern and 07:00-19:30 Central
    # in winter: Maryland's 8 p.m. binds the Eastern contacts only, the federal 8 a.m. the Central ones
    project = "manifests: m/\ncompliance:\n  jurisdictions: [US, US-MD]\n"
    (message,) = _hours(_findings(tmp_path, _set("America/Halifax", "09:00:00", "21:30:00"), project))
    first, also = message.split("(also outside hours in ", 1)
    assert "reaches called parties in America/New_York" in first
    assert "calls at 20:00-20:30 are outside hours: Maryland allows calls only 08:00-20:00" in first
    assert also.startswith("America/Chicago, America/Denver")


def test_project_reach_applies_to_windows_no_campaign_names(tmp_path: Path) -> None:
    project = "manifests: m/\ncompliance:\n  jurisdictions: [US]\n  reach: [US-FL]\n"
    (message,) = _hours(_findings(tmp_path, _set("America/Chicago"), project))
    assert "Florida allows calls only 08:00-20:00" in message
    assert "project's jurisdictions (US, US-FL)" in message
    assert _hours(_findings(tmp_path, _set("America/Denver"), project)) == []


def test_a_targets_reach_replaces_the_projects(tmp_path: Path) -> None:
    project = (
        "manifests: m/\ncompliance:\n  reach: nationwide\ntargets:\n  prod:\n    platform: genesys\n"
        "    emulator: true\n    compliance: {jurisdictions: [US], reach: []}\n"
    )
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "docs.yaml").write_text(_set("America/New_York"), encoding="utf-8")
    (tmp_path / "reconciler.yaml").write_text(project, encoding="utf-8")
    loaded = load_project(tmp_path / "reconciler.yaml")
    assert _hours(validate_paths([folder], project=loaded).findings)  # nationwide: 20:30 breaks 8 p.m. states
    assert _hours(validate_paths([folder], project=loaded, target="prod").findings) == []


def test_a_campaigns_reach_names_the_states_it_reaches(tmp_path: Path) -> None:
    text = _campaign("nationwide") + _set("America/New_York", "08:00:00", "21:00:00")
    (message,) = _hours(_findings(tmp_path, text))
    assert "the window reaches residents of" in message
    assert "Florida," in message and "Maryland," in message
    assert "reach: nationwide" in message


def test_a_campaigns_empty_reach_keeps_only_its_jurisdictions(tmp_path: Path) -> None:
    text = _campaign("[]") + _set("America/New_York")
    project = "manifests: m/\ncompliance:\n  reach: nationwide\n"
    assert _hours(_findings(tmp_path, text, project)) == []


@pytest.mark.parametrize(
    ("zone", "raised"), [("Central Standard Time", True), ("Eastern Standard Time", False)]
)
def test_a_skills_reach_binds_in_the_states_zones(tmp_path: Path, zone: str, raised: bool) -> None:
    messages = _hours(_findings(tmp_path, SKILL.format(zone=zone)))
    assert bool(messages) is raised
    if raised:
        assert "Oklahoma allows calls only 08:00-20:00" in messages[0]


def test_an_unknown_state_in_reach_is_an_error_naming_the_known_ones(tmp_path: Path) -> None:
    text = _campaign("[US-FL, US-ZZ]") + _set("America/New_York", "09:00:00", "19:00:00")
    (schema,) = [item for item in _findings(tmp_path, text) if item.code == Code.SCHEMA]
    assert "compliance.reach: jurisdiction 'US-ZZ' has no rules" in schema.message
    assert "known jurisdictions: " in schema.message and "US-FL" in schema.message
    assert schema.source is not None and schema.source.line == 16


def test_an_unknown_state_in_reconciler_yaml_reach_is_an_error_at_its_line(tmp_path: Path) -> None:
    project = "manifests: m/\ncompliance:\n  reach:\n    - US-FL\n    - US-ZZ\n"
    (schema,) = [
        item
        for item in _findings(tmp_path, _set("America/New_York", "09:00:00", "19:00:00"), project)
        if item.code == Code.SCHEMA
    ]
    assert "reconciler.yaml compliance.reach: jurisdiction 'US-ZZ'" in schema.message
    assert schema.source is not None and schema.source.line == 5


def test_a_country_in_reach_is_refused_with_the_expected_form(tmp_path: Path) -> None:
    text = _campaign("[US]") + _set("America/New_York", "09:00:00", "19:00:00")
    schema = [item for item in _findings(tmp_path, text) if item.code == Code.SCHEMA]
    assert schema and "compliance.reach" in schema[0].message
