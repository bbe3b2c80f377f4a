"""With OTEL_EXPORTER_OTLP_ENDPOINT set, a real `reconciler plan` exports its spans over OTLP/HTTP, and
the bytes on the wire hold no credential, token or phone number."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.apply.support import demo_repo
from tests.test_notify import Receiver


def test_plan_exports_its_trace_to_the_otlp_endpoint(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    with Receiver() as collector:
        env = {
            **os.environ,
            "OTEL_EXPORTER_OTLP_ENDPOINT": collector.url(""),
            "OTEL_SERVICE_NAME": "reconciler-test",
        }
        done = subprocess.run(
            [sys.executable, "-m", "reconciler", "plan"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    exported = [item for item in collector.received if item.path == "/v1/traces"]
    assert exported, [item.path for item in collector.received]
    body = b"".join(item.body for item in exported)
    headers = {name.lower(): value for name, value in exported[0].headers.items()}
    assert headers["content-type"] == "application/x-protobuf"
    for expected in (b"reconciler plan", b"reconciler-test", b"/api/v2/outbound/campaigns", b"url.template"):
        assert expected in body
    for private in (b"emulator-secret", b"Bearer", b"5555550"):
        assert private not in body
