"""A discrete-event outbound dialer: one heap of timed events, seeded randomness, replications.

The call model: a dial is a live answer (probability p), an answering machine, or no answer. Answers
come after a ring time drawn from the model's distribution, cut off at the no-answer timeout; a call
nobody answers rings the full timeout and is released. AMD drops a share of live answers as machines
(false positives: abandoned) and passes a share of machines to agents (false negatives: agent time
lost). A live answer takes a free agent at once, or waits at most the connect window for one, or is
abandoned. A connected call holds its agent for a handle time, then for the after-call work.

Pacing (dialer.PacingMode): a fixed Poisson rate, k lines per free agent, the abandon-controlled pacer
or CXone Personal Connection (pacer.py). Paced modes decide on every call event and on a control tick.

Each replication is one independent day with its own random stream, drawn from `random.Random(seed)`,
so a seed gives the same figures on every machine. The abandon rate is pooled over the days
(Σ abandoned / Σ live answers) with a ratio-estimator interval (statistics.pooled_ratio).
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from statistics import NormalDist

from reconciler.pacing.dialer import DialerModel, DialerResult, Distribution, Pacing, PacingMode
from reconciler.pacing.errors import PacingInputError
from reconciler.pacing.pacer import ControlledPacer, PersonalConnectionPacer
from reconciler.pacing.statistics import pooled_ratio

DIAL, OUTCOME, CALL_END, MACHINE_END, WRAP_END, TIMEOUT, CONTROL = range(7)
LIVE, LIVE_DROPPED, MACHINE, MACHINE_PASSED, NO_ANSWER = range(5)
"""Outcomes, AMD's verdict included: drawn at dial time from the dial stream."""
_STANDARD = NormalDist()


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


def _lognormal_parameters(mean: float, cv: float) -> tuple[float, float]:
    sigma = math.sqrt(math.log1p(cv * cv))
    return math.log(mean) - sigma * sigma / 2, sigma


def sampler(rng: random.Random, distribution: Distribution, mean: float, cv: float) -> Callable[[], float]:
    if distribution is Distribution.EXPONENTIAL:
        rate = 1 / mean
        return lambda: rng.expovariate(rate)
    mu, sigma = _lognormal_parameters(mean, cv)
    return lambda: rng.lognormvariate(mu, sigma)


def answer_sampler(
    rng: random.Random, distribution: Distribution, mean: float, cv: float, timeout: float
) -> Callable[[], float]:
    """Ring time of an answered call: the distribution conditioned on answering before the timeout
    (inverse transform of the truncated distribution)."""
    if distribution is Distribution.EXPONENTIAL:
        reach = -math.expm1(-timeout / mean)
        return lambda: -mean * math.log1p(-rng.random() * reach)
    mu, sigma = _lognormal_parameters(mean, cv)
    reach = _STANDARD.cdf((math.log(timeout) - mu) / sigma)
    inverse = _STANDARD.inv_cdf
    return lambda: math.exp(mu + sigma * inverse(max(rng.random() * reach, 1e-12)))


def _frees_within(distribution: Distribution, mean: float, cv: float) -> Callable[[float, float], float]:
    """P(a handle time ends within `horizon` | it has lasted `elapsed`): EIS's time-in-call weight."""
    if distribution is Distribution.EXPONENTIAL:
        return lambda _elapsed, horizon: -math.expm1(-horizon / mean) if horizon > 0 else 0.0
    mu, sigma = _lognormal_parameters(mean, cv)
    cdf = _STANDARD.cdf

    def weight(elapsed: float, horizon: float) -> float:
        if horizon <= 0:
            return 0.0
        done = cdf((math.log(elapsed) - mu) / sigma) if elapsed > 0 else 0.0
        later = cdf((math.log(elapsed + horizon) - mu) / sigma)
        return (later - done) / (1 - done) if done < 1 else 1.0

    return weight


