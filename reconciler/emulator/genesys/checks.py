"""The documented 400s of the simpler kinds (SW18 `x-inin-error-codes`, models in purecloudplatformclientv2): contact list
columns, callable time windows, attempt limits, DNC list sources and campaign sequences.
"""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator


def rule_error(code: str, message: str, field: str = "") -> GenesysError:
    """A documented 400 of a kind's rules, naming the field when there is one."""
    details = [{"errorCode": code, "fieldName": field}] if field else []
    return GenesysError(400, code, message, details=details)


def valid_time_zone(name: Any) -> bool:
    if not isinstance(name, str) or not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def contact_list(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    columns: list[str] = body["columnNames"]
    if not columns:
        raise rule_error("no.contact.columns.defined", "There are no contact columns defined.", "columnNames")
    if len(set(columns)) != len(columns):
        raise rule_error(
            "not.unique.contact.columns", "Contact Columns contains duplicate values.", "columnNames"
        )
    phones = [column["columnName"] for column in body.get("phoneColumns") or []]
    if len(set(phones)) != len(phones):
        raise rule_error(
            "not.unique.phone.columns", "Phone Number Columns contain duplicate values.", "phoneColumns"
        )
    if any(phone not in columns for phone in phones):
        raise rule_error(
            "contact.columns.do.not.contain.phone.number.column",
            "Every phone column must be one of the contact columns.",
            "phoneColumns",
        )
    automatic = bool(body.get("automaticTimeZoneMapping"))
    zip_column = body.get("zipCodeColumnName")
    if zip_column and not automatic:
        raise rule_error(
            "cannot.have.zip.code.column.without.automatic.time.zone.mapping",
            "The zip code column can only be used when automatic time zone mapping is also being used",
            "zipCodeColumnName",
        )
    if zip_column and (zip_column not in columns or zip_column in phones):
        raise rule_error(
            "invalid.zip.code.column",
            "The zip code column must be a column of the contact list and cannot be a phone column",
            "zipCodeColumnName",
        )
    if automatic and any(column.get("callableTimeColumn") for column in body.get("phoneColumns") or []):
        raise rule_error(
            "cannot.have.callable.time.column.with.automatic.time.zone.mapping",
            "The phone columns cannot reference callable time columns when automatic time zone mapping is being used",
            "phoneColumns",
        )


def contact_list_filter(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    """A filter of a contact list names it (ContactListFilter, purecloudplatformclientv2: required when sourceType is ContactList, the default)."""
    if body.get("sourceType", "ContactList") == "ContactList" and not (body.get("contactList") or {}).get(
        "id"
    ):
        raise rule_error(
            "contact.list.cannot.be.blank",
            "Could not create the contact list filter because the contact list field was blank.",
            "contactList",
        )


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise rule_error("invalid.start.time", f"'{text}' is not a time of day (HH:mm:ss).") from None


def callable_time_set(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    for window in body["callableTimes"]:
        if not valid_time_zone(window.get("timeZoneId")):
            raise rule_error(
                "invalid.time.zone", "There is an unrecognized time zone.", "callableTimes.timeZoneId"
            )
        for slot in window["timeSlots"]:
            if not 1 <= slot["day"] <= 7:
                raise rule_error("invalid.day", "Days must be within 1 - 7.", "callableTimes.timeSlots.day")
            if _clock(slot["startTime"]) >= _clock(slot["stopTime"]):
                raise rule_error(
                    "invalid.start.time", "Start time must be before stop time.", "callableTimes.timeSlots"
                )


def attempt_limits(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    per_contact, per_number = body.get("maxAttemptsPerContact"), body.get("maxAttemptsPerNumber")
    given = [value for value in (per_contact, per_number) if value is not None]
    if not given or any(value <= 0 for value in given):
        raise rule_error("incorrect.max.value", "Max values must be > 0 and one of them must be defined")
    if per_contact is not None and per_contact > 100:
        raise rule_error(
            "exceeded.max.attempts.per.contact", "The maximum attempts per contact limit is 100."
        )
    if per_number is not None and per_number > 100:
        raise rule_error("exceeded.max.attempts.per.number", "The maximum attempts per number limit is 100.")
    if "timeZoneId" in body and not valid_time_zone(body["timeZoneId"]):
        raise rule_error("invalid.time.zone", "Not recognized as a valid time zone.", "timeZoneId")


_DNC_SOURCE_NEEDS = {
    "dnc.com": ("loginId", "dncCodes"),
    "gryphon": ("licenseId",),
    "rds_custom": ("customExclusionColumn",),
}


def dnc_list(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    for field in _DNC_SOURCE_NEEDS.get(body["dncSourceType"], ()):
        if not body.get(field):
            raise rule_error(
                "dnc.source.configuration.invalid", "The dnc source configuration is invalid", field
            )
    if current is not None and current.get("dncSourceType") != body["dncSourceType"]:
        raise rule_error("invalid.update", "The dncSourceType of a DNC list cannot change.", "dncSourceType")


def sequence(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    if not body["campaigns"]:
        raise rule_error("campaign.sequence.is.empty", "The dialer campaign sequence is empty.", "campaigns")
    if current is None:
        body["currentCampaign"] = 0
        return
    campaign_ids = [ref.get("id") for ref in body["campaigns"]]
    was = [ref.get("id") for ref in current.get("campaigns") or []]
    if body["status"] != current.get("status") and campaign_ids != was:
        raise rule_error(
            "campaign.sequence.cannot.change.both.status.and.campaigns",
            "Change the status and the campaigns of a sequence in separate updates.",
        )


def sequence_delete(emulator: Emulator, current: JsonObject) -> None:
    if current.get("status") == "on":
        raise rule_error("campaign.sequence.in.use", "The campaign sequence is already in use.")
