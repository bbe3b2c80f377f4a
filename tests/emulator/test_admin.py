"""The /_emulator/ admin API: reset, seed, snapshot, settings at run time, resuming from a state file."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.server import default_seed

HOURS = {
    "name": "admin-hours",
    "callableTimes": [
        {
            "timeZoneId": "America/Chicago",
            "timeSlots": [{"startTime": "09:00:00", "stopTime": "17:00:00", "day": 2}],
        }
    ],
}


def test_seed_snapshot_and_reset(client: TestClient, gh: dict[str, str]) -> None:
    assert client.post("/_emulator/seed", json={"genesys": {"callabletimesets": [HOURS]}}).status_code == 200
    listed = client.get("/api/v2/outbound/callabletimesets", headers=gh).json()
    assert [item["name"] for item in listed["entities"]] == ["admin-hours"]
    snapshot = client.get("/_emulator/snapshot").json()
    assert snapshot["format"] == "reconciler-emulator-state/1"
    assert [item["version"] for item in snapshot["genesys"]["callabletimesets"].values()] == [1]
    assert client.post("/_emulator/reset").status_code == 200
    assert client.get("/api/v2/outbound/callabletimesets", headers=gh).json()["total"] == 0


def test_bad_seed_is_refused_with_a_reason(client: TestClient) -> None:
    response = client.post("/_emulator/seed", json={"genesis": {}})
    assert response.status_code == 400 and "unknown seed sections: genesis" in response.json()["error"]
    assert client.post("/_emulator/seed", content=b"[1, 2]").status_code == 400


def test_reset_can_reload_the_start_seed(emulator: Emulator) -> None:
    emulator.seed = default_seed()
    with TestClient(create_app(emulator)) as client:
        client.post("/_emulator/reset?reseed=true")
    assert {item["name"] for item in emulator.state.lookups["queues"].values()} >= {"Renewals"}


def test_settings_change_faults_at_run_time(client: TestClient, gh: dict[str, str]) -> None:
    changed = client.patch(
        "/_emulator/settings", json={"faults": {"storm_requests": 2}, "rate_limit_per_minute": 9}
    )
    assert changed.status_code == 200
    assert changed.json()["faults"]["storm_requests"] == 2 and changed.json()["rate_limit_per_minute"] == 9
    assert client.get("/api/v2/outbound/campaigns", headers=gh).status_code == 429
    invalid = client.patch("/_emulator/settings", json={"faults": {"error_rate": 3}})
    assert invalid.status_code == 400 and "error_rate" in invalid.json()["error"]


def test_external_edit_bumps_the_version_like_another_admin(client: TestClient, gh: dict[str, str]) -> None:
    created = client.post("/api/v2/outbound/callabletimesets", headers=gh, json=HOURS).json()
    edited = client.post(
        "/_emulator/external-edit",
        json={
            "platform": "genesys",
            "collection": "callabletimesets",
            "name": "admin-hours",
            "changes": {"name": "x"},
        },
    ).json()
    assert edited["version"] == created["version"] + 1
    stale = client.put(f"/api/v2/outbound/callabletimesets/{created['id']}", headers=gh, json=created)
    assert stale.status_code == 409 and stale.json()["code"] == "invalid.update.wrong.version"
    missing = client.post(
        "/_emulator/external-edit",
        json={"platform": "genesys", "collection": "callabletimesets", "name": "nope", "changes": {}},
    )
    assert missing.status_code == 404


def test_state_file_is_written_on_each_change_and_resumed(tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    first = Emulator(state_path=path)
    with TestClient(create_app(first)) as client:
        client.post("/_emulator/seed", json={"genesys": {"callabletimesets": [HOURS]}})
    resumed = Emulator(state_path=path, seed=default_seed())
    names = [item["name"] for item in resumed.state.genesys["callabletimesets"].values()]
    assert names == ["admin-hours"]
    assert "queues" not in resumed.state.lookups  # an existing state file wins over the seed
