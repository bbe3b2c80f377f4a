"""CXone field tables: which fields each body accepts (with their JSON types) and what new objects hold.

Fields not listed are ignored, as CXone's model binding ignores them; read-only fields sent back in a
PUT body (skillId, isRunning, mediaTypeName ...) are therefore ignored too. Types follow the CJ client
(the Admin API's OpenAPI specs, developer.niceincontact.com/API/AdminAPI) and the manifest models' aliases; where the spec types a field two ways, both pass.
"""

from __future__ import annotations

import re
from typing import Any

from reconciler.emulator.errors import CxoneError

# JSON types: "int", "num" (int or float), "bool", "str", "time" ("HH:MM" or "HH:MM:SS"), "list", "id"
# (positive integer), and unions written "str|num" or "bool|num".
FieldTable = dict[str, str]

MEDIA_TYPES = {
    1: "Email",
    3: "Chat",
    4: "Phone Call",
    5: "Voice Mail",
    6: "Work Item",
    7: "SMS",
    9: "Digital",
}
OUTBOUND_STRATEGIES = ("Personal Connection", "Manual")
PERSONAL_CONNECTION = "Personal Connection"

SKILL_WRITABLE: FieldTable = {
    "skillName": "str",
    "campaignId": "id",
    "callerIdOverride": "str",
    "outboundTelecomRouteId": "id",
    "scriptId": "id",
    "callSuppressionScriptId": "id",
    "priorityBlending": "bool",
    "deliverMultipleNumbersSerially": "bool",
    "initialPriority": "int",
    "acceleration": "int",
    "maxPriority": "int",
    "serviceLevelThreshold": "int",
    "serviceLevelGoal": "int",
    "requireDisposition": "bool",
    "allowSecondaryDisposition": "bool",
    "isActive": "bool",
    "notes": "str",
    "requireManualAccept": "bool",
    "interruptible": "bool",
    "agentless": "bool",
    "agentlessPorts": "int",
    "maxSecondsACW": "int",
    "agentRestTime": "int",
    "enableShortAbandon": "bool",
    "shortAbandonThreshold": "int",
    "countShortAbandons": "bool",
    "cradleToGrave": "bool",
    "priorityInterrupt": "bool",
    "acwTypeId": "int",
    "dispositions": "list",
}
"""PUT /skills/{id} `{"skill": {...}}` (the outbound-relevant part of CJ putSkillsId)."""

SKILL_CREATE: FieldTable = {
    **SKILL_WRITABLE,
    "mediaTypeId": "int",
    "isOutbound": "bool",
    "outboundStrategy": "str",
    "divisionNo": "int",
}
"""POST /skills items: the PUT fields plus those fixed at creation."""

SKILL_REFERENCES = {
    "campaignId": "campaigns",
    "scriptId": "scripts",
    "callSuppressionScriptId": "scripts",
    "outboundTelecomRouteId": "outbound_routes",
}

GENERAL: FieldTable = {
    "minimumRetryMinutes": "int",
    "maximumAttempts": "int",
    "defaultContactExpiration": "int",
    "getPriorityContactsOnContactInsertion": "bool",
    "loadCallbacks": "bool",
    "loadFresh": "bool",
    "loadNonFresh": "bool",
    "overrideBusinessUnitAbandonRate": "bool",
    "maximumRingingDuration": "int",
    "beginDampenPercentage": "int",
    "abandonRateCutoff": "num",
    "abandonRateThreshold": "num",
    "inactiveBlenderTimer": "int",
    "maximumRatio": "int",
    "aggressiveness": "str|int",
    "endOfListNotificationsDelay": "int",
    "notifyAgentsWhenListIsEmpty": "bool",
    "percentageOfAgentsBeforeOverdial": "int",
    "blockMultipleCalls": "bool",
    "consecutiveAttemptsWithoutALiveConnect": "int",
    "enableDialingByProficiency": "bool",
    "proficiencyFactor": "num",
    "waitTimeFactor": "bool|num",
    "maxConcurrentCallsPerAgent": "int",
    "maxWaitTimeSeconds": "int",
    "deliverCallbacksOnDNCHolidays": "bool",
    "deliverPrioritiesOnDNCHolidays": "bool",
}

RETRY: FieldTable = {
    "maximumAttempts": "int",
    "minimumRetryMinutes": "int",
    "finalizeWhenExhausted": "bool",
    "loadNonFresh": "bool",
    "maximumNumberOfHandledCalls": "int",
    "restrictedCallingMinutes": "int",
    "restrictedCallingMaxAttempts": "int",
    "generalStaleMinutes": "int",
    "callbackRestMinutes": "int",
    "callbackStaleMinutes": "int",
    "maximumNumberOfCallbacks": "int",
    "releaseAgentSpecificCalls": "bool",
}

SHARED_GENERAL_RETRY = ("maximumAttempts", "minimumRetryMinutes")
"""Fields general-settings and retry-settings share: editing one edits the other (CXone help, Skill
Parameters General/Retry Settings pages)."""

DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")

SCHEDULE: FieldTable = {"isScheduled": "bool"}
for _day in DAYS:
    SCHEDULE.update({f"{_day}StartTime": "time", f"{_day}EndTime": "time", f"{_day}IsActive": "bool"})

TIME_ZONE: FieldTable = {
    "standardName": "str",
    "startTime": "time",
    "endTime": "time",
    "timeZoneActiveToCall": "bool",
    "overrideTime": "bool",
}

CPA: FieldTable = {
    "abandonTimeout": "int",
    "abandonMsgMode": "int",
    "abandonMessagePath": "str",
    "ansMachineDetMode": "int",
    "ansMachineMsg": "str",
    "ansMachineOverrideSeconds": "int",
    "preConnectCPAEnabled": "bool",
    "preConnectCPARecording": "bool",
    "treatProgressAsRinging": "bool",
    "exceptions": "list",
    "agentOverrideOptionFax": "bool",
    "agentOverrideOptionAnsweringMachine": "bool",
    "agentOverrideOptionBadNumber": "bool",
    "utteranceMinimumSeconds": "num",
    "customerLiveSilenceSeconds": "num",
    "machineMinimumWithAgentSeconds": "num",
    "machineMinimumWithoutAgentSeconds": "num",
    "machineEndSilenceSeconds": "num",
    "machineEndTimeoutSeconds": "num",
    "agentResponseUtteranceMinimumSeconds": "num",
    "agentNoResponseSeconds": "num",
    "agentVoiceThreshold": "num",
    "customerVoiceThreshold": "num",
    "enableCPALogging": "bool",
}

DELIVERY: FieldTable = {
    "confirmationRequiredDisabled": "bool",
    "confirmationRequiredDeliveryType": "int",
    "confirmationRequiredTimeout": "int",
    "confirmationRequiredTimeoutSubsequent": "int",
    "confirmationRequiredDefaultAccept": "bool",
    "confirmationRequiredDefault": "bool",
    "complianceRecordsDisabled": "bool",
    "complianceRecordsDeliveryType": "int",
    "complianceRecordsTimeout": "int",
    "complianceRecordsTimeoutSubsequent": "int",
    "complianceRecordsDefaultAccept": "bool",
}
for _kind in ("Compliance", "Preview"):
    for _button in ("Reschedule", "Requeue", "Snooze", "Disposition"):
        DELIVERY[f"show{_kind}Button{_button}"] = "bool"

XS: FieldTable = {
    "xsScriptID": "id",
    "xsCheckinScriptID": "id",
    "externalOutboundSkill_No": "str",
    "xsSkillChangedActive": "bool",
    "xsGetContactsActive": "bool",
    "xsFreshThreshold": "int",
    "xsAvailableThreshold": "int",
    "xsReadyThreshold": "int",
    "xsNumberToRetrieve": "int",
}
XS_ALIASES = {"xsScriptId": "xsScriptID", "xsCheckinScriptId": "xsCheckinScriptID"}
"""GET spells these ...Id, PUT ...ID (a spec inconsistency); both are accepted, stored as ...ID."""

CADENCE: FieldTable = {
    "attemptMode": "str|int",
    "recordRequestMode": "str|int",
    "destinationRetryRestMinutes": "int",
    "maximumAttempts": "list",
    "cadences": "list",
}
"""Top-level body; its `maximumAttempts` list is read back as `cadenceMaximumAttempts`. The PUT schema
types attemptMode and recordRequestMode as strings, the GET as integers: both are accepted."""

LIST_MANAGEMENT: FieldTable = {
    "displayField1Id": "id",
    "displayField1Name": "str",
    "displayField2Id": "id",
    "displayField2Name": "str",
    "listOrderingOptions": "list",
}


PARAMETER_BLOCKS = (
    "generalSettings",
    "cadenceSettings",
    "deliveryPreferences",
    "callingLists",
    "cpaSettings",
    "retrySettings",
    "filterSettings",
    "listManagementSettings",
    "scheduleSettings",
    "timeZoneSettings",
    "xsSettings",
)
"""The blocks of GET /skills/{id}/parameters, in the order CXone lists them."""

_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _matches(kind: str, value: Any) -> bool:
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "id":
        return isinstance(value, int) and not isinstance(value, bool) and value > 0
    if kind == "num":
        return _is_number(value)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "str":
        return isinstance(value, str)
    if kind == "time":
        return isinstance(value, str) and _TIME.fullmatch(value) is not None
    if kind == "list":
        return isinstance(value, list)
    return any(_matches(part, value) for part in kind.split("|"))


