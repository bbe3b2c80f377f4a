"""The aggregate shape of GET /skills/{id}/parameters and GET /skills/parameters, from stored blocks.

The emulator stores each block as its own PUT takes it; the aggregate read answers the shapes the
Admin API documents for it (mark05e/NiceIncontactAPI-Admin `Admin/Skills`, calljacob/nice-cxone-api
`AdminSkillsService.getSkillsIdParameters`): `scheduleSettings` as `{isScheduled, schedules: [{day,
active, startTime, endTime}]}`, time-zone items keyed by `name` with a `description`, `aggressiveness`
and `maximumRatio` as integers, CPA exceptions with `attemptNo`, `enableCPALogging` as a string, and
the GET spellings `xsScriptId`, `xsCheckinScriptId`, `displayField2NAme`.
"""

from __future__ import annotations

import copy
from typing import Any

from reconciler.emulator.cxone.defaults import TIME_ZONE_DESCRIPTIONS
from reconciler.emulator.cxone.fields import DAYS
from reconciler.emulator.state import JsonObject

GET_SPELLINGS = {
    "xsSettings": {"xsScriptID": "xsScriptId", "xsCheckinScriptID": "xsCheckinScriptId"},
    "listManagementSettings": {"displayField2Name": "displayField2NAme"},
}


def _schedule(block: JsonObject) -> JsonObject:
    return {
        "isScheduled": block.get("isScheduled"),
        "schedules": [
            {
                "day": day.capitalize(),
                "active": block.get(f"{day}IsActive"),
                "startTime": block.get(f"{day}StartTime"),
                "endTime": block.get(f"{day}EndTime"),
            }
            for day in DAYS
        ],
    }


def _zone(zone: JsonObject) -> JsonObject:
    name = str(zone.get("standardName", ""))
    return {
        "name": name,
        "description": TIME_ZONE_DESCRIPTIONS.get(name, name),
        "overrideTime": zone.get("overrideTime"),
        "timeZoneActiveToCall": zone.get("timeZoneActiveToCall"),
        "startTime": zone.get("startTime"),
        "endTime": zone.get("endTime"),
    }


def _integer(value: Any) -> Any:
    """A PUT value (aggressiveness is a string there) as the aggregate's integer."""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _general(block: JsonObject) -> JsonObject:
    rendered = dict(block)
    for name in ("aggressiveness", "maximumRatio"):
        if name in rendered:
            rendered[name] = _integer(rendered[name])
    return rendered


def _cpa(block: JsonObject) -> JsonObject:
    rendered = dict(block)
    exceptions = rendered.get("exceptions")
    if isinstance(exceptions, list):
        rendered["exceptions"] = [
            {("attemptNo" if key == "attempt_No" else key): value for key, value in item.items()}
            for item in exceptions
        ]
    if isinstance(rendered.get("enableCPALogging"), bool):
        rendered["enableCPALogging"] = str(rendered["enableCPALogging"])
    return rendered


def aggregate(parameters: JsonObject) -> JsonObject:
    """Stored (PUT-shaped) blocks as the aggregate GET answers them."""
    rendered = copy.deepcopy(parameters)
    rendered["scheduleSettings"] = _schedule(rendered.get("scheduleSettings") or {})
    rendered["timeZoneSettings"] = [_zone(zone) for zone in rendered.get("timeZoneSettings") or []]
    rendered["generalSettings"] = _general(rendered.get("generalSettings") or {})
    rendered["cpaSettings"] = _cpa(rendered.get("cpaSettings") or {})
    for block, spellings in GET_SPELLINGS.items():
        rendered[block] = {
            spellings.get(key, key): value for key, value in (rendered.get(block) or {}).items()
        }
    return rendered
