"""How many calls a dialer wants in flight: the abandon-controlled pacer and CXone Personal Connection.

The controlled pacer (predictive and power) follows the pattern the public sources share:
- it starts at 1:1 and ramps up (NICE CXone Personal Connection: "begins by dialing one call per agent
  and gradually increases the number of call attempts per agent"; Genesys Engage OCS `history_length`);
- it never has fewer calls in flight than idle agents, so it never stalls (when over target it slows
  toward 1:1, it does not stop);
- it estimates which busy agents will free within the ring time from their time in call (EIS
  International, US 5,640,445 and US 5,926,528: "the sum of the weights is the predicted number of
  engaged agents that will become free"; Genesys PureConnect Interaction Dialer pacing "estimate[s]
  when each agent will finish the current call"); power dialing counts idle agents only;
- it dials while the expected overflow of the calls in flight (answers beyond the agents free now or
  soon, a normal approximation of the binomial answers minus the binomial frees) stays within an
  allowed share of their expected answers;
- it corrects that share from the measured abandon rate over a rolling window of live answers (Cisco
  Unified CCX `predictiveCorrection`: the live answers considered per iteration, default 100; Amazon
  Connect `AbandonmentRatePacingConfig`: "adjusts its dialing rate to keep the call abandonment rate at
  or below the target rate"), with integral action, so the pooled rate settles at the target rather
  than at a multiple of it.
"""

from __future__ import annotations

import math
from collections import deque

SQRT2 = math.sqrt(2.0)
INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)
CORRECTION_PER_ABANDON = 0.5
"""The integral gain: each live answer moves log(allowed share) by this x (target - the window's abandon
rate), so an abandon costs this much in log units over the window and a clean answer earns target x
this. Tuned on the benchmark grid (bench/pacing_grid.py): no source publishes a gain (Cisco's
`predictiveGain` is a setting)."""
SHARE_BOUNDS = (1e-5, 0.5)
START_SHARE = 0.25
"""The allowed overflow share starts at a quarter of the target and earns its way up: a conservative
start costs some unused abandon budget, an eager one costs abandons above the target."""
RAMP_PER_LIVE_ANSWER = 0.05
"""The ramp: the calls-per-agent ceiling starts at 1 and rises by one for every 20 live answers
(assumed; CXone and Genesys describe a gradual ramp but publish no rate; Convoso's drop-rate control
"won't kick in until 20 calls are placed")."""
PERSONAL_CONNECTION_STEP_PER_MINUTE = 0.1
"""Personal Connection raises its ratio by this much per minute while under the cutoff (assumed: NICE
documents a gradual increase, not its rate)."""


class AbandonWindow:
    """The last `size` live answers the dialer saw, abandoned or connected."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.outcomes: deque[bool] = deque()
        self.abandons = 0

    def record(self, abandoned: bool) -> float:
        """Add one live answer; the window's abandon rate."""
        outcomes = self.outcomes
        outcomes.append(abandoned)
        self.abandons += abandoned
        if len(outcomes) > self.size:
            self.abandons -= outcomes.popleft()
        return self.abandons / len(outcomes)

    @property
    def rate(self) -> float | None:
        return self.abandons / len(self.outcomes) if self.outcomes else None


class ControlledPacer:
    """Predictive (look-ahead) or power pacing toward an abandon target, see the module docstring."""

    def __init__(self, *, target: float, answer_share: float, calls_per_agent: float | None, window: int):
        self.target = target
        self.answer_share = answer_share
        self.ceiling = calls_per_agent if calls_per_agent is not None else math.inf
        self.window = AbandonWindow(window)
        self.share = target * START_SHARE
        self.log_share = math.log(self.share)
        self.live_seen = 0

    def record(self, abandoned: bool) -> None:
        """A live answer the dialer saw connect or abandon: integral correction of the allowed share."""
        rate = self.window.record(abandoned)
        self.live_seen += 1
        low, high = SHARE_BOUNDS
        step = CORRECTION_PER_ABANDON * (self.target - rate)
        self.log_share = min(math.log(high), max(math.log(low), self.log_share + step))
        self.share = math.exp(self.log_share)

    def wanted(
        self, idle: int, waiting: int, ringing: int, freeing_mean: float, freeing_variance: float
    ) -> int:
        """Calls the pacer wants in flight now (it cannot recall calls already ringing): the most whose
        expected overflow E[(answers - (idle - waiting) - frees)+] stays within the allowed share of their
        expected answers; answers ~ Binomial(calls, answer share), frees with the given mean and
        variance, by the normal approximation (its partial expectation in closed form)."""
        ratio = min(self.ceiling, 1 + self.live_seen * RAMP_PER_LIVE_ANSWER)
        cap = max(idle, math.floor(ratio * (idle + freeing_mean) + 1e-9))
        calls = ringing if ringing > idle else idle
        answer, free_now = self.answer_share, idle - waiting
        spread_per_call, allowed = answer * (1 - answer), self.share * answer
        exp, erfc, sqrt = math.exp, math.erfc, math.sqrt
        while calls < cap:  # expected_overflow, inlined: this loop runs on every call event
            following = calls + 1
            variance = following * spread_per_call + freeing_variance
            gap = free_now - following * answer + freeing_mean
            if variance > 0:
                spread = sqrt(variance)
                z = gap / spread
                overflow = spread * (exp(-z * z / 2) * INV_SQRT_2PI - z * 0.5 * erfc(z / SQRT2))
            else:
                overflow = -gap if gap < 0 else 0.0
            if overflow > allowed * following:
                break
            calls = following
        return calls


class PersonalConnectionPacer:
    """CXone Personal Connection predictive: 1 to `maximum_ratio` calls per free agent; 1:1 at the start
    and whenever the measured abandon rate reaches the threshold minus `abandonRateCutoff` (NICE CXone
    Admin API, skill general settings: "value subtracted from Abandon Rate Threshold to determine when
    the system limits calling to 1:1")."""

    def __init__(self, *, threshold: float, cutoff: float, maximum_ratio: float, window: int) -> None:
        self.fallback = threshold - cutoff
        self.maximum_ratio = maximum_ratio
        self.window = AbandonWindow(window)
        self.ratio = 1.0

    def record(self, abandoned: bool) -> None:
        if self.window.record(abandoned) >= self.fallback:
            self.ratio = 1.0

    def tick(self, seconds: float) -> None:
        rate = self.window.rate
        if self.fallback <= 0 or (rate is not None and rate >= self.fallback):
            self.ratio = 1.0
        else:
            step = PERSONAL_CONNECTION_STEP_PER_MINUTE * seconds / 60
            self.ratio = min(self.maximum_ratio, self.ratio + step)

    def wanted(self, idle: int) -> int:
        return max(idle, math.floor(self.ratio * idle + 1e-9))
