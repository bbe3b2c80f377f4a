"""DNC group records: phone number normalization, validation and expiry."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

_PHONE = re.compile(r"\+?[0-9 ().-]+")
MAX_PER_CALL = 4500
"""Records one POST or DELETE may carry ("Maximum of 4,500 records per upload exceeded")."""
KEPT_AFTER_EXPIRY = 7 * 24 * 3600
"""An expired record stays listed, with its expiredDate, for 7 days; then it is removed permanently."""


def normalised(phone: Any) -> str:
    """The number as CXone stores and searches it ("inContact format"): its digits, without the North
    American country code 1 (the Admin API documents "+1 (801) 244-0005" -> "8012440005")."""
    found = re.sub(r"[^0-9]", "", str(phone))
    return found[1:] if len(found) == 11 and found.startswith("1") else found


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
    if not _PHONE.fullmatch(str(phone)) or not 7 <= len(re.sub(r"[^0-9]", "", str(phone))) <= 15:
        return f"Invalid phone number: {phone}"
    expired = record.get("expiredDate")
    if expired is not None and (not isinstance(expired, str) or parse_date(expired) is None):
        return f"Invalid expiredDate: {expired}"
    return None


def make(emulator: Emulator, record: JsonObject, previous: JsonObject | None = None) -> JsonObject:
    now = emulator.timestamp()
    return {
        "phoneNumber": normalised(record["phoneNumber"]),
        "formattedPhone": normalised(record["phoneNumber"]),
        "expiredDate": record.get("expiredDate"),
        "dateCollected": previous["dateCollected"] if previous else now,
        "lastUpdateTime": now,
    }


def _expiry(record: JsonObject) -> float | None:
    expired = record.get("expiredDate")
    moment = parse_date(str(expired)) if expired else None
    return moment.timestamp() if moment is not None else None


def active(emulator: Emulator, record: JsonObject) -> bool:
    """A record suppresses until its expiredDate has passed."""
    expiry = _expiry(record)
    return expiry is None or expiry > emulator.now()


def listed(emulator: Emulator, record: JsonObject) -> bool:
    """A record is listed until 7 days after its expiredDate (the Admin API's DELETE .../records text)."""
    expiry = _expiry(record)
    return expiry is None or expiry + KEPT_AFTER_EXPIRY > emulator.now()
