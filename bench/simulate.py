"""Dialer simulator speed: one 8-hour day with 100 agents in at most 2 s (issue #7).

Runs one replication (one simulated day) per pacing mode on a fixed seed and prints, for each, the
events it worked through (dials, live answers), the abandon rate and utilization, and the wall time
against the 2 s target; the fixed-rate day is shown beside the open-loop closed form.

    python bench/simulate.py
    python bench/simulate.py --agents 300 --hours 8
"""

from __future__ import annotations

import argparse
import platform
import time

from reconciler.pacing.analytic import max_dial_rate, open_loop
from reconciler.pacing.dialer import DialerModel, Pacing, PacingMode
from reconciler.pacing.simulator import simulate

TARGET_SECONDS = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=100)
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--handle-seconds", type=float, default=300.0)
    parser.add_argument("--live-rate", type=float, default=0.28)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    model = DialerModel(agents=args.agents, handle_seconds=args.handle_seconds, live_rate=args.live_rate)
    rate = max_dial_rate(model, abandon_target=0.03).dials_per_minute
    exact = open_loop(model, dials_per_minute=rate)
    runs = {
        f"fixed {rate:.1f} dials/min": Pacing(mode=PacingMode.FIXED, dials_per_minute=rate),
        "2 lines per free agent": Pacing(mode=PacingMode.LINES, lines_per_agent=2),
        "predictive, 3 % target": Pacing(mode=PacingMode.FEEDBACK, abandon_target=0.03, lines_per_agent=4),
    }
    print(
        f"Python {platform.python_version()} on {platform.machine()}; {args.agents} agents, {args.hours:g} h"
    )
    print(
        f"closed form at {rate:.1f} dials/min: abandon {exact.abandon_rate:.2%}, utilization {exact.utilization:.1%}"
    )
    print(f"{'pacing':<26} {'dials':>7} {'live':>7} {'abandon':>8} {'util':>6} {'wall s':>7}  target")
    for name, pacing in runs.items():
        start = time.perf_counter()
        day = simulate(model, pacing, hours=args.hours, replications=1, seed=args.seed).days[0]
        wall = time.perf_counter() - start
        verdict = "met" if wall <= TARGET_SECONDS else "MISSED"
        print(
            f"{name:<26} {day.dials:>7,} {day.live:>7,} {day.abandon_rate:>8.2%} {day.utilization:>6.1%} "
            f"{wall:>7.2f}  <= {TARGET_SECONDS:g} s {verdict}"
        )


if __name__ == "__main__":
    main()
