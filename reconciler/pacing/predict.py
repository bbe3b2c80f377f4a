"""What a campaign's dialer settings predict for its declared staffing: the PACING-ABANDON model.

The settings map onto the simulator (simulator.py) as follows:
- progressive: one line per free agent, which never abandons (no simulation needed);
- power: lines per *free* agent, steered by feedback toward the abandon target;
- predictive: lines per free agent *and* per busy agent expected to free within a ring time, steered
  by feedback toward the abandon target (this look-ahead is what makes predictive dialing abandon);
- calls per agent caps the lines per agent, the line count caps concurrent lines, and the connect
  window is the platform's abandon threshold (2 s by default).
Calls ring 15 s on average (exponential), handle times are exponential around the declared mean.
The figure is the mean over `DAYS` simulated 8-hour days on fixed seeds, so the same manifest always
gets the same prediction; results are cached per settings, so a run with many campaigns alike pays once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from reconciler.pacing.dialer import DialerModel, Pacing, PacingMode
from reconciler.pacing.simulator import simulate

DAYS = 10
HOURS = 8.0
SEED = 20240611


def percent(share: float) -> str:
    """0.0283 -> '2.83 %' (the house style puts a space before %)."""
    return f"{share * 100:.2f} %"


class DialingMode(StrEnum):
    PROGRESSIVE = "progressive"
    POWER = "power"
    PREDICTIVE = "predictive"


@dataclass(frozen=True, kw_only=True)
class DialerSettings:
    """A campaign's pacing inputs. `abandon_target` is a fraction (0.025 = 2.5 %)."""

    mode: DialingMode
    agents: int
    handle_seconds: float
    live_rate: float
    abandon_target: float
    calls_per_agent: float | None = None
    line_count: int | None = None
    window_seconds: float = 2.0
    no_answer_timeout_seconds: float | None = None
    """How long an unanswered call rings before the dialer gives up (a campaign's no-answer timeout)."""
    machine_rate: float = 0.0
    """Share of dials answered by an answering machine."""
    amd_false_positive: float = 0.0
    """Share of live answers AMD classes as machines (dropped; regulators count them as abandoned)."""
    amd_false_negative: float = 0.0
    """Share of machines AMD passes to an agent."""
    after_call_seconds: float = 0.0
    """After-call work an agent does after each connected call, before the next one."""

    def describe(self) -> str:
        """The inputs, as a reader of the finding needs them."""
        parts = [
            f"{self.mode} pacing toward a {percent(self.abandon_target)} target"
            if self.mode is not DialingMode.PROGRESSIVE
            else "progressive pacing",
            f"{self.agents} agents",
            f"{self.handle_seconds:g} s handle time",
            f"{self.live_rate * 100:g} % live answers",
            "no calls-per-agent cap"
            if self.calls_per_agent is None
            else f"at most {self.calls_per_agent:g} calls per agent",
            "no line limit" if self.line_count is None else f"{self.line_count} lines",
            f"{self.window_seconds:g} s connect window",
        ]
        return ", ".join(parts)


@dataclass(frozen=True)
class Prediction:
    abandon_rate: float
    abandon_rate_ci: tuple[float, float]
    utilization: float
    days: int
    connects_per_agent_hour: float = 0.0
    """Live answers that reached an agent, per staffed agent-hour."""


def predict(settings: DialerSettings) -> Prediction:
    if settings.mode is DialingMode.PROGRESSIVE:
        return Prediction(abandon_rate=0.0, abandon_rate_ci=(0.0, 0.0), utilization=0.0, days=0)
    return _simulated(settings)


@lru_cache(maxsize=256)
def _simulated(settings: DialerSettings) -> Prediction:
    model = DialerModel(
        agents=settings.agents,
        handle_seconds=settings.handle_seconds,
        live_rate=settings.live_rate,
        window_seconds=settings.window_seconds,
        max_lines=settings.line_count,
        machine_rate=settings.machine_rate,
        amd_false_positive=settings.amd_false_positive,
        amd_false_negative=settings.amd_false_negative,
    )
    pacing = Pacing(
        mode=PacingMode.FEEDBACK,
        abandon_target=settings.abandon_target,
        lines_per_agent=settings.calls_per_agent,
        look_ahead=settings.mode is DialingMode.PREDICTIVE,
    )
    result = simulate(model, pacing, hours=HOURS, replications=DAYS, seed=SEED).result
    return Prediction(
        abandon_rate=result.abandon_rate,
        abandon_rate_ci=result.abandon_rate_ci,
        utilization=result.utilization,
        days=DAYS,
        connects_per_agent_hour=result.live_answers_per_minute
        * (1 - result.abandon_rate)
        * 60
        / settings.agents,
    )
