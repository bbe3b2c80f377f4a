"""ABANDON-MEASURED names the campaign, the window, the counts and the cap with its citation (error over it,
warning near it); PACING-CALIBRATION gives the measured values to paste into compliance.staffing."""

from __future__ import annotations

from datetime import date, timedelta

from reconciler.diagnostics import Code, Severity
from reconciler.exceptions import Location
from reconciler.manifest.models.base import Staffing
from reconciler.monitor.caps import cap_rules, measure_caps
from reconciler.monitor.counts import DayCounts
from reconciler.monitor.findings import Monitored, abandon_findings, calibration_findings
from reconciler.monitor.windows import Period, Window, sum_window
from reconciler.plan.masking import mask_text
from tests.monitor.test_windows_and_caps import AS_OF, spread

STAFFING = Staffing(agents=10, handle_seconds=200, live_rate=0.25)
CAMPAIGN = Monitored(
    platform="genesys",
    kind="Campaign",
    name="q3-renewals",
    address="genesys/Campaign/q3-renewals",
    jurisdictions=("US",),
    staffing=STAFFING,
    source=Location("campaigns/genesys/q3.yaml", 3),
)
LOOKBACK = Window(Period.ROLLING_30_DAYS, AS_OF - timedelta(days=29), AS_OF)


def _abandon(days: list[DayCounts], jurisdictions: tuple[str, ...] = ("US",)) -> list[str]:
    measures = measure_caps(cap_rules(jurisdictions), days, as_of=AS_OF, warn_at_percent_of_cap=80)
    found = abandon_findings(CAMPAIGN, measures, warn_at_percent_of_cap=80)
    assert all(item.code == Code.ABANDON_MEASURED for item in found)
    assert all(item.address == CAMPAIGN.address and item.source == CAMPAIGN.source for item in found)
    return [f"{item.severity}: {item.message}" for item in found]


def test_over_the_cap_is_an_error_naming_campaign_window_counts_cap_and_citation() -> None:
    [message] = _abandon(spread(1000, 40))
    assert message.startswith(
        "error: Campaign 'q3-renewals': 40 abandoned / 1,000 live-answered (connected) calls, 4.00 %, over "
        "the 30 days 2026-11-06 to 2026-12-05, over the 3 % cap of US (United States"
    )
    assert "47 CFR 64.1200(a)(6), (a)(7)" in message and "16 CFR 310.4(b)(4)" in message


def test_near_the_cap_is_a_warning_that_says_how_near() -> None:
    [message] = _abandon(spread(1000, 25))
    assert message.startswith(
        "warning: Campaign 'q3-renewals': 25 abandoned / 1,000 live-answered (connected) calls, 2.50 %, over the 30 days"
    )
    assert "at 83 % of the 3 % cap (monitor.warn_at_percent_of_cap: 80) of US" in message


def test_within_the_cap_raises_nothing() -> None:
    assert _abandon(spread(1000, 20)) == []


def test_a_bad_day_under_ofcom_is_one_error_for_that_day() -> None:
    days = spread(30_000, 300)
    bad = AS_OF - timedelta(days=3)
    days = [
        DayCounts("genesys", "q3-renewals", bad, 4000, 1000, 45, None, None, item.source)
        if item.day == bad
        else item
        for item in days
    ]
    [message] = _abandon(days, ("UK",))
    assert message.startswith(
        "error: Campaign 'q3-renewals': 45 abandoned / 1,000 live-answered (connected) calls, 4.50 %, "
        f"over the day {bad.isoformat()}, over the 3 % cap of UK"
    )
    assert "of UK (United Kingdom (Ofcom persistent-misuse policy): Communications Act 2003" in message


def _lookback(*, attempted: int, connected: int, handled: int | None, seconds: float | None) -> list[str]:
    days = [
        DayCounts("genesys", "q3-renewals", AS_OF, attempted, connected, 0, handled, seconds, "src"),
    ]
    found = calibration_findings(CAMPAIGN, sum_window(LOOKBACK, days), tolerance_percent=20)
    assert all(item.code == Code.PACING_CALIBRATION and item.severity == Severity.WARNING for item in found)
    return [item.message for item in found]


def test_calibration_gives_the_measured_values_to_paste_in() -> None:
    [message] = _lookback(attempted=10_000, connected=1_500, handled=1_400, seconds=1_400 * 320.0)
    assert (
        "live-answer rate 15.00 % (1,500 connected / 10,000 attempted) where live_rate declares 0.25"
        in message
    )
    assert "handle time 320 s (1,400 handled calls) where handle_seconds declares 200" in message
    assert message.endswith("measured values for compliance.staffing: live_rate: 0.150, handle_seconds: 320")
    assert "30 days 2026-11-06 to 2026-12-05" in message


def test_calibration_within_the_tolerance_or_without_staffing_says_nothing() -> None:
    assert _lookback(attempted=10_000, connected=2_200, handled=2_000, seconds=2_000 * 230.0) == []
    # 22 % against 25 % is 12 % apart; 230 s against 200 s is 15 % apart: both inside 20 %
    only_rate = _lookback(attempted=10_000, connected=3_500, handled=None, seconds=None)
    assert len(only_rate) == 1 and "handle" not in only_rate[0]
    bare = Monitored(**{**CAMPAIGN.__dict__, "staffing": None})
    counts = sum_window(LOOKBACK, [DayCounts("genesys", "q3-renewals", AS_OF, 100, 1, 0, None, None, "s")])
    assert calibration_findings(bare, counts, tolerance_percent=20) == []


def test_no_figure_is_taken_for_a_phone_number_and_masked() -> None:
    """Output masks anything that reads as a phone number: a date next to a count must not."""
    days = spread(30_000, 300)
    bad = AS_OF - timedelta(days=3)
    days = [
        DayCounts("genesys", "q3-renewals", bad, 4000, 1000, 45, None, None, "s") if item.day == bad else item
        for item in days
    ]
    messages = [
        *_abandon(spread(1000, 40)),
        *_abandon(days, ("UK", "CA")),
        *_lookback(attempted=10_000, connected=1_500, handled=1_400, seconds=1_400 * 320.0),
    ]
    assert len(messages) == 3
    assert [mask_text(message) for message in messages] == messages
    assert date(2026, 11, 5).isoformat() not in " ".join(messages)
