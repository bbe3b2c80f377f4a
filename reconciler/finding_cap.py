"""Findings per code are bounded (limits.findings_per_code): the first ones are listed, the rest counted.

A 2 MB CSV of bad numbers would otherwise make a million findings, and every output format (SARIF
above all) holds them in memory. Past the bound, the findings of a code are replaced by one line
"… and 999,000 more DNC-ENTRY findings" whose `omitted` count keeps every summary exact. Left-out
findings are grouped by severity and allowance, so an override or a `reconciler/allow` still applies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reconciler.diagnostics import CATALOGUE, Code, Finding, Severity
from reconciler.limits import DEFAULT_LIMITS

_Group = tuple[Code, Severity, str | None]
"""(code, severity, reason it is allowed): left-out findings that count alike."""


def omitted_note(
    code: Code,
    count: int,
    *,
    severity: Severity | None = None,
    address: str | None = None,
    suppressed: str | None = None,
) -> Finding:
    """The line standing for `count` findings of `code` left out of the list."""
    plural = "finding" if count == 1 else "findings"
    return Finding(
        code=code,
        severity=severity if severity is not None else CATALOGUE[code].severity,
        message=f"… and {count:,} more {code} {plural} (limits.findings_per_code)",
        address=address,
        suppressed=suppressed,
        omitted=count,
    )


class CodeCap:
    """Findings as a check makes them: `limit` kept per code, the rest only counted (per object)."""

    def __init__(self, limit: int = DEFAULT_LIMITS.findings_per_code) -> None:
        self.limit = limit
        self.kept: list[Finding] = []
        self._per_code: Counter[Code] = Counter()
        self._left_out: Counter[tuple[Code, str | None]] = Counter()

    def full(self, code: Code) -> bool:
        """True when a finding of `code` would only be counted (so it need not be built)."""
        return self._per_code[code] >= self.limit

    def add(self, item: Finding) -> None:
        if self.full(item.code):
            self.count(item.code, item.address)
            return
        self._per_code[item.code] += 1
        self.kept.append(item)

    def count(self, code: Code, address: str | None, findings: int = 1) -> None:
        """More findings of `code` on `address`, left out of the list."""
        self._left_out[(code, address)] += findings

    def findings(self) -> list[Finding]:
        notes = [
            omitted_note(code, count, address=address)
            for (code, address), count in sorted(self._left_out.items(), key=lambda pair: str(pair[0]))
        ]
        return [*self.kept, *notes]


def cap_findings(findings: Iterable[Finding], limit: int = DEFAULT_LIMITS.findings_per_code) -> list[Finding]:
    """The first `limit` findings of each code in the given order, then one line per group left out.

    Lines already standing for left-out findings (from a check, or an earlier cap) merge into these.
    """
    kept: list[Finding] = []
    per_code: Counter[Code] = Counter()
    left_out: dict[_Group, int] = {}
    addresses: dict[_Group, set[str | None]] = {}
    for item in findings:
        if not item.omitted and per_code[item.code] < limit:
            per_code[item.code] += 1
            kept.append(item)
            continue
        group = (item.code, item.severity, item.suppressed)
        left_out[group] = left_out.get(group, 0) + item.weight
        addresses.setdefault(group, set()).add(item.address)
    notes = []
    for group in sorted(left_out, key=lambda key: (str(key[0]), str(key[1]), key[2] or "")):
        code, severity, suppressed = group
        shared = addresses[group]
        address = next(iter(shared)) if len(shared) == 1 else None
        notes.append(
            omitted_note(code, left_out[group], severity=severity, address=address, suppressed=suppressed)
        )
    return [*kept, *notes]
