"""The apply tests' shared fixture: the demo repo and its emulated Genesys org."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apply.support import Harness, demo_emulator, demo_repo


@pytest.fixture
def harness(tmp_path: Path) -> Harness:
    return Harness(root=demo_repo(tmp_path), emulator=demo_emulator())
