"""A discrete-event outbound dialer: one heap of timed events, seeded randomness, replications.

A dial rings for a random time, then is a live answer (probability p), an answering machine, or no
answer. AMD drops a share of live answers as machines (false positives: abandoned) and passes a share
of machines to agents (false negatives: agent time lost). A live answer takes a free agent at once,
or waits at most the connect window for one, or is abandoned. Pacing decides when to dial
(dialer.PacingMode): fixed Poisson rate, k lines per free agent, or feedback toward an abandon target.

Each replication is one independent day with its own random stream, drawn from `random.Random(seed)`,
so a seed gives the same figures on every machine; the abandon rate's 95 % interval is over
replications.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from reconciler.pacing.dialer import DialerModel, DialerResult, Distribution, Pacing, PacingMode
from reconciler.pacing.errors import PacingInputError
from reconciler.pacing.statistics import mean_interval

DIAL, OUTCOME, AGENT_FREE, TIMEOUT, CONTROL = range(5)
LIVE, MACHINE, NO_ANSWER = range(3)
FEEDBACK_GAIN = 0.02
"""Per control step the lines-per-agent ratio moves by exp(gain * relative abandon error), at most ±20 %.
Small on purpose: the window's abandon count is noisy, and a fast controller swings into bursts of
abandons and idle agents (tried: gain 0.2 and 0.5 doubled the abandon rate of a 24-agent floor)."""


@dataclass(frozen=True)
class Day:
    """Tallies of one replication, after the warm-up."""

    seconds: float
    dials: int
    blocked: int
    live: int
    abandoned: int
    amd_dropped: int
    busy_agent_seconds: float
    agents: int

    @property
    def abandon_rate(self) -> float:
        return (self.abandoned + self.amd_dropped) / self.live if self.live else 0.0

    @property
    def utilization(self) -> float:
        return self.busy_agent_seconds / (self.agents * self.seconds)


@dataclass(frozen=True)
class Simulation:
    days: list[Day]
    result: DialerResult


def sampler(rng: random.Random, distribution: Distribution, mean: float, cv: float) -> Callable[[], float]:
    if distribution is Distribution.EXPONENTIAL:
        rate = 1 / mean
        return lambda: rng.expovariate(rate)
    sigma = math.sqrt(math.log1p(cv * cv))
    mu = math.log(mean) - sigma * sigma / 2
    return lambda: rng.lognormvariate(mu, sigma)


class _Day:
    """The mutable state of one simulated day."""

    def __init__(
        self, model: DialerModel, pacing: Pacing, rng: random.Random, *, horizon: float, warmup: float
    ) -> None:
        self.model, self.pacing, self.rng = model, pacing, rng
        self.horizon, self.warmup = horizon, warmup
        self.handle = sampler(rng, model.handle_distribution, model.handle_seconds, model.handle_cv)
        self.ring = sampler(rng, model.ring_distribution, model.ring_seconds, model.ring_cv)
        self.events: list[tuple[float, int, int, int]] = []
        self.sequence = itertools.count()
        self.idle = model.agents
        self.ringing = 0
        self.lines = 0
        self.waiting: deque[tuple[int, float, bool]] = deque()  # (caller id, answered at, live)
        self.caller_ids = itertools.count()
        self.last = 0.0
        self.dials = self.blocked = self.live = self.abandoned = self.amd_dropped = 0
        self.busy_seconds = 0.0
        self.ratio = self._initial_ratio()
        self.window: deque[tuple[int, int]] = deque()
        self.bucket_live = self.bucket_abandoned = 0
        look = 1 - math.exp(-model.ring_seconds / model.handle_seconds)
        self.soon_free_share = look if pacing.look_ahead else 0.0
        self.dial_rate = (pacing.dials_per_minute or 0.0) / 60

    def _initial_ratio(self) -> float:
        pacing, model = self.pacing, self.model
        if pacing.mode is PacingMode.LINES:
            return float(pacing.lines_per_agent or 1)
        needs_agent = model.live_rate * (1 - model.amd_false_positive) + model.machine_rate * (
            model.amd_false_negative
        )
        return min(1 / needs_agent, self._ratio_cap())

    def _ratio_cap(self) -> float:
        return self.pacing.lines_per_agent or math.inf

    def push(self, time: float, kind: int, data: int = 0) -> None:
        heapq.heappush(self.events, (time, next(self.sequence), kind, data))

    def run(self) -> Day:
        pacing = self.pacing
        if pacing.mode is PacingMode.FIXED:
            if self.dial_rate > 0:
                self.push(self.rng.expovariate(self.dial_rate), DIAL)
        else:
            if pacing.mode is PacingMode.FEEDBACK:
                self.push(pacing.control_seconds, CONTROL)
            self.top_up(0.0)
        handlers = (self.on_dial, self.on_outcome, self.on_agent_free, self.on_timeout, self.on_control)
        events = self.events
        while events and events[0][0] <= self.horizon:
            now, _, kind, data = heapq.heappop(events)
            self.account(now)
            handlers[kind](now, data)
        self.account(self.horizon)
        return Day(
            seconds=self.horizon - self.warmup,
            dials=self.dials,
            blocked=self.blocked,
            live=self.live,
            abandoned=self.abandoned,
            amd_dropped=self.amd_dropped,
            busy_agent_seconds=self.busy_seconds,
            agents=self.model.agents,
        )

    def account(self, now: float) -> None:
        start = self.last if self.last > self.warmup else self.warmup
        if now > start:
            self.busy_seconds += (self.model.agents - self.idle) * (now - start)
        self.last = now

    def place_call(self, now: float) -> bool:
        model = self.model
        if model.max_lines is not None and self.lines >= model.max_lines:
            if now >= self.warmup:
                self.blocked += 1
            return False
        if now >= self.warmup:
            self.dials += 1
        draw = self.rng.random()
        outcome = (
            LIVE
            if draw < model.live_rate
            else MACHINE
            if draw < model.live_rate + model.machine_rate
            else NO_ANSWER
        )
        self.ringing += 1
        self.lines += 1
        self.push(now + self.ring(), OUTCOME, outcome)
        return True

    def on_dial(self, now: float, _: int) -> None:
        self.place_call(now)
        self.push(now + self.rng.expovariate(self.dial_rate), DIAL)

    def on_outcome(self, now: float, outcome: int) -> None:
        model, counted = self.model, now >= self.warmup
        self.ringing -= 1
        if outcome == LIVE:
            if counted:
                self.live += 1
            if model.amd_false_positive and self.rng.random() < model.amd_false_positive:
                self.amd_dropped += counted
                self.bucket_abandoned += 1
                self.lines -= 1
            else:
                self.connect(now, live=True)
        elif outcome == MACHINE and model.amd_false_negative and self.rng.random() < model.amd_false_negative:
            self.connect(now, live=False)
        else:
            self.lines -= 1
        if outcome == LIVE:
            self.bucket_live += 1
        self.top_up(now)

    def connect(self, now: float, *, live: bool) -> None:
        if self.idle:
            self.idle -= 1
            self.serve(now, live=live)
        elif self.model.window_seconds > 0:
            caller = next(self.caller_ids)
            self.waiting.append((caller, now, live))
            self.push(now + self.model.window_seconds, TIMEOUT, caller)
        else:
            self.drop(now, live=live)

    def serve(self, now: float, *, live: bool) -> None:
        duration = self.handle() if live else self.model.machine_handle_seconds
        self.push(now + duration, AGENT_FREE)

    def drop(self, answered: float, *, live: bool) -> None:
        self.lines -= 1
        if live:
            self.bucket_abandoned += 1
            if answered >= self.warmup:
                self.abandoned += 1

    def on_agent_free(self, now: float, _: int) -> None:
        self.lines -= 1
        if self.waiting:
            self.serve(now, live=self.waiting.popleft()[2])
        else:
            self.idle += 1
        self.top_up(now)

    def on_timeout(self, now: float, caller: int) -> None:
        # every caller waits the same window, so a caller still waiting at its deadline is at the front
        if self.waiting and self.waiting[0][0] == caller:
            _, answered, live = self.waiting.popleft()
            self.drop(answered, live=live)
            self.top_up(now)

    def on_control(self, now: float, _: int) -> None:
        pacing = self.pacing
        self.window.append((self.bucket_live, self.bucket_abandoned))
        self.bucket_live = self.bucket_abandoned = 0
        while len(self.window) * pacing.control_seconds > pacing.feedback_window_seconds:
            self.window.popleft()
        live = sum(item[0] for item in self.window)
        if live:
            target = pacing.abandon_target or 0.0
            observed = sum(item[1] for item in self.window) / live
            step = max(-0.2, min(0.2, FEEDBACK_GAIN * (target - observed) / target))
            self.ratio = min(self._ratio_cap(), max(0.1, self.ratio * math.exp(step)))
        self.push(now + pacing.control_seconds, CONTROL)

    def top_up(self, now: float) -> None:
        mode = self.pacing.mode
        if mode is PacingMode.FIXED:
            return
        busy = self.model.agents - self.idle
        expected_free = self.idle + busy * self.soon_free_share if mode is PacingMode.FEEDBACK else self.idle
        wanted = math.floor(self.ratio * expected_free + 1e-9)
        while self.ringing < wanted and self.place_call(now):
            pass


def simulate(
    model: DialerModel,
    pacing: Pacing,
    *,
    hours: float = 8.0,
    replications: int = 5,
    seed: int = 0,
    warmup_seconds: float = 0.0,
) -> Simulation:
    """Simulate `replications` independent days of `hours` each (statistics after `warmup_seconds`)."""
    if not (math.isfinite(hours) and hours > 0):
        raise PacingInputError(f"hours must be above 0 (got {hours})")
    if replications < 1:
        raise PacingInputError(f"replications must be at least 1 (got {replications})")
    horizon = warmup_seconds + hours * 3600
    streams = random.Random(seed)
    days = [
        _Day(
            model, pacing, random.Random(streams.getrandbits(64)), horizon=horizon, warmup=warmup_seconds
        ).run()
        for _ in range(replications)
    ]
    rate, interval = mean_interval([day.abandon_rate for day in days])
    minutes = sum(day.seconds for day in days) / 60
    result = DialerResult(
        abandon_rate=rate,
        abandon_rate_ci=interval if interval is not None else (rate, rate),
        utilization=sum(day.utilization for day in days) / len(days),
        dials_per_minute=sum(day.dials for day in days) / minutes,
        live_answers_per_minute=sum(day.live for day in days) / minutes,
        replications=replications,
    )
    return Simulation(days=days, result=result)