class _Day:
    """The mutable state of one simulated day."""

    def __init__(
        self, model: DialerModel, pacing: Pacing, rng: random.Random, *, horizon: float, warmup: float
    ) -> None:
        # common random numbers: the k-th dial and the k-th connect get the same draws whatever the
        # pacing, so two pacers on one seed differ by their decisions, not by their luck
        self.model, self.pacing = model, pacing
        self.rng = random.Random(rng.getrandbits(64))
        self.dial_rng = random.Random(rng.getrandbits(64))
        handle_rng = random.Random(rng.getrandbits(64))
        self.horizon, self.warmup = horizon, warmup
        self.handle = sampler(handle_rng, model.handle_distribution, model.handle_seconds, model.handle_cv)
        self.answer = answer_sampler(
            self.dial_rng,
            model.ring_distribution,
            model.ring_seconds,
            model.ring_cv,
            model.no_answer_timeout_seconds,
        )
        self.events: list[tuple[float, int, int, int]] = []
        self.sequence = itertools.count()
        self.idle = model.agents
        self.ringing = 0
        self.lines = 0
        self.waiting: deque[tuple[int, float, bool]] = deque()  # (caller id, answered at, live)
        self.caller_ids = itertools.count()
        self.in_call: dict[int, float] = {}  # call id -> start, for live calls with an agent
        self.machine_ends: deque[float] = deque()
        self.wrap_ends: deque[float] = deque()
        self.last = 0.0
        self.dials = self.blocked = self.live = self.abandoned = self.amd_dropped = 0
        self.busy_seconds = 0.0
        self.dial_rate = (pacing.dials_per_minute or 0.0) / 60
        self.look_ahead = model.ring_seconds + model.window_seconds
        self.frees_within = _frees_within(model.handle_distribution, model.handle_seconds, model.handle_cv)
        self.memoryless = model.handle_distribution is Distribution.EXPONENTIAL
        self.talk_horizon = self.look_ahead - model.after_call_seconds
        self.memoryless_share = self.frees_within(0.0, self.talk_horizon)
        self.controlled: ControlledPacer | None = None
        self.personal: PersonalConnectionPacer | None = None
        target = pacing.abandon_target or 0.0
        if pacing.mode is PacingMode.FEEDBACK:
            answer_share = model.live_rate * (1 - model.amd_false_positive) + (
                model.machine_rate * model.amd_false_negative
            )
            self.controlled = ControlledPacer(
                target=target,
                answer_share=answer_share,
                calls_per_agent=pacing.lines_per_agent,
                window=pacing.feedback_window_answers,
            )
        elif pacing.mode is PacingMode.PERSONAL_CONNECTION:
            self.personal = PersonalConnectionPacer(
                threshold=target,
                cutoff=pacing.abandon_cutoff,
                maximum_ratio=pacing.lines_per_agent or 1.0,
                window=pacing.feedback_window_answers,
            )

    def push(self, time: float, kind: int, data: int = 0) -> None:
        heapq.heappush(self.events, (time, next(self.sequence), kind, data))

    def run(self) -> Day:
        pacing = self.pacing
        if pacing.mode is PacingMode.FIXED:
            if self.dial_rate > 0:
                self.push(self.rng.expovariate(self.dial_rate), DIAL)
        else:
            self.push(pacing.control_seconds, CONTROL)
            self.decide(0.0)
        handlers = (
            self.on_dial,
            self.on_outcome,
            self.on_call_end,
            self.on_machine_end,
            self.on_wrap_end,
            self.on_timeout,
            self.on_control,
        )
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
        draw = self.dial_rng.random()
        if draw < model.live_rate:
            dropped = model.amd_false_positive and self.dial_rng.random() < model.amd_false_positive
            self.push(now + self.answer(), OUTCOME, LIVE_DROPPED if dropped else LIVE)
        elif draw < model.live_rate + model.machine_rate:
            passed = model.amd_false_negative and self.dial_rng.random() < model.amd_false_negative
            self.push(now + self.answer(), OUTCOME, MACHINE_PASSED if passed else MACHINE)
        else:
            self.push(now + model.no_answer_timeout_seconds, OUTCOME, NO_ANSWER)
        self.ringing += 1
        self.lines += 1
        return True

    def on_dial(self, now: float, _: int) -> None:
        self.place_call(now)
        self.push(now + self.rng.expovariate(self.dial_rate), DIAL)

    def on_outcome(self, now: float, outcome: int) -> None:
        self.ringing -= 1
        if outcome in (LIVE, LIVE_DROPPED):
            if now >= self.warmup:
                self.live += 1
            if outcome == LIVE_DROPPED:
                self.amd_dropped += now >= self.warmup  # the dialer took it for a machine: it never knows
                self.lines -= 1
            else:
                self.connect(now, live=True)
        elif outcome == MACHINE_PASSED:
            self.connect(now, live=False)
        else:
            self.lines -= 1
        self.decide(now)

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
        if live:
            self.seen(abandoned=False)
            call = next(self.caller_ids)
            self.in_call[call] = now
            self.push(now + self.handle(), CALL_END, call)
        else:
            end = now + self.model.machine_handle_seconds
            self.machine_ends.append(end)
            self.push(end, MACHINE_END)

    def seen(self, *, abandoned: bool) -> None:
        """A live answer the dialer saw connect or abandon: what its feedback measures."""
        if self.controlled is not None:
            self.controlled.record(abandoned)
        elif self.personal is not None:
            self.personal.record(abandoned)

    def drop(self, answered: float, *, live: bool) -> None:
        self.lines -= 1
        if live:
            self.seen(abandoned=True)
            if answered >= self.warmup:
                self.abandoned += 1

    def on_call_end(self, now: float, call: int) -> None:
        self.lines -= 1
        del self.in_call[call]
        wrap = self.model.after_call_seconds
        if wrap > 0:
            self.wrap_ends.append(now + wrap)
            self.push(now + wrap, WRAP_END)
        else:
            self.free_agent(now)

    def on_machine_end(self, now: float, _: int) -> None:
        self.lines -= 1
        self.machine_ends.popleft()
        self.free_agent(now)

    def on_wrap_end(self, now: float, _: int) -> None:
        self.wrap_ends.popleft()
        self.free_agent(now)

    def free_agent(self, now: float) -> None:
        if self.waiting:
            self.serve(now, live=self.waiting.popleft()[2])
        else:
            self.idle += 1
        self.decide(now)

    def on_timeout(self, now: float, caller: int) -> None:
        # every caller waits the same window, so a caller still waiting at its deadline is at the front
        if self.waiting and self.waiting[0][0] == caller:
            _, answered, live = self.waiting.popleft()
            self.drop(answered, live=live)
            self.decide(now)

    def on_control(self, now: float, _: int) -> None:
        if self.personal is not None:
            self.personal.tick(self.pacing.control_seconds)
        self.decide(now)
        self.push(now + self.pacing.control_seconds, CONTROL)

    def freeing(self, now: float) -> tuple[float, float]:
        """Mean and variance of the busy agents who free within the look-ahead (predictive only)."""
        certain = 0
        if self.wrap_ends or self.machine_ends:
            deadline = now + self.look_ahead
            for ends in (self.wrap_ends, self.machine_ends):
                for end in ends:
                    if end > deadline:
                        break
                    certain += 1
        if self.memoryless:
            share = self.memoryless_share
            count = len(self.in_call)
            return certain + count * share, count * share * (1 - share)
        talk, weight = self.talk_horizon, self.frees_within
        weights = [weight(now - start, talk) for start in self.in_call.values()]
        return certain + sum(weights), sum(weight * (1 - weight) for weight in weights)

    def decide(self, now: float) -> None:
        controlled = self.controlled
        if controlled is not None:
            if not self.pacing.look_ahead:
                mean = variance = 0.0
            elif self.memoryless and not self.wrap_ends and not self.machine_ends:
                share = self.memoryless_share
                mean = len(self.in_call) * share
                variance = mean * (1 - share)
            else:
                mean, variance = self.freeing(now)
            wanted = controlled.wanted(self.idle, len(self.waiting), self.ringing, mean, variance)
        elif self.personal is not None:
            wanted = self.personal.wanted(self.idle)
        elif self.pacing.mode is PacingMode.LINES:
            wanted = math.floor((self.pacing.lines_per_agent or 1) * self.idle + 1e-9)
        else:
            return
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
    return Simulation(days=days, result=summarize(days))


def summarize(days: list[Day]) -> DialerResult:
    """Pooled figures over the days: Σ abandoned / Σ live answers, busy time over staffed time."""
    rate, interval = pooled_ratio(
        [day.abandoned + day.amd_dropped for day in days], [day.live for day in days]
    )
    minutes = sum(day.seconds for day in days) / 60
    staffed = sum(day.agents * day.seconds for day in days)
    return DialerResult(
        abandon_rate=rate,
        abandon_rate_ci=interval,
        utilization=sum(day.busy_agent_seconds for day in days) / staffed,
        dials_per_minute=sum(day.dials for day in days) / minutes,
        live_answers_per_minute=sum(day.live for day in days) / minutes,
        replications=len(days),
    )
