"""What rule actions set, and which two contradict (the RULE-CONFLICT action table).

An action *claims* a value for a slot of its target: a campaign's running state, priority, dialing
mode …; a call's caller id, skills, callback; one contact column. Two claims contradict when they name
the same slot of the same target with different values — whoever runs last would win, silently:

| slot (target)                  | actions                                         | contradict when |
|--------------------------------|-------------------------------------------------|-----------------|
| running (campaign / sequence)  | turnOnCampaign vs turnOffCampaign, turnOn/OffSequence | on vs off |
| priority, dialing mode, abandon rate, number of lines, relative weight, max calls per agent, messages per minute, queue, template (campaign) | setCampaign* / change* | different values |
| caller id (the call)           | SET_CALLER_ID                                    | different number or name |
| column C (the contact)         | MODIFY_CONTACT_ATTRIBUTE                         | different values, except that increments and decrements commute |
| skills (the call)              | SET_SKILLS                                       | different skill sets |
| callback (the contact)         | SCHEDULE_CALLBACK                                | different offsets |

Not contradictions: DO_NOT_DIAL, CONTACT_UNCALLABLE and NUMBER_UNCALLABLE against anything (not
dialing wins whatever the order, and the ARCHITECTURE row does not list it), SWITCH_TO_PREVIEW against
anything, DNC appends, data actions and recycleCampaign (they set no value).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from reconciler.manifest.models.genesys_campaign_rules import CampaignRuleAction
from reconciler.manifest.models.genesys_rule_sets import DialerAction
from reconciler.policy.constraints import number_text


@dataclass(frozen=True)
class Claim:
    """One value an action sets: `slot` names what, `value` compares, `text` tells a person."""

    slot: str
    value: str
    text: str
    commutes: bool = False


def contradicts(a: Claim, b: Claim) -> bool:
    return a.slot == b.slot and a.value != b.value and not (a.commutes and b.commutes)


# --- campaign rules ----------------------------------------------------------------------------------

_SWITCHES = {
    "turnOnCampaign": "on",
    "turnOffCampaign": "off",
    "turnOnSequence": "on",
    "turnOffSequence": "off",
}
# action type -> (slot, parameter fields compared)
_SETTINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "setCampaignPriority": ("priority", ("priority",)),
    "setCampaignDialingMode": ("dialing mode", ("dialing_mode",)),
    "setCampaignAbandonRate": ("abandon rate (%)", ("abandon_rate",)),
    "setCampaignNumberOfLines": ("number of lines", ("outbound_line_count",)),
    "setCampaignWeight": ("relative weight", ("relative_weight",)),
    "setCampaignMaxCallsPerAgent": ("max calls per agent", ("max_calls_per_agent",)),
    "setCampaignMessagesPerMinute": (
        "messages per minute",
        ("messages_per_minute", "sms_messages_per_minute", "email_messages_per_minute"),
    ),
    "changeCampaignQueue": ("queue", ("queue",)),
    "changeCampaignTemplate": ("template", ("sms_content_template", "email_content_template")),
}


def _shown(value: object) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    return str(value)


def campaign_claims(action: CampaignRuleAction) -> list[Claim]:
    kind = action.action_type
    if kind in _SWITCHES:
        state = _SWITCHES[kind]
        return [Claim("running", state, f"turns it {state} ({kind})")]
    setting = _SETTINGS.get(kind)
    if setting is None or action.parameters is None:
        return []
    slot, fields = setting
    values = [getattr(action.parameters, name) for name in fields]
    shown = ", ".join(_shown(value) for value in values if value is not None) or "nothing"
    return [
        Claim(
            slot,
            json.dumps([_shown(v) if v is not None else None for v in values]),
            f"sets its {slot} to {shown} ({kind})",
        )
    ]


# --- rule sets -----------------------------------------------------------------------------------------


class DialEffect(StrEnum):
    """What a pre-call action does to the call itself."""

    NOT_DIALED = "not dialed"
    PREVIEW = "preview"


STOPPING = frozenset({"DO_NOT_DIAL", "CONTACT_UNCALLABLE", "NUMBER_UNCALLABLE"})


def dial_effect(action: DialerAction) -> DialEffect | None:
    if action.action_type_name in STOPPING:
        return DialEffect.NOT_DIALED
    if action.action_type_name == "SWITCH_TO_PREVIEW":
        return DialEffect.PREVIEW
    return None


def dialer_claims(action: DialerAction) -> list[Claim]:
    props = action.properties or {}
    kind = action.action_type_name
    if kind == "SET_CALLER_ID":
        number, name = props.get("callerAddress", ""), props.get("callerName", "")
        shown = f"{number} ({name})" if name else number
        return [Claim("caller id", json.dumps([number, name]), f"sets the caller id to {shown}")]
    if kind == "SET_SKILLS":
        skills = _skills(props.get("skills", ""))
        return [Claim("skills", json.dumps(skills), f"sets the skills to {', '.join(skills) or 'none'}")]
    if kind == "SCHEDULE_CALLBACK":
        offset = props.get("callbackOffset", "")
        return [Claim("callback", offset, f"schedules a callback in {offset} minutes")]
    if kind == "MODIFY_CONTACT_ATTRIBUTE":
        return [
            _column_claim(column, value, action.update_option or "SET") for column, value in props.items()
        ]
    return []


def _column_claim(column: str, value: str, option: str) -> Claim:
    texts = {
        "SET": f"sets column {column} to '{value}'",
        "INCREMENT": f"increments column {column} by {value}",
        "DECREMENT": f"decrements column {column} by {value}",
        "CURRENT_TIME": f"sets column {column} to the current time",
    }
    compared = "" if option == "CURRENT_TIME" else value
    return Claim(
        f"column {column}",
        f"{option}:{compared}",
        texts.get(option, f"changes column {column}"),
        commutes=option in ("INCREMENT", "DECREMENT"),
    )


def _skills(text: str) -> list[str]:
    """SET_SKILLS carries a JSON array string; anything else is compared as one name."""
    try:
        parsed = json.loads(text)
    except ValueError:
        return [text] if text else []
    return sorted(str(item) for item in parsed) if isinstance(parsed, list) else [str(parsed)]
