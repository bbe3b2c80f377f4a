"""The apply summary's requests block: the run's telemetry as a few aligned lines of text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reconciler.telemetry.collector import summary_line


def requests_table(telemetry: Mapping[str, Any]) -> str:
    """`Requests: <summary line>` then one line per endpoint: count, failures, p50/p95/max latency."""
    endpoints = telemetry["endpoints"]
    width = max((len(f"{item['method']} {item['path']}") for item in endpoints), default=0)
    lines = [f"\nRequests: {summary_line(telemetry)}"]
    for item in endpoints:
        latency = item["latency_ms"]
        lines.append(
            f"  {item['method'] + ' ' + item['path']:<{width}}  {item['requests']:>5} "
            f"({item['failures']} failed)  p50 {latency['p50']:.0f} ms, p95 {latency['p95']:.0f} ms, "
            f"max {latency['max']:.0f} ms"
        )
    return "\n".join(lines)
