"""The collector's numbers: nearest-rank percentiles, failures per endpoint, retries, 429 waits."""

from __future__ import annotations

from reconciler.telemetry.collector import RunTelemetry, percentile


def test_percentiles_are_nearest_rank() -> None:
    values = [0.001 * n for n in range(1, 101)]
    assert percentile(values, 0.5) == values[49] and percentile(values, 0.95) == values[94]
    assert percentile([], 0.5) == 0.0 and percentile([0.2], 0.95) == 0.2


def test_requests_are_grouped_by_method_and_template_with_their_failures() -> None:
    telemetry = RunTelemetry()
    for number, seconds in enumerate((0.010, 0.030, 0.200)):
        telemetry.request(
            "get", f"/api/v2/outbound/campaigns/{number}abc", seconds=seconds, failed=number == 2
        )
    telemetry.request("PUT", "/api/v2/outbound/campaigns/9", seconds=0.05, failed=False)
    telemetry.retry()
    telemetry.throttle(3.0)
    telemetry.change("genesys/Campaign/a", outcome="applied", seconds=0.4567)
    data = telemetry.to_dict()
    assert data["requests"] == 4 and data["retries"] == 1
    assert data["throttled"] == {"count": 1, "waited_seconds": 3.0}
    assert data["endpoints"] == [
        {
            "method": "GET",
            "path": "/api/v2/outbound/campaigns/{id}",
            "requests": 3,
            "failures": 1,
            "latency_ms": {"p50": 30.0, "p95": 200.0, "max": 200.0},
        },
        {
            "method": "PUT",
            "path": "/api/v2/outbound/campaigns/{id}",
            "requests": 1,
            "failures": 0,
            "latency_ms": {"p50": 50.0, "p95": 50.0, "max": 50.0},
        },
    ]
    assert data["changes"] == [{"address": "genesys/Campaign/a", "outcome": "applied", "seconds": 0.457}]
    assert (
        telemetry.summary_line()
        == "4 requests (p50 30 ms, p95 200 ms), 1 retry, 1 throttled (429) waiting 3.0 s"
    )


def test_an_idle_run_says_so() -> None:
    assert RunTelemetry().summary_line() == "0 requests, 0 retries"
