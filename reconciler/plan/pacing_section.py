"""The plan's `pacing` section of a campaign or skill change: what the pacing model predicts before (live
settings) and after (declared settings), with the cap and the period it is measured over. Information,
not a finding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reconciler.pacing.predict import Prediction


@dataclass(frozen=True)
class PacingFigures:
    """One side's prediction and the inputs it is for (as PACING-ABANDON describes them)."""

    prediction: Prediction
    settings: str

    def to_dict(self) -> dict[str, Any]:
        low, high = self.prediction.abandon_rate_ci
        return {
            "abandon_rate": round(self.prediction.abandon_rate, 6),
            "abandon_rate_ci": [round(max(low, 0.0), 6), round(min(high, 1.0), 6)],
            "utilization": round(self.prediction.utilization, 6),
            "connects_per_agent_hour": round(self.prediction.connects_per_agent_hour, 4),
            "simulated_days": self.prediction.days,
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
