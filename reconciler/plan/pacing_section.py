"""The plan's `pacing` section of a campaign or skill change: what the pacing model predicts before (live
settings) and after (declared settings), with the cap and the period it is measured over. Information,
not a finding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PacingFigures:
    """One side's prediction: abandon rate (a share of live answers) with its 95 % interval."""

    abandon_rate: float
    abandon_rate_ci: tuple[float, float]
    utilization: float
    connects_per_agent_hour: float
    simulated_days: int
    settings: str
    """The inputs, as PACING-ABANDON describes them."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "abandon_rate": round(self.abandon_rate, 6),
            "abandon_rate_ci": [round(self.abandon_rate_ci[0], 6), round(self.abandon_rate_ci[1], 6)],
            "utilization": round(self.utilization, 6),
            "connects_per_agent_hour": round(self.connects_per_agent_hour, 4),
            "simulated_days": self.simulated_days,
            "settings": self.settings,
        }


@dataclass(frozen=True)
class PacingEffect:
    """Before and after; a side without figures says why (not created yet, not paced ...)."""

    agents: int
    before: PacingFigures | None
    after: PacingFigures | None
    before_note: str | None = None
    after_note: str | None = None
    cap_percent: float | None = None
    jurisdiction: str | None = None
    """The code of the jurisdiction whose cap binds (the lowest)."""
    period: str | None = None
    """The period that jurisdiction measures abandonment over."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "agents": self.agents,
            "cap_percent": self.cap_percent,
            "jurisdiction": self.jurisdiction,
            "period": self.period,
            "before": None if self.before is None else self.before.to_dict(),
            "after": None if self.after is None else self.after.to_dict(),
            "before_note": self.before_note,
            "after_note": self.after_note,
        }
