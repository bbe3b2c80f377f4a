"""CALLING-HOURS as a user meets it in validate and plan: which jurisdictions a window is judged by, how
a window in one zone reaches called parties in another, and CXone skills filled in from the live org."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reconciler.config import ProjectFile
from reconciler.diagnostics import Code, Finding, Severity
from reconciler.policy import calling_hours
from reconciler.policy.context import CheckContext
from reconciler.state.objects import LiveObject
from reconciler.validation import validate_paths

Write = Callable[[str, str], Path]

SET = """
apiVersion: genesys/v1
kind: CallableTimeSet
metadata:
  name: {name}
spec:
  callable_times:
    - time_zone_id: {zone}
      time_slots:
        - {{day: 1, start_time: "{start}", stop_time: "{stop}"}}
"""

CAMPAIGN = """
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
  caller_address: "+12125550100"
  callable_time_set: {time_set}
compliance:
  jurisdictions: [{jurisdictions}]
"""


def _hours(path: Path, project: ProjectFile | None = None) -> list[Finding]:
    return [
        item for item in validate_paths([path], project=project).findings if item.code == Code.CALLING_HOURS
    ]


def _project(*codes: str) -> ProjectFile:
    return ProjectFile.model_validate({"compliance": {"jurisdictions": list(codes)}})


def test_a_set_is_judged_once_per_jurisdiction_list_of_the_campaigns_using_it(write: Write) -> None:
    path = write(
        "org.yaml",
        "---".join(
            [
                SET.format(name="evenings", zone="America/New_York", start="09:00:00", stop="20:30:00"),
                CAMPAIGN.format(name="fl-a", contact_list="l", time_set="evenings", jurisdictions="US-FL"),
                CAMPAIGN.format(name="fl-b", contact_list="l", time_set="evenings", jurisdictions="US-FL"),
                CAMPAIGN.format(name="federal", contact_list="l", time_set="evenings", jurisdictions="US"),
            ]
        ),
    )
    (found,) = _hours(path)
    assert "campaigns 'fl-a', 'fl-b' (jurisdictions US-FL)" in found.message
    assert found.address == "genesys/CallableTimeSet/evenings"
    assert found.source is not None and found.source.line == 9


def test_an_unused_set_is_judged_by_the_projects_jurisdictions(write: Write) -> None:
    path = write("set.yaml", SET.format(name="s", zone="America/Chicago", start="09:00:00", stop="20:30:00"))
    assert _hours(path, _project("US")) == []
    (found,) = _hours(path, _project("US-TX", "US-OK"))
    assert "Texas and Oklahoma together allow calls only 09:00-20:00" in found.message
    assert "No campaign uses it" in found.message


def test_a_zone_with_the_clock_of_a_called_partys_zone_reaches_only_that_zone(write: Write) -> None:
    # Detroit keeps New York's clock: 08:00-21:00 there is legal for Detroit's own called parties, and
    # is not read in Honolulu (where it would be 02:00-15:00).
    path = write("set.yaml", SET.format(name="s", zone="America/Detroit", start="08:00:00", stop="21:00:00"))
    assert _hours(path, _project("US")) == []


def test_a_zone_no_called_party_lives_in_is_read_in_every_zone_of_the_jurisdiction(write: Write) -> None:
    legal = write("legal.yaml", SET.format(name="s", zone="Europe/London", start="14:00:00", stop="20:00:00"))
    assert _hours(legal, _project("US-MD")) == []  # 09:00-15:00 or 10:00-16:00 in New York
    early = write("early.yaml", SET.format(name="s", zone="Europe/London", start="12:30:00", stop="20:00:00"))
    (found,) = _hours(early, _project("US-MD"))
    assert "reaches called parties in America/New_York at 07:30-15:00 their local time" in found.message
    assert "so calls at 07:30-08:00 are outside hours" in found.message


def test_a_window_legal_except_between_the_us_and_eu_clock_changes(write: Write) -> None:
    # 13:00-00:30 London time is 08:00-19:30 in New York while both or neither keep summer time, but
    # 09:00-20:30 in the weeks the US has changed its clocks and Europe has not (from 8 March 2026).
    path = write(
        "skill.yaml",
        """
        apiVersion: cxone/v1
        kind: Skill
        metadata:
          name: london-desk
        spec:
          time_zones:
            - {standard_name: GMT Standard Time, start_time: "13:00", end_time: "00:30", override_time: true}
        compliance:
          jurisdictions: [US-MD]
        """,
    )
    (found,) = _hours(path)
    year = found.message.split("first on Sunday ")[1][:4]
    assert f"first on Sunday {year}-03-" in found.message
    assert "at 09:00-20:30 their local time" in found.message
    assert "daylight saving time" in found.message


def test_mapping_windows_are_judged_by_the_campaigns_whose_lists_map_time_zones(write: Write) -> None:
    path = write(
        "org.yaml",
        """
        apiVersion: genesys/v1
        kind: OutboundSettings
        metadata:
          name: org
        spec:
          automatic_time_zone_mapping:
            callable_windows:
              - mapped: {earliest_callable_time: "09:00", latest_callable_time: "20:30"}
        ---
        apiVersion: genesys/v1
        kind: Campaign
        metadata:
          name: florida
        spec:
          contact_list: mapped
          dialing_mode: preview
          phone_columns: [{column_name: phone, type: cell}]
          caller_name: Acme
          caller_address: "+12125550100"
        compliance:
          jurisdictions: [US-FL]
        ---
        apiVersion: genesys/v1
        kind: ContactList
        metadata:
          name: mapped
        spec:
          column_names: [id, phone]
          phone_columns: [{column_name: phone, type: cell}]
          automatic_time_zone_mapping: true
        """,
    )
    (found,) = _hours(path)
    assert "for mapped contacts (09:00-20:30 in each contact's own zone)" in found.message
    assert "It applies to campaign 'florida' (jurisdictions US-FL)" in found.message


SKILL = """
apiVersion: cxone/v1
kind: Skill
metadata:
  name: desk
