"""An httpx request hook that keeps what a client sent to a platform's API paths and checks each request
against that platform's contract (tests/genesys_contract.py, tests/cxone_contract.py) when asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

RECORDED_REQUESTS = "RECONCILER_TEST_REQUESTS"
"""Names the file a CLI run under test writes its emulated org's requests to (tests/cli/recorded_main.py);
while it is set, tests.conftest.run_cli runs that entry point instead of `python -m reconciler`."""


@dataclass(frozen=True)
class Contract:
    """One platform's request contract: which paths are its API, and what a request there breaks."""

    covers: Callable[[str], bool]
    """True for a URL path of the platform's API (other requests, such as token requests, are not kept)."""
    problems: Callable[[str, str, bytes], list[str]]
    """(method, url, body) -> what the request breaks in its operation's contract."""


@dataclass
class RequestLog:
    """Every request to the paths of `contracts`, as sent; `problems()` checks each against its contract."""

    contracts: tuple[Contract, ...]
    sent: list[tuple[str, str, bytes]] = field(default_factory=list)

    async def __call__(self, request: httpx.Request) -> None:
        self.record(request.method, str(request.url), request.content)

    def record(self, method: str, url: str, content: bytes) -> None:
        if self._contract(url) is not None:
            self.sent.append((method, url, content))

    def problems(self) -> list[str]:
        return [
            problem
            for method, url, content in self.sent
            for contract in [self._contract(url)]
            if contract is not None
            for problem in contract.problems(method, url, content)
        ]

    def _contract(self, url: str) -> Contract | None:
        path = urlsplit(url).path
        return next((contract for contract in self.contracts if contract.covers(path)), None)
