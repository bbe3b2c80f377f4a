"""The reconciler's exception tree.

    ReconcilerError                 every error the CLI turns into a message and exit code 1
    ├── ManifestLoadError           a file cannot be read as manifests (size, encoding, YAML syntax)
    ├── ConfigError                 reconciler.yaml is missing, malformed or unsafe
    └── UsageError                  the command line asks for something impossible

Problems found *inside* manifests are not raised: they are collected as findings
(reconciler.diagnostics) so one run reports all of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file and a 1-based line."""

    file: str
    line: int


class ReconcilerError(Exception):
    """Base class: carries a human message and, where known, a source location."""

    def __init__(self, message: str, *, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location.file}:{self.location.line}: {self.message}"


class ManifestLoadError(ReconcilerError):
    """A manifest file cannot be loaded at all."""


class ConfigError(ReconcilerError):
    """The project file is invalid."""


class UsageError(ReconcilerError):
    """The command line is inconsistent."""
