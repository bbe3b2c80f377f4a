"""POST /_emulator/metrics: per-day counts by campaign and skill name, checked as a whole before any is
kept, kept in the state file, and served by the analytics and reporting routes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.metric_days import stored_days
from reconciler.providers.session import demo_org_seed
from tests.emulator.conftest import cxone_headers, genesys_headers

AGGREGATES = "/api/v2/analytics/conversations/aggregates/query"
SUMMARY = "/inContactAPI/services/v33.0/skills/summary"


def _demo(state_path: Path | None = None) -> Emulator:
    seed = demo_org_seed()
    seed.pop("metrics", None)
    return Emulator(seed=seed, state_path=state_path)


def _day(**fields: Any) -> dict[str, Any]:
    return {
        "campaign": "q3-renewals",
        "date": "2026-10-05",
        "attempted": 100,
        "connected": 30,
        "abandoned": 1,
    } | fields


def test_an_unknown_campaign_name_is_a_400_naming_it_and_nothing_is_kept() -> None:
    emulator = _demo()
    with TestClient(create_app(emulator)) as client:
        answer = client.post("/_emulator/metrics", json={"genesys": [_day(), _day(campaign="no-such")]})
    assert answer.status_code == 400
    assert "no campaign named 'no-such'" in answer.json()["error"]
    assert "metrics" not in emulator.state.meta


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"abandoned": 31}, "abandoned is more than connected"),
        ({"connected": 101}, "connected is more than attempted"),
        ({"attempted": -1}, "greater than or equal to 0"),
        ({"date": "2026-13-01"}, "date"),
        ({"handled": 5}, "handled and handle_seconds go together"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_impossible_counts_are_refused_with_the_reason(fields: dict[str, Any], message: str) -> None:
    with TestClient(create_app(_demo())) as client:
        answer = client.post("/_emulator/metrics", json={"genesys": [_day(**fields)]})
    assert answer.status_code == 400 and message in answer.json()["error"]


def test_an_unknown_skill_name_is_a_400_too() -> None:
    body = {
        "cxone": [{"skill": "nope", "date": "2026-10-05", "attempted": 1, "connected": 1, "abandoned": 0}]
    }
    with TestClient(create_app(_demo())) as client:
        answer = client.post("/_emulator/metrics", json=body)
    assert answer.status_code == 400 and "no skill named 'nope'" in answer.json()["error"]


def test_counts_are_kept_in_the_state_file_and_read_back_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "local.json"
    emulator = _demo(path)
    with TestClient(create_app(emulator)) as client:
        assert client.post("/_emulator/metrics", json={"genesys": [_day()]}).json() == {
            "status": "set",
            "genesys": 1,
            "cxone": 0,
        }
    again = Emulator(state_path=path)
    campaign_id = next(
        c["id"] for c in again.state.collection("campaigns").values() if c["name"] == "q3-renewals"
    )
    assert [day.isoformat() for day in stored_days(again, "genesys", campaign_id)] == ["2026-10-05"]


def test_ending_yesterday_moves_every_date_so_the_latest_is_the_emulators_yesterday() -> None:
    emulator = _demo()
    body = {"ending": "yesterday", "genesys": [_day(date="2020-01-01"), _day(date="2020-01-03")]}
    with TestClient(create_app(emulator)) as client:
        assert client.post("/_emulator/metrics", json=body).status_code == 200
    campaign_id = next(iter(emulator.state.meta["metrics"]["genesys"]))
    yesterday = datetime.fromtimestamp(emulator.now(), UTC).date() - timedelta(days=1)
    assert sorted(stored_days(emulator, "genesys", campaign_id)) == [yesterday - timedelta(days=2), yesterday]


def _query(**changes: Any) -> dict[str, Any]:
    body = {
        "interval": "2026-10-01T00:00:00Z/2026-10-08T00:00:00Z",
        "granularity": "P1D",
        "groupBy": ["outboundCampaignId"],
        "metrics": ["nOutboundAttempted", "nOutboundAbandoned"],
    }
    return {key: value for key, value in (body | changes).items() if value is not None}


def test_the_aggregates_route_answers_daily_buckets_of_the_stored_counts() -> None:
    emulator = _demo()
    with TestClient(create_app(emulator)) as client:
        client.post("/_emulator/metrics", json={"genesys": [_day(), _day(date="2026-10-06", abandoned=0)]})
        answer = client.post(AGGREGATES, json=_query(), headers=genesys_headers(client))
    assert answer.status_code == 200
    (result,) = answer.json()["results"]
    assert [bucket["interval"] for bucket in result["data"]] == [
        "2026-10-05T00:00:00+00:00/2026-10-06T00:00:00+00:00",
        "2026-10-06T00:00:00+00:00/2026-10-07T00:00:00+00:00",
    ]
    assert result["data"][0]["metrics"] == [
        {"metric": "nOutboundAttempted", "stats": {"count": 100}},
        {"metric": "nOutboundAbandoned", "stats": {"count": 1}},
    ]
    assert result["data"][1]["metrics"] == [{"metric": "nOutboundAttempted", "stats": {"count": 100}}]


@pytest.mark.parametrize(
    ("changes", "status_code", "words"),
    [
        ({"interval": "2026-10-01T00:00:00Z/2026-10-09T00:00:00Z"}, "bad.request", "longer than 7 days"),
        ({"metrics": ["nOutboundAbandonned"]}, "invalid.value", "nOutboundAbandonned"),
        ({"metrics": None}, "bad.request", "'metrics' is required"),
        ({"metrics": ["tTalk"]}, "bad.request", "not emulated"),
        ({"granularity": "PT30M"}, "bad.request", "not emulated"),
        (
            {"filter": {"type": "or", "predicates": [{"dimension": "queueId", "value": "q"}]}},
            "bad.request",
            "not emulated",
        ),
        ({"timeZone": "Mars/Olympus"}, "bad.request", "IANA"),
    ],
)
def test_the_aggregates_route_refuses_what_the_platform_or_the_emulator_does_not_take(
    changes: dict[str, Any], status_code: str, words: str
) -> None:
    with TestClient(create_app(_demo())) as client:
        answer = client.post(AGGREGATES, json=_query(**changes), headers=genesys_headers(client))
    assert answer.status_code == 400
    assert answer.json()["code"] == status_code and words in answer.json()["message"]


def test_more_predicates_than_the_limit_are_refused() -> None:
    predicates = [{"dimension": "outboundCampaignId", "value": str(n)} for n in range(51)]
    with TestClient(create_app(_demo())) as client:
        answer = client.post(
            AGGREGATES,
            json=_query(filter={"type": "or", "predicates": predicates}),
            headers=genesys_headers(client),
        )
    assert answer.status_code == 400 and "51 predicates" in answer.json()["message"]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"endDate": "2026-10-02T00:00:00Z"}, "startDate is required"),
        ({"startDate": "2026-10-02T00:00:00Z", "endDate": "2026-10-01T00:00:00Z"}, "endDate must be after"),
        ({"startDate": "2026-08-01T00:00:00Z", "endDate": "2026-10-01T00:00:00Z"}, "at most 31 days"),
    ],
)
def test_the_skill_summary_refuses_a_missing_or_backward_or_long_range(
    query: dict[str, str], words: str
) -> None:
    with TestClient(create_app(_demo())) as client:
        answer = client.get(SUMMARY, params=query, headers=cxone_headers(client))
    assert answer.status_code == 400 and words in answer.json()["errorDescription"]


def test_the_skill_summary_lists_every_outbound_skill_even_without_counts() -> None:
    query = {"startDate": "2026-10-01T00:00:00Z", "endDate": "2026-10-02T00:00:00Z", "isOutbound": "true"}
    with TestClient(create_app(_demo())) as client:
        answer = client.get(SUMMARY, params=query, headers=cxone_headers(client))
    (summary,) = answer.json()["skillSummaries"]
    assert summary["skillName"] == "cx-renewals-outbound"
    assert (summary["dials"], summary["abandonCount"], summary["averageHandleTime"]) == (0, 0, "00:00:00")


def test_campaign_stats_show_today_s_measured_attempts_and_connects() -> None:
    emulator = _demo()
    today = datetime.fromtimestamp(emulator.now(), UTC).date().isoformat()
    with TestClient(create_app(emulator)) as client:
        headers = genesys_headers(client)
        campaign = client.get(
            "/api/v2/outbound/campaigns", params={"name": "q3-renewals"}, headers=headers
        ).json()["entities"][0]
        stats = f"/api/v2/outbound/campaigns/{campaign['id']}/stats"
        before = client.get(stats, headers=headers).json()["contactRate"]
        answer = client.post(
            "/_emulator/metrics", json={"genesys": [_day(date=today, attempted=412, connected=118)]}
        )
        assert answer.status_code == 200, answer.text
        after = client.get(stats, headers=headers).json()["contactRate"]
    assert (after["attempts"], after["connects"]) == (412, 118) != (before["attempts"], before["connects"])
    assert after["connectRatio"] == round(118 / 412, 4)
