"""Phone numbers are never printed in full: every plan output masks them to their last four digits.

A value looks like a phone number when, written with optional spaces, dashes, dots and parentheses, it
has a leading `+` and 7-15 digits (E.164) or 10-15 bare digits. `+15555550123` becomes `***0123`.
Plan documents and every renderer go through `mask_value` / `mask_text`, so no output path skips it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_NUMBER_SHAPE = re.compile(r"\+?[\s().\-]*\d[\d\s().\-]*")
_IN_TEXT = re.compile(r"(?<![\w+.\-])\+?\(?\d[\d().\-]*(?:\s[\d().\-]+)*(?![\w])")
_E164_DIGITS = range(7, 16)
_BARE_DIGITS = range(10, 16)


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def looks_like_phone(text: str) -> bool:
    """True for a whole string that is a phone number in one of the accepted writings."""
    stripped = text.strip()
    if not _NUMBER_SHAPE.fullmatch(stripped):
        return False
    count = len(_digits(stripped))
    return count in (_E164_DIGITS if stripped.startswith("+") else _BARE_DIGITS)


def mask_number(text: str) -> str:
    return "***" + _digits(text)[-4:]


def mask_text(text: str) -> str:
    """Mask every phone number found inside free text (messages, paths)."""

    def replace(match: re.Match[str]) -> str:
        candidate = match.group(0).rstrip(".-(")
        tail = match.group(0)[len(candidate) :]
        return (mask_number(candidate) + tail) if looks_like_phone(candidate) else match.group(0)

    return _IN_TEXT.sub(replace, text)


def mask_value(value: Any) -> Any:
    """A copy of `value` with phone-number strings (and 10-15 digit integers) masked, recursively."""
    if isinstance(value, str):
        return mask_number(value) if looks_like_phone(value) else mask_text(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return mask_number(str(value)) if len(str(abs(value))) in _BARE_DIGITS else value
    if isinstance(value, Mapping):
        return {key: mask_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [mask_value(item) for item in value]
    return value
