"""Apply against the emulator with an in-memory span exporter: one span per run, per change and per
request, nested in that order, and no attribute holding a secret, a token or a full phone number."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from reconciler.telemetry import tracing
from tests.apply.support import Harness, demo_emulator, demo_repo
from tests.providers.conftest import ID, SECRET

PHONE_DIGITS = re.compile(r"\d{7,}")
"""Seven digits in a row would be most of a phone number; masked numbers show only the last four."""


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.install(provider)
    try:
        yield exporter
    finally:
        tracing.install(None)


def _attribute_values(span: ReadableSpan) -> list[Any]:
    values = list((span.attributes or {}).values())
    for event in span.events:
        values += list((event.attributes or {}).values())
    return values


def test_apply_traces_run_then_changes_then_requests(tmp_path: Path, spans: InMemorySpanExporter) -> None:
    harness = Harness(root=demo_repo(tmp_path), emulator=demo_emulator())
    run = harness.apply()
    assert run.report.ok
    finished = spans.get_finished_spans()
    by_id = {span.context.span_id: span for span in finished}
    (root,) = [span for span in finished if span.parent is None]
    assert root.name == "reconciler apply"
    assert root.attributes == {
        "reconciler.command": "apply",
        "reconciler.target": "local",
        "reconciler.platform": "genesys",
    }

    changes = [span for span in finished if span.attributes and "reconciler.address" in span.attributes]
    assert len(changes) == len(run.report.results) == 6
    assert all(span.parent is not None and span.parent.span_id == root.context.span_id for span in changes)
    assert {span.attributes["reconciler.outcome"] for span in changes if span.attributes} == {"applied"}

    requests = [span for span in finished if span.attributes and "url.template" in span.attributes]
    assert len(requests) == run.telemetry["requests"] if run.telemetry else False
    under_change = [r for r in requests if r.parent is not None and by_id[r.parent.span_id] in changes]
    under_run = [r for r in requests if r.parent is not None and r.parent.span_id == root.context.span_id]
    assert under_change and under_run  # writes belong to their change; the plan's reads to the run
    assert len(under_change) + len(under_run) == len(requests)
    writes = {r.attributes["http.request.method"] for r in under_change if r.attributes}
    assert writes >= {"POST", "PUT"}
    for span in requests:
        assert span.name == f"{span.attributes['http.request.method']} {span.attributes['url.template']}"  # type: ignore[index]
        assert isinstance(span.attributes["http.response.status_code"], int)  # type: ignore[index]

    secrets = {str(ID), str(SECRET), *harness.emulator.tokens}
    assert harness.emulator.tokens  # the run did authenticate: there is a token to look for
    for span in finished:
        for value in _attribute_values(span):
            text = str(value)
            assert not any(secret in text for secret in secrets), (span.name, text)
            assert "Bearer" not in text and not PHONE_DIGITS.search(text), (span.name, text)
        assert not PHONE_DIGITS.search(span.name) and "?" not in span.name


def test_without_an_otlp_endpoint_tracing_stays_off_and_the_sdk_is_never_imported(tmp_path: Path) -> None:
    assert not tracing.configure_from_env({}) and not tracing.enabled()
    probe = (
        "import sys, reconciler.cli, reconciler.apply.run, reconciler.telemetry.tracing as t; "
        "t.configure_from_env({}); print(sorted(m for m in sys.modules if m.startswith('opentelemetry')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
