"""Text values for the constraint language: value sets with begins-with / ends-with / contains patterns.

A `TextSet` is the strings in an allowed set (or any), outside an excluded set, matching every pattern it
must and none it must not. Whether such a string exists is decided exactly by a breadth-first search over
the product of the patterns' automata, which also gives the shortest witness.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import StrEnum

MAX_TEXT_STATES = 50_000


class TooComplex(Exception):
    """A formula's normal form or a text search outgrew its bound."""


class PatternKind(StrEnum):
    EQUALS = "equals"
    BEGINS_WITH = "begins with"
    ENDS_WITH = "ends with"
    CONTAINS = "contains"


Pattern = tuple[PatternKind, str]


def pattern_matches(pattern: Pattern, value: str) -> bool:
    kind, text = pattern
    if kind == PatternKind.BEGINS_WITH:
        return value.startswith(text)
    if kind == PatternKind.ENDS_WITH:
        return value.endswith(text)
    if kind == PatternKind.CONTAINS:
        return text in value
    return value == text


@dataclass(frozen=True)
class TextSet:
    """Strings in `allowed` (None: any), not in `excluded`, matching every `must`, no `must_not`."""

    allowed: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()
    must: tuple[Pattern, ...] = ()
    must_not: tuple[Pattern, ...] = ()

    def contains(self, value: str) -> bool:
        if (self.allowed is not None and value not in self.allowed) or value in self.excluded:
            return False
        return all(pattern_matches(p, value) for p in self.must) and not any(
            pattern_matches(p, value) for p in self.must_not
        )

    def intersect(self, other: TextSet) -> TextSet:
        allowed = other.allowed if self.allowed is None else self.allowed
        if self.allowed is not None and other.allowed is not None:
            allowed = self.allowed & other.allowed
        return TextSet(
            allowed, self.excluded | other.excluded, self.must + other.must, self.must_not + other.must_not
        )

    def literals(self) -> list[TextSet]:
        """This set as a conjunction of one-literal sets (the unit of negation)."""
        found = [] if self.allowed is None else [TextSet(allowed=self.allowed)]
        found += [TextSet(excluded=self.excluded)] if self.excluded else []
        found += [TextSet(must=(p,)) for p in self.must] + [TextSet(must_not=(p,)) for p in self.must_not]
        return found

    def negated_literal(self) -> TextSet:
        """The complement of a one-literal set."""
        if self.allowed is not None:
            return TextSet(excluded=self.allowed)
        if self.excluded:
            return TextSet(allowed=self.excluded)
        if self.must:
            return TextSet(must_not=self.must)
        return TextSet(must=self.must_not)

    def sample(self, choices: frozenset[str] | None) -> str | None:
        """A readable member that is also one of `choices` (None: any string), or None if there is none."""
        allowed = self.allowed
        if choices is not None:
            allowed = choices if allowed is None else allowed & choices
        if allowed is not None:
            return next((value for value in sorted(allowed) if self.contains(value)), None)
        for friendly in ("other", "any value"):
            if self.contains(friendly):
                return friendly
        excluded = tuple((PatternKind.EQUALS, value) for value in sorted(self.excluded))
        return _search_text(self.must, self.must_not + excluded)


class _Automaton:
    """A DFA over `alphabet` (one filler char stands for every other char) accepting one pattern."""

    def __init__(self, pattern: Pattern, alphabet: str) -> None:
        kind, text = pattern
        n, dead = len(text), len(text) + 1
        if kind in (PatternKind.EQUALS, PatternKind.BEGINS_WITH):
            table = [{c: (i + 1 if c == text[i] else dead) for c in alphabet} for i in range(n)]
            final = n if kind == PatternKind.BEGINS_WITH else dead
            table += [dict.fromkeys(alphabet, final), dict.fromkeys(alphabet, dead)]
        else:
            table = [dict.fromkeys(alphabet, 0) for _ in range(n + 1)]
            if n:
                table[0][text[0]] = 1
                restart = 0
                for j in range(1, n + 1):
                    table[j] = dict(table[restart])
                    if j < n:
                        table[j][text[j]] = j + 1
                        restart = table[restart][text[j]]
            if kind == PatternKind.CONTAINS:
                table[n] = dict.fromkeys(alphabet, n)
        self.table, self.accepting = table, n

    def step(self, state: int, char: str) -> int:
        return self.table[state][char]


def _search_text(must: tuple[Pattern, ...], must_not: tuple[Pattern, ...]) -> str | None:
    """The shortest string matching every `must` pattern and no `must_not` one (breadth-first search
    over the product of the patterns' automata), or None if there is none."""
    used = {char for _, text in (*must, *must_not) for char in text}
    filler = next(char for char in "xyz0123456789abcdefghijklmnopqrstuvw_-" if char not in used)
    alphabet = "".join(sorted(used)) + filler
    machines = [_Automaton(p, alphabet) for p in must] + [_Automaton(p, alphabet) for p in must_not]
    split = len(must)

    def accepts(states: tuple[int, ...]) -> bool:
        hits = [state == machine.accepting for state, machine in zip(states, machines, strict=True)]
        return all(hits[:split]) and not any(hits[split:])

    start = tuple(0 for _ in machines)
    queue, seen = deque([(start, "")]), {start}
    while queue:
        states, text = queue.popleft()
        if accepts(states):
            return text
        for char in alphabet:
            following = tuple(m.step(s, char) for s, m in zip(states, machines, strict=True))
            if following not in seen:
                if len(seen) >= MAX_TEXT_STATES:
                    raise TooComplex("text patterns")
                seen.add(following)
                queue.append((following, text + char))
    return None
