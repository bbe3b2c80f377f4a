"""OpenTelemetry traces of a run: one span per run, per applied change and per API request.

Off unless OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, then exported
over OTLP/HTTP by the SDK of the `otel` extra, configured by the standard OTEL_* variables. The SDK is
imported only then, so a run without it starts as fast as before. Spans carry only names the tool
chose (command, target name, platform, masked addresses, endpoint templates, status codes, counts):
never a URL, header, message or exception text, which could hold a token or a phone number.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reconciler import __version__
from reconciler.plan.masking import mask_text

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.trace import Span, Tracer

log = logging.getLogger(__name__)

ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
Attribute = str | int | float | bool

_tracer: Tracer | None = None
_owned: TracerProvider | None = None
"""The provider configure_from_env made, flushed and shut down by shutdown()."""


class SpanHandle:
    """Sets attributes on a span, or on nothing when tracing is off; strings are masked first."""

    def __init__(self, span: Span | None) -> None:
        self._span = span

    def set(self, key: str, value: Attribute | None) -> None:
        if self._span is not None and value is not None:
            self._span.set_attribute(key, mask_text(value) if isinstance(value, str) else value)

    def failed(self, kind: str) -> None:
        """Mark the span as an error, naming only the kind of failure (never its message)."""
        if self._span is not None:
            # a span exists only when the optional [otel] extra is installed
            from opentelemetry.trace import Status, StatusCode

            self._span.set_status(Status(StatusCode.ERROR))
            self._span.set_attribute("error.type", kind)


def run_attributes(command: str, target: str, platform: str) -> dict[str, Attribute | None]:
    """The attributes of a run's span: what ran against which target."""
    return {"reconciler.command": command, "reconciler.target": target, "reconciler.platform": platform}


def install(provider: TracerProvider | None) -> None:
    """Trace into `provider` (tests use an in-memory exporter); None turns tracing off."""
    global _tracer
    _tracer = None if provider is None else provider.get_tracer("reconciler", __version__)


def enabled() -> bool:
    return _tracer is not None


def configure_from_env(env: Mapping[str, str] = os.environ) -> bool:
    """Export spans over OTLP when the standard endpoint variable is set; False when tracing stays off."""
    global _owned
    if not any(env.get(name) for name in ENDPOINT_VARIABLES):
        return False
    try:  # the SDK is the optional [otel] extra, imported only when an endpoint asks for traces
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        log.warning(
            "OTEL_EXPORTER_OTLP_ENDPOINT is set but the OpenTelemetry SDK is not installed; "
            "install outbound-reconciler[otel] to export traces"
        )
        return False
    resource = Resource.create({"service.version": __version__})  # reads OTEL_SERVICE_NAME and the like
    if str(resource.attributes.get("service.name", "")).startswith("unknown_service"):
        resource = resource.merge(Resource({"service.name": "reconciler"}))  # the SDK's default otherwise
    _owned = TracerProvider(resource=resource)
    _owned.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    install(_owned)
    return True


def shutdown() -> None:
    """Flush and stop the exporter configure_from_env started (bounded by the SDK's own timeouts)."""
    global _owned
    if _owned is not None:
        _owned.shutdown()
        _owned = None
        install(None)


@contextmanager
def span(name: str, attributes: Mapping[str, Attribute | None]) -> Iterator[SpanHandle]:
    """A child of the current span (contextvars carry it into tasks); a no-op when tracing is off."""
    if _tracer is None:
        yield SpanHandle(None)
        return
    # exceptions are not recorded: their text may quote a server's answer, and with it a token
    with _tracer.start_as_current_span(
        name, record_exception=False, set_status_on_exception=False
    ) as current:
        handle = SpanHandle(current)
        for key, value in attributes.items():
            handle.set(key, value)
        try:
            yield handle
        except BaseException as exc:
            handle.failed(type(exc).__name__)
            raise