_GENERAL_RANGES: dict[str, tuple[float, float]] = {
    "minimumRetryMinutes": (1, 50000),
    "maximumAttempts": (1, 300),
    "defaultContactExpiration": (1, 527039),
    "maximumRingingDuration": (1, 60),
    "beginDampenPercentage": (0, 100),
    "abandonRateCutoff": (0, 100),
    "abandonRateThreshold": (0, 99.9),
    "inactiveBlenderTimer": (15, 999),
    "maximumRatio": (1, 3),
    "endOfListNotificationsDelay": (0, 3600),
    "percentageOfAgentsBeforeOverdial": (0, 100),
    "consecutiveAttemptsWithoutALiveConnect": (1, 999),
    "proficiencyFactor": (0, 999),
    "waitTimeFactor": (0, 999),
    "maxConcurrentCallsPerAgent": (1, 10),
    "maxWaitTimeSeconds": (0, 999),
}
RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "generalSettings": _GENERAL_RANGES,
    "retrySettings": {
        "maximumAttempts": (1, 300),
        "minimumRetryMinutes": (1, 50000),
        "maximumNumberOfHandledCalls": (1, 300),
        "restrictedCallingMinutes": (0, 9999),
        "restrictedCallingMaxAttempts": (0, 10),
        "generalStaleMinutes": (10, 1440),
        "callbackRestMinutes": (1, 129600),
        "callbackStaleMinutes": (10, 1440),
        "maximumNumberOfCallbacks": (1, 300),
    },
    "cpaSettings": {
        "abandonTimeout": (0, 60),
        "abandonMsgMode": (0, 2),
        "ansMachineDetMode": (0, 9),
        "ansMachineOverrideSeconds": (0, 20),
        "utteranceMinimumSeconds": (0.1, 0.5),
        "customerLiveSilenceSeconds": (0.5, 2),
        "machineMinimumWithAgentSeconds": (2, 10),
        "machineMinimumWithoutAgentSeconds": (2, 10),
        "machineEndSilenceSeconds": (1, 5),
        "machineEndTimeoutSeconds": (5, 60),
        "agentResponseUtteranceMinimumSeconds": (0.1, 4),
        "agentNoResponseSeconds": (0.5, 4),
        "agentVoiceThreshold": (100, 100000),
        "customerVoiceThreshold": (100, 100000),
    },
    "cpaSettings.exceptions": {"attempt_No": (1, 6), "ansMachineDetMode": (0, 9)},
    "deliveryPreferences": {
        "confirmationRequiredDeliveryType": (0, 5),
        "confirmationRequiredTimeout": (1, 300),
        "confirmationRequiredTimeoutSubsequent": (1, 300),
        "complianceRecordsDeliveryType": (0, 5),
        "complianceRecordsTimeout": (1, 300),
        "complianceRecordsTimeoutSubsequent": (1, 300),
    },
    "xsSettings": {
        "xsFreshThreshold": (1, 30000),
        "xsAvailableThreshold": (1, 30000),
        "xsReadyThreshold": (1, 30000),
        "xsNumberToRetrieve": (1, 10000),
    },
}
"""Documented bounds of the block PUTs (mark05e/NiceIncontactAPI-Admin `Admin/Skills`: UpdateSkillGenral,
retry-settings, cpa-management, delivery-preferences, xs-settings); a value outside them is a 400."""


def invalid(description: str) -> CxoneError:
    return CxoneError(400, "InvalidParameter", description)


def check_fields(body: dict[str, Any], table: FieldTable, where: str) -> dict[str, Any]:
    """The known fields of `body`, type-checked (null clears a field); unknown fields are dropped."""
    accepted: dict[str, Any] = {}
    for name, value in body.items():
        kind = table.get(name)
        if kind is None:
            continue
        if value is not None and not _matches(kind, value):
            expected = "HH:MM" if kind == "time" else kind.replace("|", " or ")
            raise invalid(f"{where}: invalid value for {name} (expected {expected})")
        accepted[name] = value
    return accepted


def _out_of_range(fields: dict[str, Any], where: str) -> str | None:
    for name, (low, high) in RANGES.get(where, {}).items():
        value = fields.get(name)
        if value is not None and _is_number(value) and not low <= value <= high:
            return f"{where}: {name} must be between {low:g} and {high:g} (got {value:g})"
    return None


def check_ranges(fields: dict[str, Any], where: str) -> None:
    """400 InvalidParameter naming the first field outside its documented bounds."""
    problem = _out_of_range(fields, where)
    exceptions = fields.get("exceptions") if where == "cpaSettings" else None
    for item in exceptions or []:
        problem = problem or _out_of_range(item, "cpaSettings.exceptions")
    if problem is not None:
        raise invalid(problem)


BLOCK_PATHS = {
    "general-settings": "generalSettings",
    "retry-settings": "retrySettings",
    "schedule-settings": "scheduleSettings",
    "time-zones": "timeZoneSettings",
    "cpa-management": "cpaSettings",
    "delivery-preferences": "deliveryPreferences",
    "xs-settings": "xsSettings",
    "cadence-settings": "cadenceSettings",
    "list-management": "listManagementSettings",
}
"""Sub-paths of /skills/{id}/parameters/ and the block each reads and writes."""

LIST_BLOCKS = ("timeZoneSettings", "callingLists")
"""Blocks that are lists: a write replaces the whole list."""
