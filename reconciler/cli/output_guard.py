"""The CLI's last line of defence: everything written to stdout, stderr and the log is redacted.

Messages are redacted where they are made (reconciler.redaction); this catches any path that forgot.
Stdout gets `redact_secrets` only (its documents are masked already, and digits there are data);
stderr and log records get `redact`, phone numbers masked too. Tracebacks appear only with --debug.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import TextIO

from reconciler.redaction import PACKAGE_LOGGER, RedactingFilter, redact, redact_secrets

INTERNAL_MESSAGE_CHARS = 500


class RedactingStream:
    """A text stream that redacts each write before passing it on (no `buffer`: no bypass by bytes)."""

    def __init__(self, stream: TextIO, clean: Callable[[str], str]) -> None:
        self._stream, self._clean = stream, clean

    @property
    def encoding(self) -> str:
        return self._stream.encoding

    @property
    def errors(self) -> str | None:
        return self._stream.errors

    def write(self, text: str) -> int:
        self._stream.write(self._clean(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True


class _Debug:
    enabled = False


def guard_output() -> None:
    """Redact stdout, stderr and the package's log records for the rest of the process."""
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout, redact_secrets)
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr, redact)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())  # a handler filter sees the records of every child logger
    PACKAGE_LOGGER.addHandler(handler)
    PACKAGE_LOGGER.setLevel(logging.WARNING)


def enable_debug() -> None:
    """--debug: debug log records, and tracebacks (redacted) with every error."""
    _Debug.enabled = True
    PACKAGE_LOGGER.setLevel(logging.DEBUG)


def print_traceback_if_debug() -> None:
    if _Debug.enabled:
        sys.stderr.write(redact(traceback.format_exc()))


def internal_error_line(exc: BaseException) -> str:
    """One line for an exception no check foresaw: its type and redacted message."""
    message = " ".join(redact(str(exc)).split())
    if len(message) > INTERNAL_MESSAGE_CHARS:
        message = message[:INTERNAL_MESSAGE_CHARS] + "…"
    hint = "" if _Debug.enabled else " (run with --debug for details)"
    return f"error: internal error: {type(exc).__name__}: {message}{hint}"
