"""What a dialer model is given and what it answers: shared by the closed form and the simulator.

Abandon rate follows the regulators' definition (47 CFR 64.1200(a)(7); Ofcom's persistent misuse
policy counts AMD false positives as abandoned calls): (callers who reach no agent within the connect
window + live answers that AMD wrongly classed as machines) / live answers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reconciler.pacing.errors import PacingInputError


class Distribution(StrEnum):
    EXPONENTIAL = "exponential"
    LOGNORMAL = "lognormal"


class PacingMode(StrEnum):
    FIXED = "fixed"
    """Poisson dials at a fixed rate (open loop): the closed form's model."""
    LINES = "lines"
    """k lines ringing per free agent (power k:1); k = 1 is progressive and never abandons."""
    FEEDBACK = "feedback"
    """An abandon-controlled pacer (pacer.py): calls in flight for the agents free now and, with
    look-ahead (predictive), those expected to free within the ring time; never fewer than idle agents."""
    PERSONAL_CONNECTION = "personal-connection"
    """NICE CXone Personal Connection: 1 to `lines_per_agent` (1-3) calls per free agent, ramping up from
    1:1 and back to 1:1 while the measured abandon rate is at or above the target minus the cutoff."""


@dataclass(frozen=True, kw_only=True)
class DialerModel:
    """The floor and the list: agents, handle and ring times, outcomes, AMD, the connect window."""

    agents: int
    handle_seconds: float
    live_rate: float
    handle_distribution: Distribution = Distribution.EXPONENTIAL
    handle_cv: float = 1.0
    """Coefficient of variation of a lognormal handle time (an exponential's is 1)."""
    ring_seconds: float = 10.0
    """Mean time from dial to answer (live or machine). The default follows UNICOM Intelligence's
    analysis of dialer call logs ("most calls are normally answered around six to ten seconds or 18 to
    22 seconds", Interviewer Server architecture, "Call log analysis for the predictive dialing
    algorithms"): lognormal, mean 10 s, CV 0.5, cut off at the no-answer timeout."""
    ring_distribution: Distribution = Distribution.LOGNORMAL
    ring_cv: float = 0.5
    no_answer_timeout_seconds: float = 30.0
    """An unanswered call rings this long before the dialer releases it (Genesys Cloud campaign
    `noAnswerTimeout`, default 30 s; TCPA 47 CFR 64.1200(a)(6) requires at least 15 s)."""
    after_call_seconds: float = 0.0
    """After-call work: an agent stays busy this long after each connected live call."""
    machine_rate: float = 0.0
    """Share of dials answered by an answering machine."""
    amd_false_positive: float = 0.0
    """Share of live answers AMD classes as machines: dropped, and counted as abandoned."""
    amd_false_negative: float = 0.0
    """Share of machine answers AMD passes to agents: they take an agent's time, never count as live."""
    machine_handle_seconds: float = 10.0
    window_seconds: float = 2.0
    """Connect window: a live answer with no agent within it is abandoned (2 s in the US, UK and CA)."""
    max_lines: int | None = None
    """Concurrent lines (ringing, waiting and connected calls); dials beyond it are not placed."""

    def __post_init__(self) -> None:
        if not (isinstance(self.agents, int) and self.agents >= 1):
            raise PacingInputError(f"agents must be a whole number of at least 1 (got {self.agents})")
        for name in (
            "handle_seconds",
            "ring_seconds",
            "machine_handle_seconds",
            "handle_cv",
            "ring_cv",
            "no_answer_timeout_seconds",
        ):
            _positive(name, getattr(self, name))
        if not (self.after_call_seconds >= 0 and math.isfinite(self.after_call_seconds)):
            raise PacingInputError(
                f"after-call work must be finite and >= 0 s (got {self.after_call_seconds})"
            )
        for name in ("live_rate", "machine_rate", "amd_false_positive", "amd_false_negative"):
            _share(name, getattr(self, name))
        if self.live_rate == 0:
            raise PacingInputError("live rate must be above 0: a list nobody answers needs no pacing")
        if self.live_rate + self.machine_rate > 1:
            raise PacingInputError("live rate plus machine rate cannot exceed 1")
        if not (self.window_seconds >= 0 and math.isfinite(self.window_seconds)):
            raise PacingInputError(
                f"the connect window must be finite and >= 0 s (got {self.window_seconds})"
            )
        if self.max_lines is not None and self.max_lines < 1:
            raise PacingInputError(f"max lines must be at least 1 (got {self.max_lines})")


