"""DNC group records as the CXone Admin API takes them: the stored number form and the record's fields."""

from __future__ import annotations

from typing import Any

from reconciler.phones import stored_form
from reconciler.state.numbers import Record

RECORD_FIELDS = {"expired_date": "expiredDate"}
"""A record's manifest fields and their API names (POST /dnc-groups/{id}/records)."""


def record_body(number: str, record: Record) -> dict[str, Any]:
    """One `dncGroupRecords` item for an E.164 number, in the form CXone stores it. The Admin API types
    `phoneNumber` as an integer in postDNCGroupRecordsRequest; the stored digits never start with 0."""
    stored = stored_form(number, platform="cxone")
    body: dict[str, Any] = {"phoneNumber": int(stored) if stored.isdigit() else stored}
    for field, name in RECORD_FIELDS.items():
        if record.get(field) is not None:
            body[name] = record[field]
    return body
