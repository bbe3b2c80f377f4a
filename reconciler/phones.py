"""Phone numbers in one form: parsed with `phonenumbers`, compared as E.164, sent as the platform stores them.

Manifests and DNC CSV files write numbers in E.164 (a leading `+` and the country code; spaces, dashes,
dots and parentheses are tolerated and dropped). A number without the leading `+` is refused rather
than guessed into a country, and so is a cell that a spreadsheet would run as a formula. So is a number
with an extension (`ext. 12`, `x12`, a trailing `x`: a DNC list matches whole dialed numbers), one written
with an international dialing prefix (`011` from North America, `00` elsewhere) and one whose digits are
not its E.164 digits (a national trunk prefix such as `+44 (0)20`); the refusal says the E.164 form when
`phonenumbers` can derive it (ITU-T E.164; the `phonenumbers` package, a port of Google's libphonenumber).

Genesys Cloud DNC lists are sent and compared in E.164 (a live number that does not parse is compared as
stored, so it never matches a declared number by accident). NICE CXone stores DNC group
records in its own normalised form: the NICE CXone Admin API documents that "+1 (801) 244-0005" is
stored and searched as "8012440005" (the national number for the North American plan, +1). For other
countries the stored form is not documented; it is taken to be the country code and national number
without the `+`, and live records in either form are read back to E.164 for comparison.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers

from reconciler.platform import Platform, parse_platform

FORMULA_STARTS = ("=", "@", "-")
"""Cells a spreadsheet evaluates (OWASP CSV injection); `+` counts too unless a phone number follows."""
_WRITTEN = re.compile(r"\+[\d\s().\-]+")
_DIGITS = re.compile(r"\+?[\d\s().\-]*\d[\d\s().\-]*")
_SEPARATORS = re.compile(r"[\s().\-]")
_EXTENSION = re.compile(
    r"(?P<number>.*?\d)[\s,;]*(?P<extension>(?:ext\.?|extension|x|#)\s*\d*)", re.IGNORECASE
)
INTERNATIONAL_PREFIXES = ("011", "00")
"""Dialing prefixes for an international call: 011 in the North American plan, 00 in most other countries."""
NANP = 1
NOT_E164 = "is not in E.164: write the country code after a leading + (e.g. +1 and ten digits for the US)"


def problem_of(text: str) -> str | None:
    """Why `text` cannot be used as a DNC number, or None when it is a valid number written in E.164.

    The problem may name the number's E.164 form: callers mask it like any number they show."""
    stripped = text.strip()
    if stripped.startswith(FORMULA_STARTS):
        return "looks like a spreadsheet formula, not a phone number"
    extension = _EXTENSION.fullmatch(stripped)
    if extension is not None and _DIGITS.fullmatch(extension["number"]):
        return _with_e164(
            f"has an extension ({extension['extension']}), which no dialed number carries: write the number alone",
            extension["number"],
        )
    if stripped.startswith("+") and not _WRITTEN.fullmatch(stripped):
        return "looks like a spreadsheet formula, not a phone number"
    if not stripped.startswith("+"):
        return _unprefixed_problem(stripped)
    parsed = _parse(stripped)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return "is not a valid phone number"
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if _SEPARATORS.sub("", stripped) != e164:
        return f"is not written as E.164 (its digits are not the number's: a national trunk prefix?): write {e164}"
    return None


def e164_of_written(text: str) -> str | None:
    """The E.164 form of a valid number however it is written (a leading +, an international dialing
    prefix, or the country code without +), or None when `phonenumbers` cannot derive one for sure."""
    digits = _SEPARATORS.sub("", text.strip())
    if not _DIGITS.fullmatch(digits):
        return None
    if digits.startswith("+"):
        candidates = [digits]
    else:
        prefixes = [prefix for prefix in INTERNATIONAL_PREFIXES if digits.startswith(prefix)]
        candidates = ["+" + digits[len(prefix) :] for prefix in prefixes[:1]] or ["+" + digits]
    for candidate in candidates:
        parsed = _parse(candidate)
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return None


def _unprefixed_problem(stripped: str) -> str:
    digits = _SEPARATORS.sub("", stripped)
    prefix = next((prefix for prefix in INTERNATIONAL_PREFIXES if digits.startswith(prefix)), None)
    if prefix is not None:
        return _with_e164(
            f"is written with the international dialing prefix {prefix}, not in E.164: write the + form",
            stripped,
        )
    e164 = e164_of_written(stripped) if digits.isdigit() and len(digits) > 10 else None
    if e164 is None:
        return NOT_E164
    return f"is not in E.164 (no leading + before the country code): write {e164} if that is the number meant"


def _with_e164(problem: str, written: str) -> str:
    e164 = e164_of_written(written)
    return f"{problem}, {e164}" if e164 is not None else problem


def to_e164(text: str) -> str | None:
    """The E.164 form of a number written with a leading `+`, or None when it does not parse."""
    stripped = text.strip()
    if not _WRITTEN.fullmatch(stripped):
        return None
    parsed = _parse(stripped)
    if parsed is None:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def e164_or_written(text: str) -> str:
    """E.164 when the number parses, else the text as written (an invalid entry is a DNC-ENTRY finding)."""
    return to_e164(text) or text.strip()


def stored_form(e164: str, *, platform: str) -> str:
    """The number as `platform` stores it: E.164 on Genesys, CXone's normalised digits on CXone."""
    return STORED_FORMS[parse_platform(platform)].to_stored(e164)


def from_stored(text: object, *, platform: str) -> str:
    """A live number read back to E.164: CXone's digits without `+`; on Genesys, what was stored (E.164
    when it parses, else the text as stored, so it compares equal with the same text declared)."""
    return STORED_FORMS[parse_platform(platform)].read_back(str(text).strip())


def _cxone_stored(e164: str) -> str:
    parsed = _parse(e164)
    if parsed is None:
        return re.sub(r"\D", "", e164)
    if parsed.country_code == NANP:
        return phonenumbers.national_significant_number(parsed)
    return f"{parsed.country_code}{phonenumbers.national_significant_number(parsed)}"


def _cxone_read_back(raw: str) -> str:
    if raw.startswith("+"):
        return e164_or_written(raw)
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 10:
        return e164_or_written("+1" + digits)
    return e164_or_written("+" + digits) if digits else raw


def _unchanged(e164: str) -> str:
    return e164


@dataclass(frozen=True)
class StoredForm:
    """How a platform stores a number (from E.164) and how a stored one reads back (to E.164)."""

    to_stored: Callable[[str], str]
    read_back: Callable[[str], str]


STORED_FORMS = {
    Platform.GENESYS: StoredForm(to_stored=_unchanged, read_back=e164_or_written),
    Platform.CXONE: StoredForm(to_stored=_cxone_stored, read_back=_cxone_read_back),
}


def _parse(text: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
