"""The predictive pacer over issue #15's grid: pooled abandon against the target, utilization against 1:1.

Agents {5, 8, 20, 50, 100} x handle time {120, 300, 600} s x live rate {0.15, 0.28, 0.5} x target
{1, 2.5, 3} %, predictive mode (the controlled pacer with look-ahead, no calls-per-agent cap), 10
simulated 8-hour days per cell on a fixed seed, beside 1:1 progressive dialing of the same floor and
list. Prints one row per cell and the acceptance figures:

- pooled abandon (Σ abandoned / Σ live answers) <= 1.15 x target in at least 95 % of cells, <= 1.3 x in all;
- utilization at least that of 1:1 progressive in every cell;
- no simulated day under 20 % utilization (every floor here has 5 or more agents);
- the whole grid's wall time (the target is under 10 minutes on a 2-core machine), and the CPU time of
  the cells, which depends less on what else the machine runs.

    python bench/pacing_grid.py [--processes 2] [--days 10] [--hours 8] [--seed 20240611]

Not a timed test: the cells run in a process pool, and the wall time depends on what else the machine runs.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import time
from dataclasses import dataclass
from multiprocessing import Pool

from reconciler.pacing.dialer import DialerModel, Pacing, PacingMode
from reconciler.pacing.simulator import simulate

AGENTS = (5, 8, 20, 50, 100)
HANDLE_SECONDS = (120, 300, 600)
LIVE_RATES = (0.15, 0.28, 0.5)
TARGETS = (0.01, 0.025, 0.03)
MOST_CELLS_WITHIN = 1.15
ALL_CELLS_WITHIN = 1.3
SHARE_OF_CELLS = 0.95
LOWEST_DAY_UTILIZATION = 0.2
WALL_SECONDS = 600.0


@dataclass(frozen=True)
class Task:
    agents: int
    handle: int
    live: float
    target: float | None  # None: 1:1 progressive
    days: int
    hours: float
    seed: int

    @property
    def cost(self) -> float:
        """Dials in the task, roughly: what the pool should start first."""
        return self.agents / self.handle / self.live


@dataclass(frozen=True)
class Outcome:
    task: Task
    abandon_rate: float
    utilization: float
    lowest_day_utilization: float
    seconds: float
    """CPU seconds of the task: what it costs whatever else the machine runs."""


def run(task: Task) -> Outcome:
    model = DialerModel(agents=task.agents, handle_seconds=task.handle, live_rate=task.live)
    if task.target is None:
        pacing = Pacing(mode=PacingMode.LINES, lines_per_agent=1)
    else:
        pacing = Pacing(mode=PacingMode.FEEDBACK, abandon_target=task.target, look_ahead=True)
    start = time.process_time()
    simulation = simulate(model, pacing, hours=task.hours, replications=task.days, seed=task.seed)
    return Outcome(
        task=task,
        abandon_rate=simulation.result.abandon_rate,
        utilization=simulation.result.utilization,
        lowest_day_utilization=min(day.utilization for day in simulation.days),
        seconds=time.process_time() - start,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args()
    floors = list(itertools.product(AGENTS, HANDLE_SECONDS, LIVE_RATES))
    targets: tuple[float | None, ...] = (*TARGETS, None)
    tasks = [
        Task(agents, handle, live, target, args.days, args.hours, args.seed)
        for (agents, handle, live), target in itertools.product(floors, targets)
    ]
    tasks.sort(key=lambda task: task.cost, reverse=True)
    start = time.perf_counter()
    with Pool(args.processes) as pool:
        outcomes = {outcome.task: outcome for outcome in pool.imap_unordered(run, tasks)}
    wall = time.perf_counter() - start
    progressive = {
        (task.agents, task.handle, task.live): outcome
        for task, outcome in outcomes.items()
        if task.target is None
    }
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {args.processes} processes; "
        f"{args.days} days of {args.hours:g} h per cell, seed {args.seed}"
    )
    print(
        f"{'agents':>6} {'handle':>6} {'live':>5} {'target':>6} {'abandon':>8} {'x target':>8} "
        f"{'util':>6} {'1:1':>6} {'min day':>7} {'cpu s':>5}"
    )
    ratios: list[float] = []
    below_progressive = low_days = 0
    for (agents, handle, live), target in itertools.product(floors, TARGETS):
        cell = outcomes[Task(agents, handle, live, target, args.days, args.hours, args.seed)]
        base = progressive[(agents, handle, live)]
        ratio = cell.abandon_rate / target
        ratios.append(ratio)
        below_progressive += cell.utilization < base.utilization
        low_days += cell.lowest_day_utilization < LOWEST_DAY_UTILIZATION
        print(
            f"{agents:>6} {handle:>6} {live:>5.2f} {target:>6.1%} {cell.abandon_rate:>8.2%} {ratio:>8.2f} "
            f"{cell.utilization:>6.1%} {base.utilization:>6.1%} {cell.lowest_day_utilization:>7.1%} "
            f"{cell.seconds:>5.1f}"
        )
    within = sum(ratio <= MOST_CELLS_WITHIN for ratio in ratios) / len(ratios)
    print()
    print(
        f"cells with pooled abandon <= {MOST_CELLS_WITHIN} x target: {within:.1%} "
        f"(need >= {SHARE_OF_CELLS:.0%}) {'met' if within >= SHARE_OF_CELLS else 'MISSED'}"
    )
    worst = max(ratios)
    print(
        f"worst pooled abandon / target: {worst:.3f} (need <= {ALL_CELLS_WITHIN}) "
        f"{'met' if worst <= ALL_CELLS_WITHIN else 'MISSED'}"
    )
    print(
        f"cells below 1:1 progressive utilization: {below_progressive} (need 0) "
        f"{'met' if below_progressive == 0 else 'MISSED'}"
    )
    print(
        f"cells with a day under {LOWEST_DAY_UTILIZATION:.0%} utilization: {low_days} (need 0) "
        f"{'met' if low_days == 0 else 'MISSED'}"
    )
    cpu = sum(outcome.seconds for outcome in outcomes.values())
    print(
        f"wall time: {wall:.0f} s (need < {WALL_SECONDS:.0f} s) {'met' if wall < WALL_SECONDS else 'MISSED'}; "
        f"CPU time of the cells {cpu:.0f} s over {args.processes} processes, load average "
        f"{os.getloadavg()[0]:.1f} at the end"
    )


if __name__ == "__main__":
    main()
