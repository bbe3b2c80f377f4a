"""DNC group records: phone number normalization, validation and expiry."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.state import JsonObject

_PHONE = re.compile(r"\+?[0-9 ().-]+")


def digits(phone: Any) -> str:
    """The number's digits: the key of a record (+15555550142 and 15555550142 are one number)."""
    return re.sub(r"[^0-9]", "", str(phone))


def parse_date(value: str) -> datetime | None:
    """An ISO date or date-time (a bare date means its midnight, UTC); None when unreadable."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def problem(record: Any) -> str | None:
    """Why a record of a POST or DELETE body cannot be used, or None."""
    if not isinstance(record, dict):
        return "each record is an object with phoneNumber"
    phone = record.get("phoneNumber")
    if isinstance(phone, bool) or not isinstance(phone, (str, int)):
        return "phoneNumber is required"
    if not _PHONE.fullmatch(str(phone)) or not 7 <= len(digits(phone)) <= 15:
        return f"Invalid phone number: {phone}"
    expired = record.get("expiredDate")
    if expired is not None and (not isinstance(expired, str) or parse_date(expired) is None):
        return f"Invalid expiredDate: {expired}"
    return None


def make(emulator: Emulator, record: JsonObject, previous: JsonObject | None = None) -> JsonObject:
    now = emulator.timestamp()
    return {
        "phoneNumber": previous["phoneNumber"] if previous else str(record["phoneNumber"]),
        "formattedPhone": digits(record["phoneNumber"]),
        "expiredDate": record.get("expiredDate"),
        "dateCollected": previous["dateCollected"] if previous else now,
        "lastUpdateTime": now,
    }


def active(emulator: Emulator, record: JsonObject) -> bool:
    """A record counts until its expiredDate has passed."""
    expired = record.get("expiredDate")
    if not expired:
        return True
    moment = parse_date(str(expired))
    return moment is None or moment.timestamp() > emulator.now()
