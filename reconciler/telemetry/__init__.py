"""Operational telemetry of a run: request counts per endpoint, latencies, retries, 429 waits, change
durations (collector.py), with optional OpenTelemetry traces when OTEL_EXPORTER_OTLP_ENDPOINT is set
(tracing.py). Endpoint names are path templates (endpoints.py): no id, number or secret reaches them."""
