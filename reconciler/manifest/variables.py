"""A target's variables in manifests: `${vars.NAME}` in scalar values, replaced before anything reads them.

A value that is one reference and nothing else takes the variable's own type (a number stays a number);
a reference inside longer text is replaced by the variable's text. `$${` writes a literal `${`. There is
no other expression: no defaults, code or conditionals. A reference to a variable the target does not
define is an error at its file and line, as is any other `${...}` and a reference in a mapping key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.yaml_reader import Path, YamlDocument

Scalar = str | int | float | bool
_TOKEN = re.compile(r"\$\$\{|\$\{([^}]*)\}?")
_REFERENCE = re.compile(r"vars\.([A-Za-z_][A-Za-z0-9_]*)")


def _text(value: Scalar) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


@dataclass
class Substitution:
    """One run over a target's documents: the values, the names used, and the problems found."""

    values: Mapping[str, Scalar]
    used: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)

    def documents(self, docs: Iterable[YamlDocument]) -> list[YamlDocument]:
        return [YamlDocument(doc.file, doc.line, self._value(doc, doc.data, ()), doc.lines) for doc in docs]

    def _value(self, doc: YamlDocument, value: Any, path: Path) -> Any:
        if isinstance(value, str):
            return self._scalar(doc, value, path) if "${" in value else value
        if isinstance(value, list):
            return [self._value(doc, item, (*path, index)) for index, item in enumerate(value)]
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and "${" in key:
                    self._problem(doc, (*path, key), "variables are replaced in values only, not in keys")
            return {key: self._value(doc, item, (*path, key)) for key, item in value.items()}
        return value

    def _scalar(self, doc: YamlDocument, text: str, path: Path) -> Any:
        whole = _TOKEN.fullmatch(text)
        if whole is not None and whole.group(0) != "$${":
            return self._lookup(doc, whole, path)
        return _TOKEN.sub(lambda match: _text(self._lookup(doc, match, path)), text)

    def _lookup(self, doc: YamlDocument, match: re.Match[str], path: Path) -> Any:
        if match.group(0) == "$${":
            return "${"
        inner = match.group(1) or ""
        reference = _REFERENCE.fullmatch(inner.strip()) if match.group(0).endswith("}") else None
        if reference is None:
            written = match.group(0)
            self._problem(
                doc,
                path,
                f"'{written}' is not a variable reference: write ${{vars.NAME}} ($${{ is a literal ${{)",
            )
            return match.group(0)
        name = reference.group(1)
        if name not in self.values:
            known = ", ".join(sorted(self.values)) or "none"
            self._problem(doc, path, f"unknown variable '{name}' (this target defines: {known})")
            return match.group(0)
        self.used.add(name)
        return self.values[name]

    def _problem(self, doc: YamlDocument, path: Path, message: str) -> None:
        self.findings.append(finding(Code.SCHEMA, message, source=doc.source_of(path)))


def substitute(
    docs: Iterable[YamlDocument], values: Mapping[str, Scalar]
) -> tuple[list[YamlDocument], set[str], list[Finding]]:
    """The documents with every `${vars.NAME}` replaced, the names used, and the problems."""
    run = Substitution(values)
    replaced = run.documents(docs)
    return replaced, run.used, run.findings
