"""What new CXone objects hold: skill defaults and the parameter blocks of a new Personal Connection skill.

These are the emulator's own choices; real tenants' defaults are not documented (the 9:00-21:00 window
in the US zones is a third-party claim). Every value lies inside the bounds the block PUTs document
(fields.RANGES), so a new skill's blocks can be PUT back unchanged.
"""

from __future__ import annotations

from typing import Any

from reconciler.emulator.cxone.fields import DAYS, DELIVERY

SKILL_DEFAULTS: dict[str, Any] = {
    "isActive": True,
    "isOutbound": False,
    "outboundStrategy": None,
    "isRunning": False,
    "campaignId": None,
    "callerIdOverride": None,
    "outboundTelecomRouteId": None,
    "scriptId": None,
    "callSuppressionScriptId": None,
    "priorityBlending": False,
    "deliverMultipleNumbersSerially": False,
    "initialPriority": 0,
    "acceleration": 1,
    "maxPriority": 1000,
    "serviceLevelThreshold": 30,
    "serviceLevelGoal": 90,
    "requireDisposition": False,
    "notes": "",
}

CLASSIFICATIONS: tuple[dict[str, Any], ...] = tuple(
    {
        "classificationId": number,
        "classificationName": name,
        "systemOutcome": outcome,
        "isContactFinal": final,
        "isDestinationFinal": final,
        "isAgentSpecific": False,
        "showCommitmentAmount": False,
        "showRescheduleDate": name == "Callback",
    }
    for number, (name, outcome, final) in enumerate(
        (
            ("Success", "Success", True),
            ("Failure", "Failure", True),
            ("Callback", "Callback", False),
            ("Do Not Call", "DNC", True),
            ("Bad Number", "BadNumber", False),
            ("Answering Machine", "AnsweringMachine", False),
        ),
        start=1,
    )
)
"""GET /dispositions/classifications: a system list the Admin API only reads. Its fields are the documented
ones (GetDispostionClassificationsResponse); the names and outcomes are the emulator's own."""


def _weekday(day: str) -> bool:
    return day not in ("sunday", "saturday")


_US_ZONES = (
    "Eastern Standard Time",
    "Central Standard Time",
    "Mountain Standard Time",
    "Pacific Standard Time",
)
TIME_ZONE_DESCRIPTIONS = {
    "Eastern Standard Time": "(UTC-05:00) Eastern Time (US & Canada)",
    "Central Standard Time": "(UTC-06:00) Central Time (US & Canada)",
    "Mountain Standard Time": "(UTC-07:00) Mountain Time (US & Canada)",
    "Pacific Standard Time": "(UTC-08:00) Pacific Time (US & Canada)",
}


def default_parameters() -> dict[str, Any]:
    """The parameter blocks of a new Personal Connection skill."""
    schedule: dict[str, Any] = {"isScheduled": False}
    for day in DAYS:
        schedule.update(
            {f"{day}StartTime": "09:00", f"{day}EndTime": "21:00", f"{day}IsActive": _weekday(day)}
        )
    delivery: dict[str, Any] = {name: (False if kind == "bool" else 0) for name, kind in DELIVERY.items()}
    for name in DELIVERY:
        if name.endswith(("Timeout", "TimeoutSubsequent")):
            delivery[name] = 30  # seconds, 1-300 documented
    delivery["confirmationRequiredDisabled"] = True
    delivery["complianceRecordsDisabled"] = True
    return {
        "generalSettings": {
            "minimumRetryMinutes": 60,
            "maximumAttempts": 3,
            "defaultContactExpiration": 10080,
            "getPriorityContactsOnContactInsertion": False,
            "loadCallbacks": True,
            "loadFresh": True,
            "loadNonFresh": True,
            "overrideBusinessUnitAbandonRate": False,
            "maximumRingingDuration": 25,
            "beginDampenPercentage": 2,
            "abandonRateCutoff": 1.0,
            "abandonRateThreshold": 3.0,
            "inactiveBlenderTimer": 15,
            "maximumRatio": 1,
            "aggressiveness": "1",
            "endOfListNotificationsDelay": 0,
            "notifyAgentsWhenListIsEmpty": False,
            "percentageOfAgentsBeforeOverdial": 0,
            "blockMultipleCalls": True,
            "consecutiveAttemptsWithoutALiveConnect": 10,
            "enableDialingByProficiency": False,
            "proficiencyFactor": 0,
            "waitTimeFactor": 0,
            "maxConcurrentCallsPerAgent": 1,
            "maxWaitTimeSeconds": 2,
            "deliverCallbacksOnDNCHolidays": False,
            "deliverPrioritiesOnDNCHolidays": False,
        },
        "cadenceSettings": {
            "cadenceMaximumAttempts": [],
            "attemptMode": 0,
            "recordRequestMode": 0,
            "destinationRetryRestMinutes": 0,
            "cadences": [],
        },
        "deliveryPreferences": delivery,
        "callingLists": [],
        "cpaSettings": {
            "abandonTimeout": 2,
            "abandonMsgMode": 0,
            "abandonMessagePath": "",
            "ansMachineDetMode": 0,
            "ansMachineMsg": "",
            "ansMachineOverrideSeconds": 0,
            "preConnectCPAEnabled": False,
            "treatProgressAsRinging": False,
            "exceptions": [],
        },
        "retrySettings": {
            "maximumAttempts": 3,
            "minimumRetryMinutes": 60,
            "finalizeWhenExhausted": True,
            "loadNonFresh": True,
            "maximumNumberOfHandledCalls": 1,
            "restrictedCallingMinutes": 0,
            "restrictedCallingMaxAttempts": 0,
            "generalStaleMinutes": 10,
            "callbackRestMinutes": 60,
            "callbackStaleMinutes": 10,
            "maximumNumberOfCallbacks": 3,
            "releaseAgentSpecificCalls": False,
        },
        "filterSettings": {
            "isFilterActive": False,
            "excludePriority": False,
            "excludeCallback": False,
            "applyOptions": 0,
            "filterConditions": [],
        },
        "listManagementSettings": {
            "displayField1Id": None,
            "displayField1Name": "",
            "displayField2Id": None,
            "displayField2Name": "",
            "listOrderingOptions": [],
        },
        "scheduleSettings": schedule,
        "timeZoneSettings": [
            {
                "standardName": zone,
                "startTime": "09:00",
                "endTime": "21:00",
                "timeZoneActiveToCall": True,
                "overrideTime": False,
            }
            for zone in _US_ZONES
        ],
        "xsSettings": {
            "xsScriptID": None,
            "xsCheckinScriptID": None,
            "externalOutboundSkill_No": "",
            "xsSkillChangedActive": False,
            "xsGetContactsActive": False,
            "xsFreshThreshold": 1,
            "xsAvailableThreshold": 1,
            "xsReadyThreshold": 1,
            "xsNumberToRetrieve": 10,
        },
    }
