"""Exact interval sets over UTC instants (reconciler.policy.instants).

An `IntervalSet` holds sorted, merged, half-open spans [start, end): two windows that only touch
(one ends at 10:00, the next starts at 10:00) do not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count, islice
from operator import lt

from reconciler.policy.instants import Instant, Span


@dataclass(frozen=True)
class IntervalSet:
    """Sorted, disjoint, non-touching half-open spans."""

    spans: tuple[Span, ...] = ()

    @classmethod
    def of(cls, spans: Iterable[Span]) -> IntervalSet:
        merged: list[list[int]] = []
        for start, end in sorted(span for span in spans if span[1] > span[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple((start, end) for start, end in merged))

    def __bool__(self) -> bool:
        return bool(self.spans)

    def union(self, other: IntervalSet) -> IntervalSet:
        return IntervalSet.of(self.spans + other.spans)

    def intersection(self, other: IntervalSet) -> IntervalSet:
        return IntervalSet(tuple(_meets(self.spans, other.spans)))

    def first_overlap(self, other: IntervalSet) -> Span | None:
        """The earliest window both sets share, or None.

        Both sets are disjoint inside, so once their spans are merged by start, some two overlap only
        if two neighbours do, and the first overlapping neighbours give the earliest window. The merge
        and the neighbour comparison run in C (sorted, map), which matters for year-long expansions."""
        merged = sorted(self.spans + other.spans)
        if len(merged) < 2:
            return None
        starts, ends = zip(*merged, strict=True)
        hit = next(compress(count(), map(lt, islice(starts, 1, None), ends)), None)
        if hit is None:
            return None
        return (starts[hit + 1], min(ends[hit], ends[hit + 1]))

    def difference(self, other: IntervalSet) -> IntervalSet:
        result: list[Span] = []
        cut = other.spans
        j = 0
        for start, end in self.spans:
            while j < len(cut) and cut[j][1] <= start:
                j += 1
            cursor, k = start, j
            while k < len(cut) and cut[k][0] < end:
                if cut[k][0] > cursor:
                    result.append((cursor, cut[k][0]))
                cursor = max(cursor, cut[k][1])
                k += 1
            if cursor < end:
                result.append((cursor, end))
        return IntervalSet(tuple(result))


def _meets(left: Sequence[Span], right: Sequence[Span]) -> Iterator[Span]:
    i = j = 0
    while i < len(left) and j < len(right):
        start, end = max(left[i][0], right[j][0]), min(left[i][1], right[j][1])
        if start < end:
            yield (start, end)
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1


def first_clash(sets: Sequence[IntervalSet]) -> tuple[int, int, Span] | None:
    """The earliest overlap between two different sets: (earlier set, later set, window), or None.

    One sweep over all spans in start order, keeping the furthest-reaching span of the two sets that
    reach furthest: O(n log n) in the number of spans, not pairwise.
    """
    spans = sorted((start, end, index) for index, found in enumerate(sets) for start, end in found.spans)
    best: tuple[Instant, int] | None = None  # (end, set) reaching furthest
    other: tuple[Instant, int] | None = None  # reaching furthest among the other sets
    for start, end, index in spans:
        partner = best if best is not None and best[1] != index else other
        if partner is not None and partner[0] > start:
            return partner[1], index, (start, min(end, partner[0]))
        if best is None or best[1] == index:
            best = (max(end, best[0]) if best else end, index)
        elif end > best[0]:
            best, other = (end, index), best
        elif other is None or end > other[0]:
            other = (end, index)
    return None
