from __future__ import annotations

import httpx

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.providers.auth import Secret

EMULATOR_URL = "http://emulator.test"
ID, SECRET = Secret("emulator"), Secret("emulator-secret")


def in_process(emulator: Emulator) -> httpx.AsyncClient:
    """An httpx client whose transport is the emulator app itself (no sockets)."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(emulator)), base_url=EMULATOR_URL)
