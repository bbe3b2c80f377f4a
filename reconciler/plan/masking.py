"""Phone numbers are never printed in full: each shows its last four digits and a per-run fingerprint.

A value looks like a phone number when, written with optional spaces, dashes, dots and parentheses, it
has a leading `+` and 7-15 digits (E.164) or 10-15 bare digits. `+15555550123` becomes
`***0123#7f3a`: the last four digits, `#`, and the first hex digits of HMAC-SHA256 over the number's
canonical form under a key drawn at random once per process (`secrets.token_bytes`).

- The key is never written anywhere, so an output cannot be reversed by hashing every possible
  number. The price: one number's fingerprint differs from run to run, so documents of different runs
  are compared without fingerprints (`without_fingerprints`, used by reconciler.apply.saved_plan).
- One number renders the same however it is written: the canonical form is E.164 (phonenumbers; a
  bare 10-digit number, or 11 digits starting with 1, is read as a US number), else the digit string.
- Free text is searched twice: by the digit pattern below, then by reconciler.plan.number_spans (the
  phonenumbers matcher, and `%2B…` URL-encoded numbers) for what the pattern misses, such as
  `12125550111x` or `+1 212 555 0111 ext 5`. The second search runs only on text with a long enough
  stretch of digits, and its answers are cached, so masking every plan value stays linear.
- A run of digits that is not one number as a whole is searched for the numbers in it: two numbers
  side by side (`2125550111 3125550111`), or a number next to an ISO date and hour (`2021-10-02 09`,
  ten digits with separators, which is never masked itself).
- Two different numbers never render the same in one run: a registry of the renderings handed out
  gives a later number whose fingerprint is taken a longer one (one hex digit more until it is free).
  The registry holds only renderings and keyed digests, never the numbers.

Plan documents and every renderer go through `mask_value` / `mask_text`, so no output path skips it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import phonenumbers

from reconciler.plan.number_spans import number_spans

_NUMBER_SHAPE = re.compile(r"\+?[\s().\-]*\d[\d\s().\-]*")
_IN_TEXT = re.compile(r"(?<![\w+.\-])\+?\(?\d[\d().\-]*(?:\s[\d().\-]+)*(?![\w])(?!-\w)")  # not inside a UUID
_DATE_TIME = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[ T](?:[01]\d|2[0-3]))?")
"""An ISO date with its hour (`2021-10-02 09`): ten digits with separators, never a phone number's writing."""
_FINGERPRINTED = re.compile(r"(\*\*\*\d{4})#[0-9a-f]+")
_E164_DIGITS = range(7, 16)
_BARE_DIGITS = range(10, 16)
FINGERPRINT_HEX = 4
"""Hex digits of a fingerprint before any collision lengthens it."""


_NOT_DIGIT = re.compile(r"\D")


def _digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text)


def looks_like_phone(text: str) -> bool:
    """True for a whole string that is a phone number in one of the accepted writings."""
    stripped = text.strip()
    if not _NUMBER_SHAPE.fullmatch(stripped):
        return False
    count = len(_digits(stripped))
    return count in (_E164_DIGITS if stripped.startswith("+") else _BARE_DIGITS)


_NANP = re.compile(r"1?[2-9]\d{9}")
"""US/Canada digits (optional country code 1, area code not starting 0 or 1): E.164 is `+1` + the ten."""


@lru_cache(maxsize=65_536)  # a DNC list's numbers recur in before, after, changes and every renderer
def canonical_number(text: str) -> str:
    """The number as one string however it is written: E.164 where phonenumbers reads it, else digits."""
    digits = _digits(text)
    plus = text.strip().startswith("+")
    if _NANP.fullmatch(digits) and (len(digits) == 11 or not plus):
        return "+1" + digits[-10:]  # what phonenumbers gives, ten times faster (tested against it)
    region: str | None
    if plus:
        region = None
    elif len(digits) == 10 or (len(digits) == 11 and digits.startswith("1")):
        region = "US"  # NANP-shaped bare numbers, as DNC-ENTRY reads them
    else:
        return digits
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return digits
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


