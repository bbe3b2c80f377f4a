"""A Genesys org for emulator tests: seeded lookups with known ids, and an `api` that speaks HTTP to it."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from tests.emulator.genesys.support import LOOKUP_SEED, Api


@pytest.fixture
def org(emulator: Emulator) -> Emulator:
    apply_seed(emulator, LOOKUP_SEED)
    return emulator


@pytest.fixture
def api(org: Emulator, client: TestClient, gh: dict[str, str]) -> Api:
    return Api(client, gh)
