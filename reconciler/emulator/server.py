"""Serving the emulator over HTTP with uvicorn (`reconciler emulator serve`)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import uvicorn

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import read_seed
from reconciler.emulator.settings import EmulatorSettings


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


def serve(emulator: Emulator, *, host: str, port: int) -> None:
    uvicorn.run(create_app(emulator), host=host, port=port, log_level="warning", access_log=False)
