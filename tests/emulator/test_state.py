from __future__ import annotations

import contextlib
import json
from pathlib import Path

from reconciler.emulator.state import EmulatorState


def test_state_round_trips_through_its_file(tmp_path: Path) -> None:
    state = EmulatorState()
    state.collection("campaigns")["c1"] = {"id": "c1", "name": "q3", "version": 3}
    state.cxone["skills"]["1001"] = {"skillId": 1001, "skillName": "renewals"}
    path = tmp_path / "deep" / "state.json"
    state.save(path)
    loaded = EmulatorState.load(path)
    assert loaded.genesys == state.genesys and loaded.cxone["skills"] == state.cxone["skills"]
    assert json.loads(path.read_text())["format"] == "reconciler-emulator-state/1"
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]


def test_a_failed_save_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    EmulatorState(meta={"generation": 1}).save(path)
    broken = EmulatorState(meta={"unserialisable": object()})
    with contextlib.suppress(TypeError):
        broken.save(path)
    assert EmulatorState.load(path).meta == {"generation": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
