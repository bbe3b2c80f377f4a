"""The fields each parameter-block PUT takes, with their JSON types, and a body built from them.

From the Admin API's PUT schemas (mark05e/NiceIncontactAPI-Admin `Admin/Skills`, 2022: UpdateSkillGenral,
retry-settings, schedule-settings, time-zones, cpa-management, delivery-preferences), with the two
general fields the newer generated client adds (calljacob/nice-cxone-api `AdminSkills_UpdateSkillGenral`:
deliverCallbacksOnDNCHolidays, deliverPrioritiesOnDNCHolidays). A block body never echoes what only the
parameters read has (`attemptNo`, a time zone's `name`/`description`) and never a read value of the
wrong type (`enableCPALogging: "False"`, `waitTimeFactor: true`): values are converted to the PUT type
where that is lossless, and left out otherwise (omitted fields keep their values).
"""

from __future__ import annotations

from typing import Any

Types = dict[str, str]

_DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")

PUT_FIELDS: dict[str, Types] = {
    "generalSettings": {
        **dict.fromkeys(
            ("minimumRetryMinutes", "maximumAttempts", "defaultContactExpiration", "maximumRingingDuration"),
            "integer",
        ),
        **dict.fromkeys(
            (
                "getPriorityContactsOnContactInsertion",
                "loadCallbacks",
                "loadFresh",
                "loadNonFresh",
                "overrideBusinessUnitAbandonRate",
                "notifyAgentsWhenListIsEmpty",
                "blockMultipleCalls",
                "enableDialingByProficiency",
                "deliverCallbacksOnDNCHolidays",
                "deliverPrioritiesOnDNCHolidays",
            ),
            "boolean",
        ),
        **dict.fromkeys(
            (
                "beginDampenPercentage",
                "inactiveBlenderTimer",
                "maximumRatio",
                "endOfListNotificationsDelay",
                "percentageOfAgentsBeforeOverdial",
                "consecutiveAttemptsWithoutALiveConnect",
                "maxConcurrentCallsPerAgent",
                "maxWaitTimeSeconds",
            ),
            "integer",
        ),
        **dict.fromkeys(
            ("abandonRateCutoff", "abandonRateThreshold", "proficiencyFactor", "waitTimeFactor"), "number"
        ),
        "aggressiveness": "string",
    },
    "retrySettings": {
        **dict.fromkeys(("loadNonFresh", "finalizeWhenExhausted", "releaseAgentSpecificCalls"), "boolean"),
        **dict.fromkeys(
            (
                "maximumAttempts",
                "minimumRetryMinutes",
                "maximumNumberOfHandledCalls",
                "restrictedCallingMinutes",
                "restrictedCallingMaxAttempts",
                "generalStaleMinutes",
                "callbackRestMinutes",
                "callbackStaleMinutes",
                "maximumNumberOfCallbacks",
            ),
            "integer",
        ),
    },
    "scheduleSettings": {
        "isScheduled": "boolean",
        **{f"{day}{part}": "string" for day in _DAYS for part in ("StartTime", "EndTime")},
        **{f"{day}IsActive": "boolean" for day in _DAYS},
    },
    "timeZoneSettings": {
        "standardName": "string",
        "startTime": "string",
        "endTime": "string",
        "timeZoneActiveToCall": "boolean",
        "overrideTime": "boolean",
    },
    "cpaSettings": {
        **dict.fromkeys(("abandonMessagePath", "ansMachineMsg"), "string"),
        **dict.fromkeys(
            ("abandonMsgMode", "abandonTimeout", "ansMachineDetMode", "ansMachineOverrideSeconds"), "integer"
        ),
        **dict.fromkeys(
            (
                "agentOverrideOptionAnsweringMachine",
                "agentOverrideOptionBadNumber",
                "agentOverrideOptionFax",
                "enableCPALogging",
                "preConnectCPAEnabled",
                "preConnectCPARecording",
                "treatProgressAsRinging",
            ),
            "boolean",
        ),
        **dict.fromkeys(
            (
                "agentNoResponseSeconds",
                "agentResponseUtteranceMinimumSeconds",
                "agentVoiceThreshold",
                "customerLiveSilenceSeconds",
                "customerVoiceThreshold",
                "machineEndSilenceSeconds",
                "machineEndTimeoutSeconds",
                "machineMinimumWithAgentSeconds",
                "machineMinimumWithoutAgentSeconds",
                "utteranceMinimumSeconds",
            ),
            "number",
        ),
        "exceptions": "array",
    },
    "cpaSettings.exceptions": {
        "attempt_No": "integer",
        "ansMachineDetMode": "integer",
        "ansMachineMsg": "string",
    },
    "deliveryPreferences": {
        **dict.fromkeys(
            (
                "confirmationRequiredDisabled",
                "confirmationRequiredDefaultAccept",
                "confirmationRequiredDefault",
                "complianceRecordsDisabled",
                "complianceRecordsDefaultAccept",
            ),
            "boolean",
        ),
        **dict.fromkeys(
            (
                "confirmationRequiredDeliveryType",
                "confirmationRequiredTimeout",
                "confirmationRequiredTimeoutSubsequent",
                "complianceRecordsDeliveryType",
                "complianceRecordsTimeout",
                "complianceRecordsTimeoutSubsequent",
            ),
            "integer",
        ),
        **{
            f"show{kind}Button{button}": "boolean"
            for kind in ("Compliance", "Preview")
            for button in ("Reschedule", "Requeue", "Snooze", "Disposition")
        },
    },
}
"""PUT field types per block; `cpaSettings.exceptions` are the items of the CPA exceptions array."""

_MISSING = object()


def _as(kind: str, value: Any) -> Any:
    """`value` as the PUT type `kind`, or _MISSING when that would lose or invent information."""
    if value is None:
        return None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().casefold() if isinstance(value, str) else ""
        return {"true": True, "false": False}.get(text, _MISSING)
    if isinstance(value, bool):
        return _MISSING
    if kind == "string":
        return value if isinstance(value, str) else str(value) if isinstance(value, int) else _MISSING
    if kind == "integer":
        whole = isinstance(value, float) and value.is_integer()
        return int(value) if isinstance(value, int) or whole else _MISSING
    if kind == "number":
        return value if isinstance(value, (int, float)) else _MISSING
    return value if isinstance(value, list) else _MISSING


def put_fields(block: str, values: dict[str, Any]) -> dict[str, Any]:
    """The fields of `values` the block's PUT takes, each as the PUT types it; the rest left out."""
    types = PUT_FIELDS[block]
    body: dict[str, Any] = {}
    for name, value in values.items():
        kind = types.get(name)
        converted = _MISSING if kind is None else _as(kind, value)
        if converted is _MISSING:
            continue
        if name == "exceptions" and isinstance(converted, list):
            converted = [
                put_fields("cpaSettings.exceptions", item) for item in converted if isinstance(item, dict)
            ]
        body[name] = converted
    return body
