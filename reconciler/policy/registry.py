"""What a registered check is: the function, and the codes it raises with their default severity and the
rule each enforces; running checks. A crashing check is a bug, so it is not swallowed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reconciler.diagnostics import Code, Finding, Severity
from reconciler.policy.context import CheckContext

Check = Callable[[CheckContext], list[Finding]]


@dataclass(frozen=True)
class Raises:
    """A code a check raises: its default severity and the public rule (or safety reason) behind it."""

    code: Code
    severity: Severity
    citation: str


@dataclass(frozen=True)
class RegisteredCheck:
    run: Check
    raises: tuple[Raises, ...]

    @classmethod
    def of(cls, run: Check, code: Code, severity: Severity, citation: str) -> RegisteredCheck:
        """A check that raises one code."""
        return cls(run, (Raises(code, severity, citation),))

    @property
    def name(self) -> str:
        """`module.function`, as benchmarks and failing tests name the check."""
        module = getattr(self.run, "__module__", "?").rsplit(".", 1)[-1]
        return f"{module}.{getattr(self.run, '__name__', '?')}"

    @property
    def codes(self) -> frozenset[Code]:
        return frozenset(item.code for item in self.raises)


def check_codes(checks: Iterable[RegisteredCheck]) -> frozenset[Code]:
    """Every code the checks raise (no other step of a run raises these)."""
    return frozenset(code for check in checks for code in check.codes)


def run_checks(context: CheckContext, checks: Sequence[RegisteredCheck]) -> list[Finding]:
    """Each check once over `context`, findings in check order."""
    found: list[Finding] = []
    for check in checks:
        found.extend(check.run(context))
    return found
