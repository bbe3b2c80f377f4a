"""The run's telemetry collector: every API request, retry, 429 wait and applied change, summarised.

One `RunTelemetry` belongs to one API client (reconciler.providers.http), so a run's numbers are that
client's. Latencies are kept per request (a run makes thousands, not millions) and summarised as
nearest-rank percentiles. `to_dict()` is the `telemetry` object of the plan document and of the apply
summary; `summary_line()` is the one line printed on stderr.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reconciler.telemetry.endpoints import endpoint_template


@dataclass
class _Endpoint:
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    """Unexpected answers (429, 5xx, refusals) and transport failures: with the count, the success rate."""


@dataclass(frozen=True)
class ChangeTiming:
    address: str
    outcome: str
    seconds: float


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (`share` in 0..1) of `values`; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _latency_ms(values: Sequence[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(values, 0.50) * 1000, 1),
        "p95": round(percentile(values, 0.95) * 1000, 1),
        "max": round(max(values, default=0.0) * 1000, 1),
    }


class RunTelemetry:
    """Counts what one API client did; safe to record from several threads or tasks."""

    def __init__(self) -> None:
        self._endpoints: dict[tuple[str, str], _Endpoint] = {}
        self._changes: list[ChangeTiming] = []
        self.retries = 0
        self.throttled = 0
        self.throttled_seconds = 0.0
        self._lock = threading.Lock()

    def request(self, method: str, path: str, *, seconds: float, failed: bool) -> None:
        """One HTTP exchange; `failed` when the transport failed or the answer was not one expected."""
        key = (method.upper(), endpoint_template(path))
        with self._lock:
            endpoint = self._endpoints.setdefault(key, _Endpoint())
            endpoint.latencies.append(seconds)
            endpoint.failures += failed

    def retry(self) -> None:
        with self._lock:
            self.retries += 1

    def throttle(self, seconds: float) -> None:
        """A 429 answer, and the wait it imposed on every request of the run."""
        with self._lock:
            self.throttled += 1
            self.throttled_seconds += seconds

    def change(self, address: str, *, outcome: str, seconds: float) -> None:
        with self._lock:
            self._changes.append(ChangeTiming(address, outcome, seconds))

    @property
    def requests(self) -> int:
        return sum(len(endpoint.latencies) for endpoint in self._endpoints.values())

    def _all_latencies(self) -> list[float]:
        return [value for endpoint in self._endpoints.values() for value in endpoint.latencies]

    def to_dict(self) -> dict[str, Any]:
        """The `telemetry` object of the plan document (schemas/plan.schema.json) and apply summary."""
        with self._lock:
            endpoints = [
                {
                    "method": method,
                    "path": path,
                    "requests": len(endpoint.latencies),
                    "failures": endpoint.failures,
                    "latency_ms": _latency_ms(endpoint.latencies),
                }
                for (method, path), endpoint in sorted(
                    self._endpoints.items(), key=lambda item: (item[0][1], item[0][0])
                )
            ]
            return {
                "requests": self.requests,
                "latency_ms": _latency_ms(self._all_latencies()),
                "retries": self.retries,
                "throttled": {"count": self.throttled, "waited_seconds": round(self.throttled_seconds, 3)},
                "endpoints": endpoints,
                "changes": [
                    {"address": item.address, "outcome": item.outcome, "seconds": round(item.seconds, 3)}
                    for item in self._changes
                ],
            }

    def summary_line(self) -> str:
        return summary_line(self.to_dict())


def summary_line(telemetry: Mapping[str, Any]) -> str:
    """E.g. `42 requests (p50 38 ms, p95 120 ms), 2 retries, 1 throttled (429) waiting 3.0 s`."""
    count, retries = telemetry["requests"], telemetry["retries"]
    text = f"{count} request{'' if count == 1 else 's'}"
    if count:
        text += f" (p50 {telemetry['latency_ms']['p50']:.0f} ms, p95 {telemetry['latency_ms']['p95']:.0f} ms)"
    text += f", {retries} retr{'y' if retries == 1 else 'ies'}"
    throttled = telemetry["throttled"]
    if throttled["count"]:
        text += f", {throttled['count']} throttled (429) waiting {throttled['waited_seconds']:.1f} s"
    return text
