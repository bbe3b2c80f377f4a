from __future__ import annotations

import asyncio

from reconciler.providers.rate_limit import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_window_allows_the_budget_then_waits_for_the_oldest_slot() -> None:
    fake = FakeTime()
    limiter = RateLimiter(3, margin=0.0, clock=fake.clock, sleep=fake.sleep)

    async def run() -> list[float]:
        times = []
        for _ in range(7):
            await limiter.acquire()
            times.append(fake.now)
            fake.now += 1
        return times

    times = asyncio.run(run())
    assert times == [0, 1, 2, 60, 61, 62, 120]


def test_no_sixty_second_window_ever_holds_more_than_the_limit() -> None:
    fake = FakeTime()
    limiter = RateLimiter(10, clock=fake.clock, sleep=fake.sleep)

    async def run() -> list[float]:
        times = []
        for _ in range(55):
            await limiter.acquire()
            times.append(fake.now)
            fake.now += 0.3
        return times

    times = asyncio.run(run())
    assert max(sum(1 for t in times if start <= t < start + 60) for start in times) <= 10


def test_pause_holds_callers_back() -> None:
    fake = FakeTime()
    limiter = RateLimiter(100, clock=fake.clock, sleep=fake.sleep)

    async def run() -> float:
        await limiter.acquire()
        limiter.pause(5)
        await limiter.acquire()
        return fake.now

    assert asyncio.run(run()) == 5
