"""What PUT and POST /skills accept: the PUT schema's fields and types, skill-name rules, running skills.

The PUT body's root has `additionalProperties: false`: a field the schema does not have is refused
("Invalid UnauthorizedParameter"), as is `screenPopTriggerEvent` sent as the string GET returns
("ScreenPopTriggerEvent - Invalid type. Expected Integer, Null but got String"); a running skill
cannot be updated (409) and a name taken by another skill is 400 "Skill name in use". Names are
1-30 characters from letters, digits, space and `-_.()^`. Sources: the Admin API "Skills"
specification (putSkillRequest; developer.niceincontact.com/API/AdminAPI, as published in
mark05e/NiceIncontactAPI-Admin) and the newer calljacob/nice-cxone-api putSkillsId, whose field list
(a superset: isActive, requireManualAccept, outboundTelecomRouteId ...) is followed where they differ.
"""

from __future__ import annotations

import re
from typing import Any

from reconciler.emulator.cxone.fields import SKILL_WRITABLE, FieldTable, check_fields, invalid
from reconciler.emulator.errors import CxoneError

SKILL_PUT: FieldTable = {
    **SKILL_WRITABLE,
    "mediatypeid": "int",
    "divisionNo": "int",
    "emailFromAddress": "str",
    "emailFromEditable": "bool",
    "emailBccAddress": "str",
    "reskillHours": "int",
    "minWFIAgents": "int",
    "minWFIAvailableAgents": "int",
    "enableParking": "bool",
    "minWorkingTime": "int",
    "stateIdACW": "int",
    "displayThankyou": "bool",
    "thankYouLink": "str",
    "popThankYou": "bool",
    "popThankYouUrl": "str",
    "makeTranscriptAvailable": "bool",
    "transcriptFromAddress": "str",
    "useScreenPops": "bool",
    "screenPopTriggerEvent": "int",
    "useCustomScreenPops": "bool",
    "screenPopType": "str",
    "screenPopDetails": "str",
    "chatWarningThreshold": "int",
    "agentTypingIndicator": "bool",
    "patronTypingIndicator": "bool",
    "smsTransportCodeId": "int",
    "messageTemplateId": "int",
    "acwPostTimeoutStateId": "int",
    "evaluationCriteria": "int",
    "EquityLevel": "int",
    "FallbackTime": "int",
    "FocusLock": "int",
    "FocusMetric": "int",
}
"""PUT /skills/{id} `{"skill": {...}}`: every field the (newer) PUT schema has."""

SKILL_NAME_MAX = 30
SKILL_NAME = re.compile(r"[A-Za-z0-9\-_.()^ ]{1,30}")
"""putSkillRequest.skillName: minLength 1, maxLength 30, pattern ^(([a-zA-Z0-9-_\\.\\(\\)^\\s])*)$."""

RUNNING = CxoneError(409, "Conflict", "Invalid state.  Cannot update a running skill")


def check_skill_name(name: Any) -> str:
    """The name if CXone takes it; else 400 "Invalid skillName" saying why."""
    if not isinstance(name, str) or not name.strip():
        raise invalid("Invalid skillName: the name must not be empty")
    if len(name) > SKILL_NAME_MAX:
        raise invalid(f"Invalid skillName: at most {SKILL_NAME_MAX} characters (got {len(name)})")
    if SKILL_NAME.fullmatch(name) is None:
        raise invalid("Invalid skillName: only letters, digits, spaces and - _ . ( ) ^ are allowed")
    return name


def check_screen_pop(fields: dict[str, Any]) -> None:
    value = fields.get("screenPopTriggerEvent")
    if isinstance(value, str):
        raise invalid("ScreenPopTriggerEvent - Invalid type. Expected Integer, Null but got String")


def check_skill_put(changes: dict[str, Any]) -> dict[str, Any]:
    """The fields of a PUT body, refused whole (400) when one is not in the schema or mistyped."""
    unknown = sorted(set(changes) - SKILL_PUT.keys())
    if unknown:
        raise invalid(f"Invalid UnauthorizedParameter: {', '.join(unknown)}")
    check_screen_pop(changes)
    fields = check_fields(changes, SKILL_PUT, "skill")
    if "skillName" in fields:
        check_skill_name(fields["skillName"])
    return fields
