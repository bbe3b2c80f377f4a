"""What a campaign's dialer settings predict for its declared staffing: the pacing model of issue #15.

The settings map onto the simulator (simulator.py, pacer.py), one documented policy per dialing mode:
- progressive: one call per free agent (Genesys Cloud "Progressive"; CXone maximum ratio 1), which never
  abandons; its utilization is simulated too, so a predictive figure can be compared with it;
- power: the abandon-controlled pacer dialing for the agents free now (Genesys Cloud "Power");
- predictive: the same pacer, also dialing for the busy agents expected to free within the ring time,
  from their time in call (Genesys Cloud "Predictive"; EIS US 5,640,445; Genesys PureConnect pacing);
- CXone Personal Connection (`policy=PERSONAL_CONNECTION`): 1 to `calls_per_agent` (the skill's
  maximumRatio, 1-3) calls per free agent, starting at 1:1 and ramping up, back to 1:1 while the
  measured abandon rate is at or above `abandon_target` (abandonRateThreshold) minus `abandon_cutoff`
  (abandonRateCutoff) (NICE CXone help, Personal Connection "Set up agent dialing"; Admin API skill
  general settings).
Every controlled pacer starts at 1:1 and ramps up, never has fewer calls in flight than idle agents, and
corrects itself from the abandon rate over its last 100 live answers (Cisco Unified CCX
`predictiveCorrection` default). Calls per agent caps the calls in flight per free or soon-free agent,
the line count caps concurrent lines, the connect window is the platform's abandon threshold (2 s).

The call model: answers ring a lognormal time (mean 10 s, CV 0.5: UNICOM Intelligence's dialer call
log analysis, "most calls are normally answered around six to ten seconds") cut off at the no-answer
timeout (`no_answer_timeout_seconds`, Genesys Cloud's default 30 s when unset), unanswered calls ring
the whole timeout; answering machines with AMD false positives (counted as abandoned: Ofcom, 47 CFR
64.1200(a)(7)) and false negatives (10 s of agent time each); handle times exponential, or lognormal
with `handle_cv`; `after_call_seconds` of after-call work after each connected call.

The figures pool `DAYS` simulated 8-hour days on fixed seeds: abandon rate = Σ abandoned / Σ live
answers (the regulators' one ratio per period), its 95 % ratio-estimator interval clamped to [0, 1].
The same manifest always gets the same prediction; results are cached per settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from reconciler.pacing.dialer import DialerModel, Distribution, Pacing, PacingMode
from reconciler.pacing.simulator import simulate

DAYS = 10
HOURS = 8.0
SEED = 20240611
DEFAULT_NO_ANSWER_SECONDS = 30.0
"""Genesys Cloud's campaign `noAnswerTimeout` when none is set (developer.genesys.cloud, Campaign)."""


def percent(share: float) -> str:
    """0.0283 -> '2.83 %' (the house style puts a space before %)."""
    return f"{share * 100:.2f} %"


class DialingMode(StrEnum):
    PROGRESSIVE = "progressive"
    POWER = "power"
    PREDICTIVE = "predictive"


class PacingPolicy(StrEnum):
    """Whose pacing algorithm a predictive or power mode follows."""

    CONTROLLED = "controlled"
    """The abandon-controlled pacer (Genesys Cloud; the default)."""
    PERSONAL_CONNECTION = "personal-connection"
    """NICE CXone Personal Connection: ratio 1 to `calls_per_agent`, 1:1 at threshold minus cutoff."""


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
    handle_cv: float | None = None
    """None: exponential handle times; a number: lognormal handle times with this coefficient of variation."""
    policy: PacingPolicy = PacingPolicy.CONTROLLED
    abandon_cutoff: float = 0.0
    """PERSONAL_CONNECTION: abandonRateCutoff as a fraction; the dialer falls back to 1:1 at
    `abandon_target` (the skill's abandonRateThreshold) minus this."""

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
        if self.no_answer_timeout_seconds is not None:
            parts.append(f"{self.no_answer_timeout_seconds:g} s no-answer timeout")
        if self.machine_rate:
            parts.append(
                f"{self.machine_rate * 100:g} % machines (AMD {self.amd_false_positive * 100:g} % false "
                f"positives, {self.amd_false_negative * 100:g} % false negatives)"
            )
        elif self.amd_false_positive:
            parts.append(f"AMD {self.amd_false_positive * 100:g} % false positives")
        if self.after_call_seconds:
            parts.append(f"{self.after_call_seconds:g} s after-call work")
        if self.handle_cv is not None:
            parts.append(f"lognormal handle times (CV {self.handle_cv:g})")
        if self.policy is PacingPolicy.PERSONAL_CONNECTION and self.mode is not DialingMode.PROGRESSIVE:
            parts.append(
                f"Personal Connection falling back to 1:1 at a {percent(self.fallback)} abandon rate"
            )
        return ", ".join(parts)

    @property
    def fallback(self) -> float:
        """PERSONAL_CONNECTION: the measured abandon rate at which the dialer falls back to 1:1."""
        return self.abandon_target - self.abandon_cutoff


