"""The apply tests' shared fixture: the demo repo and its emulated Genesys org. Every request an apply test
sends is checked against the API's contract (the operation exists, its query parameters and its body
model) when the test ends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.apply.support import Harness, demo_emulator, demo_repo
from tests.genesys_contract import request_log


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    log = request_log()
    yield Harness(root=demo_repo(tmp_path), emulator=demo_emulator(), request_hook=log)
    assert log.problems() == []
