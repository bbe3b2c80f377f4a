"""The one redaction layer: what may carry a credential or a phone number is redacted before it is shown.

A server or a proxy may echo the request in an error body, and that text travels on into exception
messages, apply results, the audit log, webhook payloads and the CI job summary. Every such path goes
through `redact` (or `redact_value` for JSON-shaped data); the CLI also redacts whatever it writes to
stdout and stderr, and a logging filter redacts log records, so a path that forgets still cannot leak.

Redacted, each replaced by `[REDACTED]`:
- the value of an Authorization, Proxy-Authorization, Cookie, Set-Cookie or X-Api-Key header, as a
  header line, a JSON member or a Python repr;
- `Bearer …` and `Basic …` credentials, and JWT-shaped strings (three base64url segments);
- the values of `access_token`, `refresh_token`, `id_token`, `client_secret`, `access_key_secret`,
  `password` and `api_key` members, in JSON, repr, `key: value` or `key=value` (form/query) form;
- every registered secret, as written and URL-encoded: the values of the environment variables that
  reconciler.yaml names (targets' `*_env`, notifications' `url_env` and `secret_env`) and every access
  token the run obtains.
Then phone numbers are masked as in plans (reconciler.plan.masking). `redact_secrets` does the first
part only, for output whose digits must stay as they are (a JSON plan on stdout is masked already).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

from reconciler.plan.masking import mask_text, mask_value

REDACTED = "[REDACTED]"
MIN_SECRET_LENGTH = 6
"""Shorter values are not redacted as literal text: they would blot out ordinary words and numbers."""

_HEADER = re.compile(
    r"""(?ix)
    ( \b(?:proxy-)?authorization\b ["']? \s* [:=] \s* ["']? )
    (?: [A-Za-z][A-Za-z0-9_-]*\s+ )? [^\s"',;]+
    | ( \b(?:set-)?cookie\b ["']? \s* [:=] \s* ["']? | \bx-api-key\b ["']? \s* [:=] \s* ["']? )
    [^\r\n"']+
    """
)
_CREDENTIAL = re.compile(
    r"(?i)\b(bearer|basic)(\s+|%20|\+)(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=])[A-Za-z0-9._~+/=-]{8,}"
)
_JWT = re.compile(
    r"\bey[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*"
    r"|\b[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}"
)
_SECRET_MEMBER = re.compile(
    r"""(?ix)
    ( ["']? \b(?:access_token|refresh_token|id_token|client_secret|access_key_secret|password|api_key)\b
      ["']? \s* [:=] \s* )
    ( "(?:[^"\\]|\\.)*" | '(?:[^'\\]|\\.)*' | [^\s&,;}"']+ )
    """
)


class _Secrets:
    """The literal secret values of this run, as one alternation (longest first)."""

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def add(self, value: str) -> None:
        if len(value) < MIN_SECRET_LENGTH:
            return
        forms = {value, quote(value, safe=""), quote_plus(value)}
        with self._lock:
            if forms <= self._values:
                return
            self._values |= forms
            alternatives = sorted(self._values, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(item) for item in alternatives))

    def sub(self, text: str) -> str:
        pattern = self._pattern
        return text if pattern is None else pattern.sub(REDACTED, text)


_SECRETS = _Secrets()


def register_secret(value: str | None) -> None:
    """Redact `value` (and its URL-encoded forms) wherever it appears from now on in this process."""
    if value:
        _SECRETS.add(value)


def register_env_secrets(names: Iterable[str | None], env: Mapping[str, str] | None = None) -> None:
    """Register the values of the environment variables `names` (unset ones are skipped)."""
    source = os.environ if env is None else env
    for name in names:
        if name:
            register_secret(source.get(name))


def register_env_fields(settings: Iterable[tuple[str, object]], env: Mapping[str, str] | None = None) -> None:
    """Register the secrets a settings model names: the values of its `*_env` fields' variables.

    Takes a pydantic model (iterating one gives its (field, value) pairs): a target or a notification.
    """
    register_env_secrets(
        (value for field, value in settings if field.endswith("_env") and isinstance(value, str)), env
    )


def _quoted_redacted(match: re.Match[str]) -> str:
    value = match.group(2)
    quote_char = value[0] if value[:1] in ("'", '"') else ""
    return f"{match.group(1)}{quote_char}{REDACTED}{quote_char}"


def redact_secrets(text: str) -> str:
    """`text` with credentials, tokens and registered secrets replaced by [REDACTED]; digits untouched."""
    text = _SECRETS.sub(text)
    text = _HEADER.sub(lambda match: f"{match.group(1) or match.group(2)}{REDACTED}", text)
    text = _CREDENTIAL.sub(lambda match: f"{match.group(1)} {REDACTED}", text)
    text = _SECRET_MEMBER.sub(_quoted_redacted, text)
    return _JWT.sub(REDACTED, text)


def redact(text: str) -> str:
    """`text` with secrets redacted and phone numbers masked: for anything a server or a user wrote."""
    return mask_text(redact_secrets(text))


def redact_value(value: Any) -> Any:
    """A copy of JSON-shaped `value` with every string redacted and phone numbers masked."""
    return mask_value(_secrets_in(value))


def _secrets_in(value: Any) -> Any:
    if isinstance(value, str):
        return redact_secrets(value)
    if isinstance(value, Mapping):
        return {key: _secrets_in(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_secrets_in(item) for item in value]
    return value


class RedactingFilter(logging.Filter):
    """Redacts a log record's message and traceback before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the format: the handler reports it
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


PACKAGE_LOGGER = logging.getLogger("reconciler")
PACKAGE_LOGGER.addFilter(RedactingFilter())  # records logged on the package logger itself
