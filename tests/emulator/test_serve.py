"""`reconciler emulator serve` as a real process on a loopback port, persisting its state."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.served import served_emulator


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    state = tmp_path / "state.json"
    with served_emulator(state) as url:
        yield url, state


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
