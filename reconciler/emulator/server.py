"""Serving the emulator over HTTP with uvicorn (`reconciler emulator serve`).

On loopback the admin API is open, as for tests; bound to any other address it needs an admin token,
given (--admin-token or ADMIN_TOKEN_ENV) or generated at start and printed once.
"""

from __future__ import annotations

import json
import secrets
from importlib import resources
from pathlib import Path
from typing import Any

import uvicorn

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import read_seed
from reconciler.emulator.settings import EmulatorSettings
from reconciler.transport import is_loopback

ADMIN_TOKEN_ENV = "RECONCILER_EMULATOR_ADMIN_TOKEN"


def default_seed() -> dict[str, Any]:
    """Lookups (queues, scripts, edge groups, wrap-up codes, flows, CXone routes) the demo org names."""
    text = (
        resources.files("reconciler.emulator.fixtures").joinpath("lookups.json").read_text(encoding="utf-8")
    )
    seed: dict[str, Any] = json.loads(text)
    return seed


def build_emulator(
    *, settings: EmulatorSettings, state_path: Path | None, seed_path: Path | None, use_default_seed: bool
) -> Emulator:
    """An emulator that resumes from `state_path` when it exists, else starts from the seed."""
    seed = read_seed(seed_path) if seed_path is not None else (default_seed() if use_default_seed else None)
    return Emulator(settings=settings, state_path=state_path, seed=seed)


def admin_token_for(host: str, given: str | None) -> tuple[str | None, bool]:
    """(the admin token to require, whether it was generated here) for an emulator bound to `host`.

    A given token is always required; otherwise loopback needs none and any other address gets a new one.
    """
    if given:
        return given, False
    if is_loopback(host):
        return None, False
    return secrets.token_urlsafe(32), True


def serve(emulator: Emulator, *, host: str, port: int, admin_token: str | None = None) -> None:
    app = create_app(emulator, admin_token=admin_token)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
