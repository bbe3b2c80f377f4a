"""The running emulator: settings, state, clock, tokens, request log and the read-after-write window."""

from __future__ import annotations

import copy
import random
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reconciler.emulator.clock import Clock, SystemClock, iso_timestamp
from reconciler.emulator.genesys.store import advance
from reconciler.emulator.seed import apply_seed
from reconciler.emulator.settings import EmulatorSettings
from reconciler.emulator.state import EmulatorState, JsonObject


@dataclass
class Token:
    platform: str
    expires_at: float


class Emulator:
    """One emulated org. Handlers reach it as `request.app.state.emulator`."""

    def __init__(
        self,
        *,
        settings: EmulatorSettings | None = None,
        state: EmulatorState | None = None,
        clock: Clock | None = None,
        state_path: Path | None = None,
        seed: JsonObject | None = None,
    ) -> None:
        self.settings = settings or EmulatorSettings()
        self.clock: Clock = clock or SystemClock()
        self.state_path = state_path
        self.seed = seed
        if state is not None:
            self.state = state
        elif state_path is not None and state_path.exists():
            self.state = EmulatorState.load(state_path)
        else:
            self.state = EmulatorState()
            if seed is not None:
                apply_seed(self, seed)
        self.rng = random.Random(self.settings.faults.seed)
        self.tokens: dict[str, Token] = {}
        self.requests: Counter[tuple[str, str]] = Counter()
        self.rate_windows: dict[str, list[float]] = {}
        self._recent: dict[tuple[str, str], tuple[float, JsonObject | None]] = {}

    # --- time and ids -----------------------------------------------------------------------------
    def now(self) -> float:
        return self.clock.now()

    def timestamp(self) -> str:
        return iso_timestamp(self.clock.now())

    @staticmethod
    def new_id() -> str:
        return str(uuid.uuid4())

    def next_cxone_id(self, section: str) -> int:
        counters = self.state.meta.setdefault("cxone_ids", {})
        counters[section] = counters.get(section, 1000) + 1
        value: int = counters[section]
        return value

    def tick(self) -> None:
        """Apply transitions that are due by now (a stopping campaign turns off, a settings PATCH lands)."""
        advance(self)

    # --- persistence ------------------------------------------------------------------------------
    def changed(self) -> None:
        """Call after every write: persists the state file when one is configured."""
        if self.state_path is not None:
            self.state.save(self.state_path)

    def reset(self) -> None:
        self.state.replace_with(EmulatorState())
        self._recent.clear()
        self.changed()

    # --- read-after-write lag ---------------------------------------------------------------------
    def wrote(self, collection: str, object_id: str, previous: JsonObject | None) -> None:
        """Record a write so that reads within the configured lag still see `previous` (None: absent)."""
        lag = self.settings.faults.read_after_write_lag_ms / 1000
        if lag <= 0:
            return
        key = (collection, object_id)
        if key in self._recent and self._recent[key][0] > self.now():
            return  # keep the oldest view until the window closes
        self._recent[key] = (self.now() + lag, copy.deepcopy(previous))

    def visible(self, collection: str, objects: dict[str, Any]) -> dict[str, Any]:
        """`objects` as a lagging reader sees them: recent writes show their previous value."""
        if not self._recent:
            return objects
        now = self.now()
        view = dict(objects)
        for (name, object_id), (until, previous) in list(self._recent.items()):
            if until <= now:
                del self._recent[(name, object_id)]
                continue
            if name != collection:
                continue
            if previous is None:
                view.pop(object_id, None)
            else:
                view[object_id] = previous
        return view
