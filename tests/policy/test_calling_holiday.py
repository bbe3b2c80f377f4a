"""CALLING-HOLIDAY reads dated schedules from the run's time, in the called party's date and hours."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reconciler.policy.calling_holiday import check
from reconciler.policy.context import CheckContext
from reconciler.validation import validate_paths

LOUISIANA = """\
apiVersion: genesys/v1
kind: CampaignSchedule
metadata:
  name: baton-rouge-schedule
spec:
  campaign: baton-rouge-renewals
  time_zone: America/Chicago
  recurrences:
    - start: "2027-01-04T09:00:00"
      end: "2027-01-04T17:00:00"
      pattern: {type: Weekly, interval: 1, days_of_week: [Monday, Tuesday, Wednesday, Thursday, Friday]}
      range: {type: EndDate, end: "2027-01-29T17:00:00"}
{alterations}
"""


def _messages(tmp_path: Path, text: str, now: datetime, codes: tuple[str, ...] = ("US-LA",)) -> list[str]:
    path = tmp_path / "schedule.yaml"
    path.write_text(text, encoding="utf-8")
    manifests = validate_paths([path]).manifests
    return [
        item.message
        for item in check(CheckContext(manifests=manifests, default_jurisdictions=codes, now=now))
    ]


def test_a_recurrence_through_a_state_holiday_is_reported_with_its_name_and_date(tmp_path: Path) -> None:
    found = _messages(tmp_path, LOUISIANA.replace("{alterations}", ""), datetime(2026, 12, 1, tzinfo=UTC))
    assert len(found) == 1
    assert "places calls on Martin Luther King Jr. Day, Mon 18 Jan 2027 in America/Chicago" in found[0]
    assert "Louisiana" in found[0] and "R.S. 45:811" in found[0]


def test_an_exclusion_of_the_holiday_clears_it(tmp_path: Path) -> None:
    excluded = (
        '      alterations: [{type: Exclusion, start: "2027-01-18T00:00:00", end: "2027-01-19T00:00:00"}]'
    )
    found = _messages(
        tmp_path, LOUISIANA.replace("{alterations}", excluded), datetime(2026, 12, 1, tzinfo=UTC)
    )
    assert found == []


def test_holidays_already_past_are_not_reported(tmp_path: Path) -> None:
    found = _messages(tmp_path, LOUISIANA.replace("{alterations}", ""), datetime(2027, 1, 20, tzinfo=UTC))
    assert found == []


def test_the_federal_rules_alone_ban_no_holiday(tmp_path: Path) -> None:
    found = _messages(
        tmp_path, LOUISIANA.replace("{alterations}", ""), datetime(2026, 12, 1, tzinfo=UTC), ("US",)
    )
    assert found == []


def test_calls_outside_the_holidays_calling_hours_are_left_to_calling_hours(tmp_path: Path) -> None:
    night = LOUISIANA.replace('"2027-01-04T09:00:00"', '"2027-01-04T21:30:00"').replace(
        '"2027-01-04T17:00:00"', '"2027-01-04T23:00:00"'
    )
    found = _messages(tmp_path, night.replace("{alterations}", ""), datetime(2026, 12, 1, tzinfo=UTC))
    assert found == []  # 21:30-23:00 is outside Louisiana's 08:00-20:00: no call on the holiday can be placed