class Masker:
    """Masks numbers for one run: one secret key, and the renderings it has handed out."""

    def __init__(self, key: bytes, *, fingerprint_hex: int = FINGERPRINT_HEX) -> None:
        self._key = key
        self._start = fingerprint_hex
        self._shown: dict[bytes, str] = {}
        """Keyed digest of a canonical number -> its rendering in this run."""
        self._taken: set[str] = set()
        self._lock = threading.Lock()  # a library caller may mask from several threads: stay one-to-one
        self._found = lru_cache(maxsize=16_384)(self._mask_found)

    def __repr__(self) -> str:
        return f"Masker({len(self._shown)} numbers rendered)"

    def number(self, text: str) -> str:
        """`***` + last four digits + `#` + fingerprint, the same for every writing of one number."""
        canonical = canonical_number(text)
        digest = hmac.digest(self._key, canonical.encode(), hashlib.sha256)
        with self._lock:
            shown = self._shown.get(digest)
            if shown is None:
                shown = self._register(digest, _digits(canonical)[-4:])
        return shown

    def _register(self, digest: bytes, last_four: str) -> str:
        fingerprint = digest.hex()
        for length in range(self._start, len(fingerprint) + 1):
            shown = f"***{last_four}#{fingerprint[:length]}"
            if shown not in self._taken:
                self._taken.add(shown)
                self._shown[digest] = shown
                return shown
        raise AssertionError("two different numbers share a whole HMAC-SHA256 digest")

    def text(self, text: str) -> str:
        """Mask every phone number found inside free text (messages, paths)."""

        def replace(match: re.Match[str]) -> str:
            candidate = match.group(0).rstrip(".-(")
            while candidate.endswith(")") and candidate.count(")") > candidate.count("("):
                candidate = candidate[:-1]  # "(got 15555550100)": the closing parenthesis is the text's
            return self._run(candidate) + match.group(0)[len(candidate) :]

        return self._found(_IN_TEXT.sub(replace, text))

    def _run(self, run: str) -> str:
        """A run of digits and separators with its numbers masked: the whole run when it is one number,
        else each number in it (two numbers side by side, a number next to a date and hour)."""
        if _DATE_TIME.fullmatch(run):
            return run
        if looks_like_phone(run):
            return self.number(run)
        parts: list[str] = []
        last = 0
        for date in _DATE_TIME.finditer(run):
            parts += [self._words(run[last : date.start()]), date.group(0)]
            last = date.end()
        return "".join(parts) + self._words(run[last:])

    def _words(self, piece: str) -> str:
        """`piece` with each longest stretch of space-separated words that is a phone number masked."""
        core = piece.strip()
        if core != piece:
            head, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
            return head + self._words(core) + tail if core else piece
        words = re.split(r"(\s+)", piece)  # words at even indexes, the spaces between at odd ones
        out: list[str] = []
        start = 0
        while start < len(words):
            longest = min(len(words), start + 2 * _E164_DIGITS.stop)  # a number has at most 15 words
            ends = range(longest - (longest - start + 1) % 2, start, -2)  # slices ending on a word
            end = next((end for end in ends if looks_like_phone("".join(words[start:end]))), None)
            out.append(words[start] if end is None else self.number("".join(words[start:end])))
            start = start + 1 if end is None else end
            out.extend(words[start : start + 1])  # the spaces after
            start += 1
        return "".join(out)

    def _mask_found(self, text: str) -> str:
        """`text` with the numbers reconciler.plan.number_spans finds masked."""
        parts: list[str] = []
        last = 0
        for span in number_spans(text):
            parts += [text[last : span.start], self.number(span.number)]
            last = span.end
        return "".join(parts) + text[last:] if parts else text

    def value(self, value: Any) -> Any:
        """A copy of `value` with phone-number strings (and 10-15 digit integers) masked, recursively."""
        if isinstance(value, str):
            return self.number(value) if looks_like_phone(value) else self.text(value)
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return self.number(str(value)) if len(str(abs(value))) in _BARE_DIGITS else value
        if isinstance(value, Mapping):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(item) for item in value]
        return value


_RUN = Masker(secrets.token_bytes(32))
"""This process's masker; its key lives only in memory."""


def mask_number(text: str) -> str:
    return _RUN.number(text)


def mask_text(text: str) -> str:
    """Mask every phone number found inside free text (messages, paths)."""
    return _RUN.text(text)


def mask_value(value: Any) -> Any:
    """A copy of `value` with phone-number strings (and 10-15 digit integers) masked, recursively."""
    return _RUN.value(value)


def without_fingerprints(value: Any) -> Any:
    """A copy of masked `value` with `#fingerprint` cut from each number: comparable across runs."""
    if isinstance(value, str):
        return _FINGERPRINTED.sub(r"\1", value)
    if isinstance(value, Mapping):
        return {key: without_fingerprints(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [without_fingerprints(item) for item in value]
    return value
