"""CXone field tables: which fields each body accepts (with their JSON types) and what new objects hold.

Fields not listed are ignored, as CXone's model binding ignores them; read-only fields sent back in a
PUT body (skillId, isRunning, mediaTypeName ...) are therefore ignored too. Types follow the CJ client
(cxone-api.md §0) and the manifest models' aliases; where the spec types a field two ways, both pass.
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
    "beginDampenPercentage": "num",
    "abandonRateCutoff": "num",
    "abandonRateThreshold": "num",
    "inactiveBlenderTimer": "int",
    "maximumRatio": "num",
    "aggressiveness": "str|num",
    "endOfListNotificationsDelay": "int",
    "notifyAgentsWhenListIsEmpty": "bool",
    "percentageOfAgentsBeforeOverdial": "num",
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
"""Fields general-settings and retry-settings share: editing one edits the other (cxone-api.md §5)."""

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
    "attemptMode": "int",
    "recordRequestMode": "int",
    "destinationRetryRestMinutes": "int",
    "maximumAttempts": "list",
    "cadences": "list",
}
"""Top-level body; its `maximumAttempts` list is read back as `cadenceMaximumAttempts`."""

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
