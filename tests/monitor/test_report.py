"""The monitor report: the JSON carries every count each window sums and matches its schema; text and markdown
fold a daily cap's 30 days into its worst day; the denominator of every figure is named."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import jsonschema

from reconciler.config import Monitor
from reconciler.monitor.counts import DayCounts, Denominator, MeasuredCounts
from reconciler.monitor.render import render_markdown, render_text
from reconciler.monitor.report import denominator_note, report_document
from reconciler.monitor.run import MonitorRun, findings_of, measure_object
from tests.conftest import ROOT
from tests.monitor.test_measured_findings import CAMPAIGN
from tests.monitor.test_windows_and_caps import AS_OF, spread

SCHEMA = json.loads((ROOT / "schemas" / "monitor-report.schema.json").read_text(encoding="utf-8"))


def monitor_run(days: list[DayCounts], *, jurisdictions: tuple[str, ...] = ("US", "UK", "CA")) -> MonitorRun:
    target = CAMPAIGN.__class__(**{**CAMPAIGN.__dict__, "jurisdictions": jurisdictions})
    measured = MeasuredCounts(days=tuple(days), denominator=Denominator.CALLS_THAT_REACHED_QUEUE, requests=3)
    objects = (measure_object(target, days, as_of=AS_OF, found_live=True, warn_at_percent_of_cap=80),)
    return MonitorRun(
        target_name="prod-us",
        platform="genesys",
        as_of=AS_OF,
        time_zone="UTC",
        warn_at_percent_of_cap=80,
        measured=measured,
        objects=objects,
        findings=tuple(findings_of(objects, Monitor())),
    )


def _bad_day_run() -> MonitorRun:
    days = spread(30_000, 300)
    bad = AS_OF - timedelta(days=2)
    return monitor_run(
        [
            DayCounts("genesys", "q3-renewals", bad, 4000, 1000, 50, None, None, d.source)
            if d.day == bad
            else d
            for d in days
        ]
    )


def test_the_json_report_matches_its_schema_and_carries_every_count_used() -> None:
    document = report_document(_bad_day_run())
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))
    assert not errors, [error.message for error in errors]
    [item] = document["objects"]
    assert len(item["days"]) == 30
    assert sum(day["abandoned"] for day in item["days"]) == 300 - 10 + 50
    windows = {(w["jurisdiction"], w["window"]["label"]): w for w in item["windows"]}
    assert len(windows) == 1 + 30 + 1  # US rolling, UK each day, CA month to date
    us = windows[("US", "30 days 2026-11-06 to 2026-12-05")]
    assert (us["abandoned"], us["connected"], us["standing"]) == (340, 30_000, "within")
    assert us["sources"] == [item["days"][0]["source"]]
    bad = windows[("UK", "day 2026-12-03")]
    assert (bad["abandoned"], bad["connected"], bad["rate_percent"], bad["standing"]) == (
        50,
        1000,
        5.0,
        "over",
    )
    assert document["summary"]["over_cap"] is True
    assert document["denominator"]["org_setting"] == "CALLS_THAT_REACHED_QUEUE"
    assert document["denominator"]["rates"] == "abandoned / live-answered (connected) calls"


def columns(text: str, jurisdiction: str) -> list[str]:
    """The cells of the one row of a text report for this jurisdiction's cap."""
    [row] = [line for line in text.splitlines() if line.startswith(f"  {jurisdiction} ")]
    return re.split(r" {2,}", row.strip())


def test_text_folds_the_days_into_the_worst_and_names_the_denominator() -> None:
    run = _bad_day_run()
    text = render_text(run, note=denominator_note(run))
    assert (
        "rates are abandoned / live-answered (connected) calls; the platform's own compliance abandon rate counts calls that reached the queue"
        in text
    )
    assert columns(text, "UK") == [
        "UK 3 % per calendar day",
        "worst of 30 days: day 2026-12-03",
        "50 / 1,000",
        "5.00 %",
        "OVER the cap (1 day(s) over, 0 near)",
    ]
    assert columns(text, "US") == [
        "US 3 % per 30 days (rolling)",
        "30 days 2026-11-06 to 2026-12-05",
        "340 / 30,000",
        "1.13 %",
        "within",
    ]
    assert text.rstrip().endswith("a window is over its cap: 1 error(s), 0 warning(s)")


def test_markdown_is_a_table_with_the_findings_after_it() -> None:
    run = _bad_day_run()
    text = render_markdown(run, note=denominator_note(run))
    assert text.startswith(
        "## Abandonment measured on target prod-us (genesys) up to 2026-12-05 (days in UTC)"
    )
    assert (
        "| genesys/Campaign/q3-renewals | CA 5 % per calendar month | calendar month 2026-12 to 2026-12-05 |"
        in text
    )
    assert "### Findings" in text and "ABANDON-MEASURED" in text


def test_a_clean_run_says_so() -> None:
    run = monitor_run(spread(1000, 10), jurisdictions=("US",))
    assert run.over_cap is False and run.findings == ()
    assert (
        render_text(run, note="n")
        .rstrip()
        .endswith("every window is within its cap: 0 error(s), 0 warning(s)")
    )