@dataclass(frozen=True, kw_only=True)
class Pacing:
    mode: PacingMode
    dials_per_minute: float | None = None
    """FIXED: the dial rate."""
    lines_per_agent: float | None = None
    """LINES: k lines per free agent. FEEDBACK: the most calls in flight per expected-free agent (calls
    per agent). PERSONAL_CONNECTION: the maximum ratio (1-3)."""
    abandon_target: float | None = None
    """FEEDBACK, PERSONAL_CONNECTION: the abandon rate (a fraction) the pacer steers toward."""
    abandon_cutoff: float = 0.0
    """PERSONAL_CONNECTION: `abandonRateCutoff` as a fraction, subtracted from the target to give the
    measured rate at which the dialer falls back to 1:1."""
    look_ahead: bool = True
    """FEEDBACK: also dial for busy agents expected to free within a ring time (predictive); False: power."""
    control_seconds: float = 5.0
    """The control tick: the pacer decides on every call event and at least this often."""
    feedback_window_answers: int = 100
    """The rolling window of live answers the measured abandon rate is taken over (Cisco Unified CCX
    `predictiveCorrection`, default 100 live answers)."""

    def __post_init__(self) -> None:
        rate = self.dials_per_minute
        if self.mode is PacingMode.FIXED and (rate is None or not (math.isfinite(rate) and rate >= 0)):
            raise PacingInputError("fixed pacing needs a dial rate >= 0 per minute (--dials-per-minute)")
        if self.mode is PacingMode.LINES and (self.lines_per_agent is None or self.lines_per_agent < 1):
            raise PacingInputError("lines pacing needs at least 1 line per free agent")
        if self.mode is PacingMode.FEEDBACK:
            if self.abandon_target is None or not 0 < self.abandon_target < 1:
                raise PacingInputError("feedback pacing needs an abandon target between 0 and 1 (0.03 = 3 %)")
            if self.lines_per_agent is not None and self.lines_per_agent < 1:
                raise PacingInputError("calls per agent must be at least 1")
        if self.mode is PacingMode.PERSONAL_CONNECTION:
            if self.abandon_target is None or not 0 < self.abandon_target < 1:
                raise PacingInputError(
                    "Personal Connection pacing needs an abandon threshold between 0 and 1"
                )
            if self.lines_per_agent is None or not 1 <= self.lines_per_agent <= 3:
                raise PacingInputError(
                    "Personal Connection's maximum ratio (--lines-per-agent) is 1 to 3 calls per agent"
                )
            if not 0 <= self.abandon_cutoff < 1:
                raise PacingInputError(
                    f"the abandon cutoff must be between 0 and 1 (got {self.abandon_cutoff})"
                )
        _positive("control_seconds", self.control_seconds)
        if self.feedback_window_answers < 1:
            raise PacingInputError(
                f"the feedback window needs at least 1 live answer (got {self.feedback_window_answers})"
            )


@dataclass(frozen=True)
class DialerResult:
    """One model's answer. `abandon_rate_ci` is a 95 % interval (the exact value twice for a closed form)."""

    abandon_rate: float
    abandon_rate_ci: tuple[float, float]
    utilization: float
    dials_per_minute: float
    live_answers_per_minute: float
    replications: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "abandon_rate": self.abandon_rate,
            "abandon_rate_ci": list(self.abandon_rate_ci),
            "utilization": self.utilization,
            "dials_per_minute": self.dials_per_minute,
            "live_answers_per_minute": self.live_answers_per_minute,
        }


def _positive(name: str, value: float) -> None:
    if not (math.isfinite(value) and value > 0):
        raise PacingInputError(f"{name.replace('_', ' ')} must be a finite number above 0 (got {value})")


def _share(name: str, value: float) -> None:
    if not 0 <= value <= 1:
        raise PacingInputError(f"{name.replace('_', ' ')} must be between 0 and 1 (got {value})")
