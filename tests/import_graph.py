"""The import graph of a package read with `ast`: module-level, deferred (in functions) and cycles."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DeferredImport:
    """An import statement inside a function or method: where it is and whether a comment says why."""

    module: str
    line: int
    explained: bool


@dataclass(frozen=True)
class ImportGraph:
    """Edges module → project modules it imports: when loaded, and adding those imported in functions."""

    module_level: Mapping[str, frozenset[str]]
    with_deferred: Mapping[str, frozenset[str]]
    deferred: tuple[DeferredImport, ...]


def _module_files(root: Path, package: str) -> dict[str, Path]:
    files = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _load_time(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports run when the module loads: top level, in ifs and trys, but not under TYPE_CHECKING."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _load_time(node.body)
            yield from _load_time(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody):
                yield from _load_time(block)


def _in_functions(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    found: dict[int, ast.Import | ast.ImportFrom] = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found[id(node)] = node  # a nested function is walked with its outer one too
    return sorted(found.values(), key=lambda node: node.lineno)


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = (module if is_package else module.rpartition(".")[0]).split(".")
        anchor = anchor[: len(anchor) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _edges(targets: list[str], module: str, files: Mapping[str, Path]) -> set[str]:
    """Project modules a statement loads: each target's module and its not-yet-loaded parent packages."""
    edges = set()
    for target in targets:
        while target and target not in files:
            target = target.rpartition(".")[0]
        if not target or target == module:
            continue
        parts = target.split(".")
        for end in range(1, len(parts) + 1):
            loaded = ".".join(parts[:end])
            if loaded in files and not f"{module}.".startswith(f"{loaded}."):
                edges.add(loaded)
    return edges


def _explained(lines: list[str], line: int) -> bool:
    """A comment on the import's line, or ending the line above it or above its run of imports."""
    index = line - 1
    if "#" in lines[index]:
        return True
    while index > 0 and lines[index - 1].strip().startswith(("from ", "import ")):
        index -= 1
    return index > 0 and "#" in lines[index - 1]


def import_graph(root: Path, package: str) -> ImportGraph:
    files = _module_files(root, package)
    module_level: dict[str, frozenset[str]] = {}
    with_deferred: dict[str, frozenset[str]] = {}
    deferred: list[DeferredImport] = []
    for module, path in files.items():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        is_package = path.name == "__init__.py"
        now: set[str] = set()
        for node in _load_time(tree.body):
            now |= _edges(_targets(node, module, is_package), module, files)
        later = set(now)
        for node in _in_functions(tree):
            later |= _edges(_targets(node, module, is_package), module, files)
            deferred.append(DeferredImport(module, node.lineno, _explained(text.splitlines(), node.lineno)))
        module_level[module] = frozenset(now)
        with_deferred[module] = frozenset(later)
    return ImportGraph(module_level, with_deferred, tuple(deferred))


def cycles(graph: Mapping[str, Set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = stack[stack.index(node) :]
                del stack[stack.index(node) :]
                if len(group) > 1:
                    found.add(frozenset(group))
    return found
