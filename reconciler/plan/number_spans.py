"""Finding phone numbers in free text that the digit pattern of reconciler.plan.masking misses.

Two shapes escape a pattern that wants a number standing alone: a number glued to the text after it
(`12125550111x`, `+1 212 555 0111 ext 5`) and a URL-encoded one (`%2B12125550111`). Here the
`phonenumbers` matcher (leniency POSSIBLE, region US, so `+` numbers of every country are read too)
finds the first kind, and `%2B…` runs are decoded and read as numbers.

What counts as a number stays what masking counts: a leading `+` and 7-15 digits, or 10-15 bare
digits. Matches that are part of an identifier are left alone: one glued to the text before it
(`abc1234567890`), or one inside a UUID or a long hexadecimal run (digests, ids), where ten digits
in a row happen by chance, or an ISO date and time (`2021-10-02 09:00`), ten digits with separators.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

_SEPARATORS = r"[\s().\-/\u2010-\u2015]"
_DIGIT_RUN = re.compile(rf"(\+|%2[Bb])?\(?\d(?:(?:{_SEPARATORS}|%20){{0,3}}\d)*")
"""A stretch of digits as a number may be written; the matcher only runs on text that has one."""
_ENCODED = re.compile(r"%2[Bb](?:[\d().\-]|%20|%2[89])+")
_IDENTIFIERS = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|(?<![0-9A-Za-z])[0-9a-fA-F]{16,}(?![0-9A-Za-z])"
    r"|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[ T](?:[01]\d|2[0-3])(?::[0-5]\d){0,2})?"
)
_BARE_DIGITS = range(10, 16)
_E164_DIGITS = range(7, 16)
REGION = "US"


@dataclass(frozen=True)
class NumberSpan:
    """A phone number at text[start:end]; `number` is the form to mask (E.164 where known)."""

    start: int
    end: int
    number: str


def _digit_count(text: str) -> int:
    return sum(1 for char in text if char.isdigit())


def _counts_as_number(written: str) -> bool:
    decoded = unquote(written) if "%" in written else written
    count = _digit_count(decoded)
    return count in (_E164_DIGITS if decoded.lstrip("(").startswith("+") else _BARE_DIGITS)


def may_hold_number(text: str) -> bool:
    """Cheap test before the matcher: some stretch of digits is long enough to be a number."""
    return any(_counts_as_number(run.group(0)) for run in _DIGIT_RUN.finditer(text))


def _encoded_spans(text: str) -> Iterator[NumberSpan]:
    for match in _ENCODED.finditer(text):
        written = match.group(0).rstrip(".-(")
        if _counts_as_number(written):
            yield NumberSpan(match.start(), match.start() + len(written), unquote(written).strip())


def _inside_identifier(start: int, end: int, text: str, identifiers: list[tuple[int, int]]) -> bool:
    glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
    if glued and text[start] != "+":
        return True  # `abc1234567890`: the digits are the tail of a name or id
    return any(low < end and start < high for low, high in identifiers)


def _matched_spans(text: str) -> Iterator[NumberSpan]:
    identifiers = [match.span() for match in _IDENTIFIERS.finditer(text)]
    for match in PhoneNumberMatcher(text, REGION, leniency=Leniency.POSSIBLE):
        raw = match.raw_string
        if "*" in raw or "#" in raw or not _counts_as_number(raw.split("ext")[0].split(";")[0]):
            continue  # an already masked `***0123#7f3a`, or too short to be masked anywhere else
        if _inside_identifier(match.start, match.end, text, identifiers):
            continue
        yield NumberSpan(
            match.start, match.end, phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
        )


def number_spans(text: str) -> list[NumberSpan]:
    """The phone numbers in `text`, left to right, not overlapping."""
    if not may_hold_number(text):
        return []
    found = sorted([*_encoded_spans(text), *_matched_spans(text)], key=lambda span: span.start)
    spans: list[NumberSpan] = []
    for span in found:
        if not spans or span.start >= spans[-1].end:
            spans.append(span)
    return spans
