"""CLI tests that opt in (`pytestmark = pytest.mark.usefixtures("request_contract")`) run the command line
through tests/cli/recorded_main.py: every request their emulated orgs are sent is checked against the
Genesys and CXone request contracts when the test ends, as tests/apply/conftest.py does in process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.recorded_main import read_requests
from tests.conftest import ROOT
from tests.cxone_contract import CXONE
from tests.genesys_contract import GENESYS
from tests.request_log import RECORDED_REQUESTS, RequestLog


@pytest.fixture
def request_contract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RequestLog]:
    """Every request the test's CLI runs send to their emulated org, checked when the test ends."""
    requests = tmp_path / "requests.jsonl"
    monkeypatch.setenv(RECORDED_REQUESTS, str(requests))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    log = RequestLog((GENESYS, CXONE))
    yield log
    for method, url, body in read_requests(requests):
        log.record(method, url, body)
    assert log.sent, "no request reached an emulated org: the recording entry point did not run"
    assert log.problems() == []
