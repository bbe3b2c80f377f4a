"""DeepDiff against the project's scoped diff (reconciler.diff) on the 10,000-object bench org.

Builds the org of bench/checks_scale.py (10,000 generated Genesys manifests, seeded into an in-process
emulator and read back through the provider), pairs every declared object with its live counterpart
as `plan` does (the live essence with its run state read as the manifest writes it), and compares,
over all pairs, in CPU seconds (time.process_time) and tracemalloc peak:

1. `scoped_diff`: the field-by-field walk the planner falls back to (no JSON fast path);
2. `declared_diff`: what `plan` runs (JSON fast path, then the walk where the projection differs);
3. DeepDiff on the raw pair: every server-side extra field shows as a difference;
4. DeepDiff on the desired side against the live side projected onto the declared top-level fields (each whole)
   (`reconciler.diff.project`), numbers compared by value;
5. as 4, with the scoped diff's equalities made explicit on both sides first (an empty declared
   list or mapping equals a missing one; 3 == 3.0).

Then it changes one declared scalar in every tenth live object and counts, for 1 and 5, the objects
each reports as changed and the objects where they disagree.

    python bench/diff_vs_deepdiff.py                # 10,000 objects
    python bench/diff_vs_deepdiff.py --objects 2000

Needs `deepdiff` (pip install deepdiff); it is a bench and test tool, not a product dependency.
"""

from __future__ import annotations

import copy
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checks_scale import bench_org, write_manifests
from deepdiff import DeepDiff  # type: ignore[attr-defined]

from reconciler.diff import project, scoped_diff
from reconciler.live_plan import SET_LIKE
from reconciler.plan.planner import comparable_essence, declared_diff
from reconciler.plan.steps import run_state
from reconciler.state.desired import desired_objects, match_manifests
from reconciler.state.objects import DesiredObject, LiveObject
from reconciler.validation import validate_paths

Pair = tuple[DesiredObject, LiveObject, dict[str, Any]]


def pairs_of(folder: Path, live_list: list[Any]) -> list[Pair]:
    """Every declared object with a live counterpart, and the live side as the planner compares it."""
    validation = validate_paths([folder])
    desired = desired_objects(validation.manifests, validation.graph, platform="genesys")
    live = match_manifests(validation.manifests, live_list, platform="genesys")
    return [
        (obj, live[address], comparable_essence(live[address], run_state(obj.platform, obj.kind)))
        for address, obj in desired.items()
        if address in live
    ]


def _set_like(obj: DesiredObject) -> frozenset[str]:
    return SET_LIKE["genesys"].get(obj.kind, frozenset())


def scoped(pair: Pair) -> bool:
    obj, _, view = pair
    return bool(scoped_diff(obj.essence, view, set_like=_set_like(obj)))


def planned(pair: Pair) -> bool:
    obj, live, _ = pair
    return bool(declared_diff(obj, live, _set_like(obj)))


def deep_raw(pair: Pair) -> bool:
    obj, _, view = pair
    return bool(DeepDiff(obj.essence, view))


def deep_projected(pair: Pair) -> bool:
    obj, _, view = pair
    return bool(DeepDiff(obj.essence, project(obj.essence, view), ignore_numeric_type_changes=True))


def _declared_rules(value: Any) -> Any:
    """The scoped diff's own equalities made explicit: no empty or None value (an empty declared list or
    mapping equals a missing live one, a missing live value is None), whole floats as ints (3 == 3.0)."""
    if isinstance(value, dict):
        kept = {key: _declared_rules(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, [], {})}
    if isinstance(value, list):
        return [_declared_rules(item) for item in value]
    return int(value) if isinstance(value, float) and value.is_integer() else value


def deep_normalised(pair: Pair) -> bool:
    obj, _, view = pair
    return bool(DeepDiff(_declared_rules(obj.essence), _declared_rules(project(obj.essence, view))))


def timed(method: Callable[[Pair], bool], pairs: list[Pair]) -> tuple[float, float, list[bool]]:
    """CPU seconds, tracemalloc peak (MB, a second pass) and the per-pair verdicts."""
    cpu = time.process_time()
    verdicts = [method(pair) for pair in pairs]
    seconds = time.process_time() - cpu
    tracemalloc.start()
    for pair in pairs:
        method(pair)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, verdicts


def perturbed(pairs: list[Pair], every: int) -> list[Pair]:
    """The pairs with one declared top-level scalar changed in the live view of every `every`th object."""
    out: list[Pair] = []
    for index, (obj, live, view) in enumerate(pairs):
        if index % every == 0:
            view = copy.deepcopy(view)
            key = next(
                (k for k, v in obj.essence.items() if isinstance(v, str | int) and not isinstance(v, bool)),
                None,
            )
            if key is not None:
                view[key] = (
                    f"{obj.essence[key]}-changed"
                    if isinstance(obj.essence[key], str)
                    else obj.essence[key] + 1
                )
        out.append((obj, live, view))
    return out


def main(argv: list[str] | None = None) -> None:
    counts, live_list = bench_org(argv, __doc__)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_manifests(folder, counts)
        pairs = pairs_of(folder, live_list)
    print(f"{len(pairs):,} declared objects paired with their live counterpart")
    methods: dict[str, Callable[[Pair], bool]] = {
        "scoped_diff (field walk)": scoped,
        "declared_diff (as plan runs it)": planned,
        "DeepDiff, raw pair": deep_raw,
        "DeepDiff, live projected": deep_projected,
        "DeepDiff, projected + normalised": deep_normalised,
    }
    print(f"  {'method':<34} {'CPU s':>7} {'peak MB':>8} {'changed':>8}")
    for label, method in methods.items():
        seconds, peak, verdicts = timed(method, pairs)
        print(f"  {label:<34} {seconds:7.2f} {peak:8.1f} {sum(verdicts):8,}")
    changed = perturbed(pairs, 10)
    ours = [scoped(pair) for pair in changed]
    theirs = [deep_normalised(pair) for pair in changed]
    disagree = sum(a != b for a, b in zip(ours, theirs, strict=True))
    print(
        f"  one field changed in every 10th object: scoped_diff {sum(ours):,} changed, "
        f"normalised DeepDiff {sum(theirs):,} changed, {disagree} disagreements"
    )


if __name__ == "__main__":
    main()