@dataclass(frozen=True)
class Prediction:
    abandon_rate: float
    """Pooled over the simulated days: Σ abandoned (AMD false positives included) / Σ live answers."""
    abandon_rate_ci: tuple[float, float]
    """95 % interval of the pooled rate (ratio estimator over days), within [0, 1]."""
    utilization: float
    days: int
    connects_per_agent_hour: float = 0.0
    """Live answers that reached an agent, per staffed agent-hour."""
    live_answers: int = 0
    """Live answers over all simulated days: the sample the pooled rate rests on."""
    hours: float = HOURS
    """Length of each simulated day."""


def predict(settings: DialerSettings) -> Prediction:
    """The pooled figures of `DAYS` simulated days of these settings (deterministic, cached)."""
    return _simulated(settings)


def model_of(settings: DialerSettings) -> DialerModel:
    return DialerModel(
        agents=settings.agents,
        handle_seconds=settings.handle_seconds,
        live_rate=settings.live_rate,
        handle_distribution=Distribution.EXPONENTIAL
        if settings.handle_cv is None
        else Distribution.LOGNORMAL,
        handle_cv=1.0 if settings.handle_cv is None else settings.handle_cv,
        window_seconds=settings.window_seconds,
        max_lines=settings.line_count,
        machine_rate=settings.machine_rate,
        amd_false_positive=settings.amd_false_positive,
        amd_false_negative=settings.amd_false_negative,
        no_answer_timeout_seconds=DEFAULT_NO_ANSWER_SECONDS
        if settings.no_answer_timeout_seconds is None
        else settings.no_answer_timeout_seconds,
        after_call_seconds=settings.after_call_seconds,
    )


def pacing_of(settings: DialerSettings) -> Pacing:
    """The policy the settings' mode and platform document (see the module docstring)."""
    if settings.mode is DialingMode.PROGRESSIVE:
        return Pacing(mode=PacingMode.LINES, lines_per_agent=1)
    if settings.policy is PacingPolicy.PERSONAL_CONNECTION:
        return Pacing(
            mode=PacingMode.PERSONAL_CONNECTION,
            abandon_target=settings.abandon_target,
            abandon_cutoff=settings.abandon_cutoff,
            lines_per_agent=settings.calls_per_agent or 1.0,
        )
    return Pacing(
        mode=PacingMode.FEEDBACK,
        abandon_target=settings.abandon_target,
        lines_per_agent=settings.calls_per_agent,
        look_ahead=settings.mode is DialingMode.PREDICTIVE,
    )


@lru_cache(maxsize=256)
def _simulated(settings: DialerSettings) -> Prediction:
    simulation = simulate(model_of(settings), pacing_of(settings), hours=HOURS, replications=DAYS, seed=SEED)
    result, days = simulation.result, simulation.days
    connected = sum(day.live - day.abandoned - day.amd_dropped for day in days)
    agent_hours = sum(day.agents * day.seconds for day in days) / 3600
    return Prediction(
        abandon_rate=result.abandon_rate,
        abandon_rate_ci=result.abandon_rate_ci,
        utilization=result.utilization,
        days=DAYS,
        connects_per_agent_hour=connected / agent_hours,
        live_answers=sum(day.live for day in days),
    )
