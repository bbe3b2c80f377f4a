"""`reconciler emulator serve` as a real process on a loopback port, persisting its state."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"emulator exited: {process.stderr.read() if process.stderr else ''}")
        try:
            if httpx.get(f"{url}/_emulator/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("emulator did not start within 20 s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = _free_port()
    state = tmp_path / "state.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "reconciler", "emulator", "serve", "--port", str(port), "--state", str(state)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url, state
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_answers_over_loopback_and_persists_the_org(served: tuple[str, Path]) -> None:
    url, state = served
    token = httpx.post(
        f"{url}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=("emulator", "emulator-secret"),
        timeout=5,
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    queues = httpx.get(f"{url}/api/v2/routing/queues", headers=headers, timeout=5)
    assert queues.status_code == 200
    assert "Renewals" in {queue["name"] for queue in queues.json()["entities"]}
    created = httpx.post(
        f"{url}/api/v2/outbound/callabletimesets",
        headers=headers,
        json={
            "name": "served-hours",
            "callableTimes": [
                {
                    "timeZoneId": "America/New_York",
                    "timeSlots": [{"startTime": "09:00:00", "stopTime": "17:00:00", "day": 1}],
                }
            ],
        },
        timeout=5,
    )
    assert created.status_code == 200, created.text
    saved = json.loads(state.read_text())
    assert "served-hours" in {item["name"] for item in saved["genesys"]["callabletimesets"].values()}
    cxone = httpx.get(f"{url}/.well-known/cxone-configuration", timeout=5).json()
    assert cxone["api_endpoint"] == url
