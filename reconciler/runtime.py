"""Process settings of the command line.

A run builds large, mostly acyclic data (parsed YAML, typed models, essences, plans) and frees it by
reference counting; Python's cyclic garbage collector, left at its defaults, rescans that growing heap
again and again and spent close to half the CPU of validating and planning a 10,000-object org
(bench/checks_scale.py). The collector stays on, with the higher thresholds mypy uses for the same
reason, and the objects alive at start-up (modules, compiled models) are frozen out of its scans.
"""

from __future__ import annotations

import gc

GC_THRESHOLDS = (200_000, 30, 30)


def tune_garbage_collector() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
