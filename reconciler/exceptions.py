"""The reconciler's exception tree.

    ReconcilerError                 every error the CLI turns into a message and exit code 1
    ├── ManifestLoadError           a file cannot be read as manifests (size, encoding, YAML syntax)
    ├── ConfigError                 reconciler.yaml is missing, malformed or unsafe
    ├── UsageError                  the command line asks for something impossible
    ├── ApplyRefused                apply will not start (unapproved, deletes not allowed, plan out of date)
    ├── StaleChange                 a managed field changed live since the plan: that change is refused
    ├── EmulatorStateError          the emulator's state file is corrupt (not JSON, wrong shape, binary)
    └── PlatformError               a platform API call failed
        ├── AuthenticationError     credentials refused, or missing from the environment (permanent)
        ├── RequestFailed           the API answered an error status (permanent unless retryable)
        ├── MalformedResponse       the API answered something that is not the JSON it documents
        ├── OutcomeUnknown          a write's connection failed after sending: it may have happened
        ├── RetriesExhausted        temporary failures (429, 5xx, timeouts) outlasted the retry budget
        └── LimitExceeded           a response or listing passed a bound of `limits:` (reconciler.yaml)

Problems found *inside* manifests are not raised: they are collected as findings
(reconciler.diagnostics) so one run reports all of them. Messages are redacted when the error is made
(reconciler.redaction): a server's echo of a token or a phone number never travels on in one.
"""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.redaction import redact


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file and a 1-based line."""

    file: str
    line: int


class ReconcilerError(Exception):
    """Base class: carries a human message and, where known, a source location."""

    def __init__(self, message: str, *, location: Location | None = None) -> None:
        message = redact(message)
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


class ApplyRefused(ReconcilerError):
    """Apply will not change anything: confirmation missing, deletes not allowed, a saved plan out of date."""


class StaleChange(ReconcilerError):
    """Someone changed a managed field live after the plan was made; applying would overwrite their edit."""


class EmulatorStateError(ReconcilerError):
    """The emulator's saved org cannot be read; deleting the file starts again from the seed."""


class PlatformError(ReconcilerError):
    """A call to a platform API failed. `retryable` says whether trying again later may help."""

    retryable = False


class AuthenticationError(PlatformError):
    """The platform refused the credentials, or they are not set in the environment."""


class RequestFailed(PlatformError):
    """The API answered with an error status; `code` is the platform's error code when it gave one, and
    `correlation_id` the id the platform gave the exchange (Genesys ININ-Correlation-Id), to quote to support."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: str | None = None,
        method: str = "",
        path: str = "",
        correlation_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.method, self.path = status, code, method, path
        self.correlation_id = correlation_id

    @property
    def retryable(self) -> bool:  # type: ignore[override]
        return self.status == 429 or (self.status >= 500 and self.status != 501)


class MalformedResponse(PlatformError):
    """The API answered a success status with a body that is not the JSON it documents (HTML, cut short,
    a listing of the wrong shape): reading on would misread the org, so the run stops."""


class OutcomeUnknown(PlatformError):
    """A non-idempotent request was sent but no answer came back: re-read before trying again."""

    retryable = True


class RetriesExhausted(PlatformError):
    """Temporary failures went on past the retry budget."""

    retryable = True


class LimitExceeded(PlatformError):
    """A server sent more than `limits:` of reconciler.yaml allows (a body, a listing's pages)."""