spec:
  caller_id_override: "+12125550100"
compliance:
  jurisdictions: [US]
"""


def _skill_context(write: Write, live_spec: dict[str, object]) -> CheckContext:
    manifests = validate_paths([write("skill.yaml", SKILL)]).manifests
    live = LiveObject(
        address="cxone/Skill/desk",
        platform="cxone",
        kind="Skill",
        name="desk",
        platform_id="42",
        essence={"caller_id_override": "+12125550100", **live_spec},
    )
    return CheckContext(manifests=manifests, live={live.address: live}, platform="cxone")


def test_at_plan_time_the_live_skill_fills_in_what_the_manifest_leaves_out(write: Write) -> None:
    window = {"standard_name": "Pacific Standard Time", "start_time": "07:00", "end_time": "19:00"}
    context = _skill_context(write, {"time_zones": [{**window, "override_time": True}]})
    (found,) = calling_hours.check(context)
    assert "Skill 'desk' dialing Pacific Standard Time (America/Los_Angeles)" in found.message
    assert "allows calls at 07:00-08:00 local time" in found.message
    inactive = _skill_context(
        write, {"time_zones": [{**window, "override_time": True, "time_zone_active_to_call": False}]}
    )
    assert calling_hours.check(inactive) == []


def test_an_unknown_cxone_zone_name_is_a_warning_not_a_guess(write: Write) -> None:
    context = _skill_context(
        write, {"time_zones": [{"standard_name": "Mars Standard Time", "override_time": True}]}
    )
    (found,) = calling_hours.check(context)
    assert found.severity == Severity.WARNING
    assert "'Mars Standard Time' is not a zone name the checker knows" in found.message


def test_without_zones_the_schedule_is_read_as_the_called_partys_clock_and_says_so(write: Write) -> None:
    schedule = {"is_scheduled": True, "friday_start_time": "07:45", "friday_end_time": "18:00"}
    context = _skill_context(write, {"schedule_settings": schedule})
    (found,) = calling_hours.check(context)
    assert "allows calls at 07:45-08:00 local time on Friday" in found.message
    assert "read as the called party's own clock" in found.message
    unscheduled = _skill_context(write, {"schedule_settings": {**schedule, "is_scheduled": False}})
    assert calling_hours.check(unscheduled) == []


def test_cxone_zone_names() -> None:
    assert calling_hours.iana_zone("Eastern Standard Time") == "America/New_York"
    assert calling_hours.iana_zone("America/Denver") == "America/Denver"
    assert calling_hours.iana_zone("Nowhere Time") is None
