"""The platform seam: shared modules ask `reconciler.platforms.adapter` or a table keyed by `Platform`;
they do not compare platform names. The count of such comparisons outside the per-platform modules
is frozen here, so a new `if platform == "genesys"` branch fails."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reconciler"
NAMES = frozenset({"genesys", "cxone"})
MEMBERS = frozenset({"GENESYS", "CXONE"})
SEAM = ("platform.py", "platforms")

FROZEN = 11
"""Comparisons left in shared modules (29 before issue #17's seam): emulator/middleware.py 3, seed.py 2,
manifest_seed.py 1; live_plan.py 2; plan/pacing_effects.py 1; and two (platform, kind) selections of
one kind (policy/dnc.py, state/desired.py). Lower it when you remove some; never raise it."""


def _names_a_platform(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in MEMBERS and isinstance(node.value, ast.Name) and node.value.id == "Platform"
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_names_a_platform(item) for item in node.elts)
    return False


def _pattern_names_a_platform(pattern: ast.pattern) -> bool:
    if isinstance(pattern, ast.MatchValue):
        return _names_a_platform(pattern.value)
    if isinstance(pattern, ast.MatchOr | ast.MatchSequence):
        return any(_pattern_names_a_platform(item) for item in pattern.patterns)
    if isinstance(pattern, ast.MatchAs) and pattern.pattern is not None:
        return _pattern_names_a_platform(pattern.pattern)
    return False


def platform_comparisons(source: str) -> list[int]:
    """Lines of `==`, `!=`, `in` and `not in` tests and `match` cases against a platform name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(
            isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn) for op in node.ops
        ):
            if any(_names_a_platform(side) for side in (node.left, *node.comparators)):
                found.append(node.lineno)
        elif isinstance(node, ast.match_case) and _pattern_names_a_platform(node.pattern):
            found.append(node.pattern.lineno)
    return found


def _shared(path: Path) -> bool:
    """Not a per-platform module (a path part naming a platform) and not the seam itself."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] not in SEAM and not any(name in part for part in parts for name in NAMES)


def shared_comparisons() -> Counter[str]:
    return Counter(
        {
            str(path.relative_to(PACKAGE.parent)): len(lines)
            for path in sorted(PACKAGE.rglob("*.py"))
            if _shared(path) and (lines := platform_comparisons(path.read_text(encoding="utf-8")))
        }
    )


def test_shared_modules_compare_platform_names_no_more_than_frozen() -> None:
    found = shared_comparisons()
    listed = ", ".join(f"{module} ({count})" for module, count in sorted(found.items()))
    assert found.total() <= FROZEN, (
        f"{found.total()} platform comparisons in shared modules, more than the frozen {FROZEN}: "
        f"ask reconciler.platforms.adapter(platform) or key a table by Platform instead. Found: {listed}"
    )


def test_every_form_of_comparison_is_counted() -> None:
    source = """
if platform == "genesys": pass
if "cxone" != target.platform: pass
if platform in ("genesys", "cxone"): pass
if (resource.platform, resource.kind) == (Platform.CXONE, "Skill"): pass
match platform:
    case "genesys": pass
    case Platform.CXONE | "other": pass
    case _: pass
if kind == "Campaign" or platform is None: pass
"""
    assert platform_comparisons(source) == [2, 3, 4, 5, 7, 8]


def test_per_platform_modules_and_the_seam_are_not_counted() -> None:
    assert not _shared(PACKAGE / "providers" / "genesys" / "fetch.py")
    assert not _shared(PACKAGE / "apply" / "cxone_writer.py")
    assert not _shared(PACKAGE / "platforms" / "adapter.py")
    assert _shared(PACKAGE / "live_plan.py")
