"""CXone measured counts: one skill-summary request per local day, the counts of each skill back as the
tenant holds them, and the summary field names replaceable where a tenant reports differently."""

from __future__ import annotations

import asyncio
from datetime import date
from zoneinfo import ZoneInfo

import httpx
import pytest

from reconciler.monitor.counts import Denominator, MeasuredCounts
from reconciler.monitor.reads import read_measured
from reconciler.providers.cxone.reporting import SummaryFields, day_params, duration_seconds, read_skill_days
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from tests.monitor.support import demo_emulator, post_metrics, skill_ids, with_client
from tests.providers.test_http import StaticTokens

CHICAGO = ZoneInfo("America/Chicago")


def test_a_read_gives_back_each_skills_daily_counts_with_one_request_per_day() -> None:
    emulator = demo_emulator()
    body = {
        "cxone": [
            {
                "skill": "cx-renewals-outbound",
                "date": "2026-10-02",
                "attempted": 800,
                "connected": 200,
                "abandoned": 5,
                "handled": 190,
                "handle_seconds": 57000,
            },
            {
                "skill": "cx-renewals-outbound",
                "date": "2026-10-03",
                "attempted": 700,
                "connected": 180,
                "abandoned": 2,
            },
        ]
    }
    assert post_metrics(emulator, body).status_code == 200
    ids = skill_ids(emulator)

    async def work(client: ApiClient) -> MeasuredCounts:
        return await read_measured(client, "cxone", ids, date(2026, 10, 1), date(2026, 10, 4), CHICAGO)

    measured = with_client(emulator, "cxone", work)
    assert measured.requests == 4 and measured.denominator is Denominator.UNKNOWN
    by = {d.day: d for d in measured.days if d.name == "cx-renewals-outbound"}
    second = by[date(2026, 10, 2)]
    assert (second.attempted, second.connected, second.abandoned, second.handled) == (800, 200, 5, 190)
    assert second.handle_seconds == pytest.approx(57000, abs=190)  # average given to the second
    assert (by[date(2026, 10, 3)].abandoned, by[date(2026, 10, 1)].attempted) == (2, 0)


def test_a_day_is_asked_from_local_midnight_to_local_midnight_in_utc() -> None:
    assert day_params(date(2026, 11, 1), CHICAGO) == {
        "startDate": "2026-11-01T05:00:00.000Z",
        "endDate": "2026-11-02T06:00:00.000Z",  # the night the clocks go back
        "isOutbound": "true",
    }


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("00:05:07", 307.0), ("PT5M7S", 307.0), ("PT1H", 3600.0), (42, 42.0), ("soon", None), ("", None)],
)
def test_summary_durations_are_read_in_every_published_form(text: object, seconds: float | None) -> None:
    assert duration_seconds(text) == seconds


def test_renamed_summary_fields_are_read_from_their_configured_names() -> None:
    answer = {"summaries": [{"id": 7, "outboundCalls": 90, "liveConnects": 30, "abandoned": 2}]}
    fields = SummaryFields(
        items="summaries",
        skill_id="id",
        attempted="outboundCalls",
        connected="liveConnects",
        abandoned="abandoned",
    )

    async def run() -> list[tuple[int, int, int]]:
        transport = httpx.MockTransport(lambda request: httpx.Response(200, json=answer))
        async with httpx.AsyncClient(transport=transport) as http:
            client = ApiClient(
                http=http, base_url="https://api.test", tokens=StaticTokens(), limiter=RateLimiter(1000)
            )
            found, _ = await read_skill_days(
                client, {"s": "7"}, date(2026, 10, 1), date(2026, 10, 1), CHICAGO, fields=fields
            )
        return [(d.attempted, d.connected, d.abandoned) for d in found]

    assert asyncio.run(run()) == [(90, 30, 2)]
