"""`python -m tests.cli.recorded_main ARGS`: the real `reconciler` command line whose emulated org writes
every request it is sent to the file named by $RECONCILER_TEST_REQUESTS (tests.request_log) (one JSON line each), so the test
that ran it checks them against the platforms' contracts (tests/cli/conftest.py::request_contract)."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from reconciler.cli import main
from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.providers import session
from tests.request_log import RECORDED_REQUESTS

Scope = dict[str, Any]


def _url(scope: Scope) -> str:
    path = scope.get("raw_path") or scope["path"].encode()
    query = scope.get("query_string", b"")
    return f"{session.LOCAL_URL}{path.decode()}" + (f"?{query.decode()}" if query else "")


def recording_app(emulator: Emulator, *, log: Path) -> Any:
    """The emulator's ASGI app, writing each request's method, URL and body to `log` before answering."""
    app = create_app(emulator)

    async def recorded(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await app(scope, receive, send)
        messages = [await receive()]
        while messages[-1].get("more_body"):
            messages.append(await receive())
        body = b"".join(message.get("body", b"") for message in messages)
        line = {"method": scope["method"], "url": _url(scope), "body": base64.b64encode(body).decode()}
        with log.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
        replay = iter(messages)

        async def again() -> Any:
            return next(replay, None) or await receive()

        return await app(scope, again, send)

    return recorded


def read_requests(log: Path) -> list[tuple[str, str, bytes]]:
    """(method, url, body) of every request a recorded run sent, in order."""
    if not log.is_file():
        return []
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return [(line["method"], line["url"], base64.b64decode(line["body"])) for line in lines]


if __name__ == "__main__":
    requests = Path(os.environ[RECORDED_REQUESTS])
    session.create_app = lambda emulator: recording_app(emulator, log=requests)  # type: ignore[assignment]
    main()
