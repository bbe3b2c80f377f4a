"""Where the emulated org keeps its measured days: the state's `meta` under `metrics` (set by
`POST /_emulator/metrics`, read by the analytics, reporting and campaign-stats routes)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

SECTION = "metrics"
Platform = Literal["genesys", "cxone"]


def stored_days(emulator: Emulator, platform: Platform, object_id: str) -> dict[date, dict[str, Any]]:
    """The counts kept for one campaign or skill, by day."""
    days = emulator.state.meta.get(SECTION, {}).get(platform, {}).get(object_id, {})
    return {date.fromisoformat(day): counts for day, counts in days.items()}
