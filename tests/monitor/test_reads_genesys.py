"""Genesys measured counts: the aggregates query bodies match the SDK model data and stay within the
limits, and a read through the emulator gives back exactly the counts the org holds."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from reconciler.emulator.genesys.api_data import body_model, definitions
from reconciler.emulator.genesys.schema import validate_body
from reconciler.monitor.counts import Denominator, MeasuredCounts
from reconciler.monitor.reads import ReadRangeError, read_measured
from reconciler.providers.genesys.analytics import METRICS, aggregate_queries
from reconciler.providers.genesys.analytics_limits import AGGREGATES_PATH, AnalyticsLimits
from reconciler.providers.genesys.campaign_stats import LiveStats, read_live_stats
from reconciler.providers.http import ApiClient
from tests.monitor.support import campaign_ids, days, demo_emulator, post_admin, post_metrics, with_client

NEW_YORK = ZoneInfo("America/New_York")
LIMITS = AnalyticsLimits()


def _ids(count: int) -> list[str]:
    return [f"00000000-0000-4000-8000-{n:012d}" for n in range(count)]


def test_every_query_body_matches_the_sdk_model_and_names_published_metrics() -> None:
    queries = aggregate_queries(_ids(120), date(2026, 10, 1), date(2026, 10, 30), NEW_YORK, LIMITS)
    model = body_model("POST", AGGREGATES_PATH)
    assert model == "ConversationAggregationQuery"
    sortable = set(definitions()["ConversationAggregationSort"]["properties"]["name"]["enum"])
    dimensions = set(definitions()["ConversationAggregateQueryPredicate"]["properties"]["dimension"]["enum"])
    for query in queries:
        validate_body(model, query.body)  # raises the platform's 400 on any mismatch
        assert set(query.body["metrics"]) <= sortable
        assert set(query.body["groupBy"]) <= dimensions
    assert set(METRICS) == {"nOutboundAttempted", "nOutboundConnected", "nOutboundAbandoned", "tHandle"}


def test_500_campaigns_over_30_days_are_batched_within_the_limits_and_each_day_asked_once() -> None:
    first, last = date(2026, 10, 1), date(2026, 10, 30)
    queries = aggregate_queries(_ids(500), first, last, NEW_YORK, LIMITS)
    assert len(queries) == 10 * 5  # 500 / 50 predicates, 30 days / 7 days
    covered: list[tuple[str, date]] = []
    for query in queries:
        assert len(query.body["filter"]["predicates"]) <= LIMITS.max_predicates
        assert (query.last - query.first).days + 1 <= LIMITS.max_interval_days
        covered += [
            (cid, day)
            for cid in query.campaign_ids
            for day in days(query.first, (query.last - query.first).days + 1)
        ]
    assert len(covered) == len(set(covered)) == 500 * 30


def test_an_interval_across_a_dst_change_keeps_local_midnights() -> None:
    (query,) = aggregate_queries(_ids(1), date(2026, 10, 30), date(2026, 11, 2), NEW_YORK, LIMITS)
    assert query.body["interval"] == "2026-10-30T00:00:00-04:00/2026-11-03T00:00:00-05:00"
    assert query.body["timeZone"] == "America/New_York" and query.body["granularity"] == "P1D"


def _read(emulator: object, ids: dict[str, str], first: date, last: date) -> MeasuredCounts:
    async def work(client: ApiClient) -> MeasuredCounts:
        return await read_measured(client, "genesys", ids, first, last, NEW_YORK)

    return with_client(emulator, "genesys", work)  # type: ignore[arg-type]


def test_a_read_gives_back_the_counts_of_each_campaign_and_day_and_zeros_for_quiet_days() -> None:
    emulator = demo_emulator()
    body = {
        "genesys": [
            {
                "campaign": "q3-renewals",
                "date": "2026-10-03",
                "attempted": 1000,
                "connected": 280,
                "abandoned": 4,
                "handled": 270,
                "handle_seconds": 81000,
            },
            {
                "campaign": "q3-renewals",
                "date": "2026-10-09",
                "attempted": 900,
                "connected": 250,
                "abandoned": 9,
            },
            {
                "campaign": "collections-early-stage",
                "date": "2026-10-03",
                "attempted": 500,
                "connected": 150,
                "abandoned": 6,
            },
        ]
    }
    assert post_metrics(emulator, body).status_code == 200
    measured = _read(emulator, campaign_ids(emulator), date(2026, 10, 1), date(2026, 10, 10))
    org_setting = emulator.state.singletons["settings"]["complianceAbandonRateDenominator"]
    assert measured.denominator is Denominator(org_setting)  # the org's own, as its settings say
    assert measured.requests == 2 + 1  # two 7-day runs, one settings read
    by = {(d.name, d.day): d for d in measured.days}
    assert len(by) == 2 * 10
    q3 = by[("q3-renewals", date(2026, 10, 3))]
    assert (q3.attempted, q3.connected, q3.abandoned, q3.handled, q3.handle_seconds) == (
        1000,
        280,
        4,
        270,
        81000.0,
    )
    assert by[("q3-renewals", date(2026, 10, 9))].abandoned == 9  # second run of days
    assert by[("collections-early-stage", date(2026, 10, 3))].connected == 150
    quiet = by[("q3-renewals", date(2026, 10, 4))]
    assert (quiet.attempted, quiet.connected, quiet.abandoned, quiet.handled) == (0, 0, 0, None)
    assert "nOutboundAbandoned" in q3.source


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ReadRangeError, match="before the first"):
        _read(demo_emulator(), {}, date(2026, 10, 10), date(2026, 10, 1))


def test_a_run_of_days_across_the_autumn_clock_change_holds_one_day_fewer_to_stay_within_the_interval_limit() -> (
    None
):
    queries = aggregate_queries(_ids(1), date(2026, 10, 27), date(2026, 11, 9), NEW_YORK, LIMITS)
    assert [(q.first.isoformat(), q.last.isoformat()) for q in queries] == [
        ("2026-10-27", "2026-11-01"),  # 6 local days: with the 25-hour 1 November, 7 would last 7 days 1 hour
        ("2026-11-02", "2026-11-08"),
        ("2026-11-09", "2026-11-09"),
    ]


def test_the_live_stats_of_a_campaign_are_read_from_its_stats() -> None:
    emulator = demo_emulator()
    figures = {
        "name": "q3-renewals",
        "stats": {"idleAgents": 3, "contactRate": {"attempts": 120, "connects": 40}},
    }
    assert post_admin(emulator, "/_emulator/campaign-state", figures).status_code == 200
    campaign_id = campaign_ids(emulator)["q3-renewals"]

    async def work(client: ApiClient) -> LiveStats:
        return await read_live_stats(client, campaign_id)

    stats = with_client(emulator, "genesys", work)
    assert (stats.attempts, stats.connects, stats.idle_agents) == (120, 40, 3)
