"""The demo org's measured counts, read the way the monitor reads them: one campaign over the US 3 % cap
for the last 30 days, the others clearly under, and rates near the declared staffing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from reconciler.monitor.counts import DayCounts, MeasuredCounts
from reconciler.monitor.reads import read_measured
from reconciler.providers.http import ApiClient
from tests.monitor.support import campaign_ids, demo_emulator, skill_ids, with_client

ZONE = ZoneInfo("America/New_York")


def _read(platform: str) -> tuple[MeasuredCounts, datetime]:
    emulator = demo_emulator(with_metrics=True)
    yesterday = datetime.fromtimestamp(emulator.now(), UTC).date() - timedelta(days=1)
    ids = campaign_ids(emulator) if platform == "genesys" else skill_ids(emulator)

    async def work(client: ApiClient) -> MeasuredCounts:
        return await read_measured(client, platform, ids, yesterday - timedelta(days=59), yesterday, ZONE)

    return with_client(emulator, platform, work), datetime.combine(yesterday, datetime.min.time())


def _rate(days: list[DayCounts]) -> float:
    return sum(d.abandoned for d in days) / sum(d.connected for d in days)


def _split(measured: MeasuredCounts, name: str) -> tuple[list[DayCounts], list[DayCounts]]:
    days = sorted((d for d in measured.days if d.name == name), key=lambda d: d.day)
    assert len(days) == 60 and all(d.connected > 0 for d in days)  # 60 days of counts, the last yesterday
    return days[:30], days[30:]


def test_one_demo_campaign_drifts_over_the_cap_in_its_last_30_days_and_the_others_stay_under() -> None:
    measured, _ = _read("genesys")
    early, late = _split(measured, "collections-early-stage")
    assert _rate(early) < 0.024 < 0.03 < _rate(late)
    q3_early, q3_late = _split(measured, "q3-renewals")
    assert _rate(q3_early) < 0.02 and _rate(q3_late) < 0.02
    cx_early, cx_late = _split(_read("cxone")[0], "cx-renewals-outbound")
    assert _rate(cx_early) < 0.02 and _rate(cx_late) < 0.02


def test_the_demo_live_answer_rate_and_handle_time_are_near_the_declared_staffing() -> None:
    measured, _ = _read("genesys")
    days = [d for d in measured.days if d.name == "q3-renewals"]
    live_rate = sum(d.connected for d in days) / sum(d.attempted for d in days)
    handle = sum(d.handle_seconds or 0 for d in days) / sum(d.handled or 0 for d in days)
    assert abs(live_rate - 0.28) < 0.28 * 0.1  # campaigns/genesys/campaigns.yaml: live_rate 0.28
    assert abs(handle - 300) < 300 * 0.1  # handle_seconds 300
