"""A real `reconciler emulator serve` process on a loopback port, for tests that go over the network."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import ROOT

CLIENT_ID, CLIENT_SECRET = "emulator", "emulator-secret"


def free_port() -> int:
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


@contextmanager
def served_emulator(state: Path) -> Iterator[str]:
    """Serve an emulator (a fresh org: default lookups only) and yield its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "reconciler", "emulator", "serve", "--port", str(port), "--state", str(state)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def genesys_token(url: str) -> dict[str, str]:
    """Authorization headers for the served Genesys API (client credentials grant)."""
    answer = httpx.post(
        f"{url}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(CLIENT_ID, CLIENT_SECRET),
        timeout=5,
    )
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}
