"""A campaign's or skill's pacing inputs (reconciler.pacing.predict.DialerSettings), read from its spec in
manifest shape (declared or live) and its declared `compliance.staffing`.

Genesys campaign: `dialing_mode` (progressive, power, predictive; preview, agentless and external have
no pacing), `abandon_rate`, `outbound_line_count`, `max_calls_per_agent(_decimal)` else the org's
OutboundSettings value, `no_answer_timeout` (the API's default is 30 s), the org's `abandon_seconds` as
the connect window (Genesys' documented default: 2 s), and answering-machine detection from the
campaign's call analysis response set.
CXone skill: Personal Connection's policy; `general_settings.maximum_ratio` 2 or 3 is predictive with up
to that many calls per agent, 1 is progressive; the target is `abandon_rate_threshold` (when the skill
overrides the business unit's) and the dialer falls back to 1:1 at that threshold minus
`abandon_rate_cutoff` (a skill whose cutoff reaches its threshold always dials 1:1 and is not predicted); `maximum_ringing_duration` is the
no-answer timeout, `cpa_settings.abandon_timeout` the connect window and `ans_machine_det_mode` the
machine handling.
Staffing holds what no platform does: agents, handle time, live and machine shares, AMD error rates and
after-call work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reconciler.manifest.models.base import Staffing
from reconciler.pacing.predict import DialerSettings, DialingMode, PacingPolicy
from reconciler.platform import Platform
from reconciler.policy.context import CheckContext, spec_of

DEFAULT_WINDOW_SECONDS = 2.0
"""Genesys' compliance abandon threshold when the org sets none (help.mypurecloud.com, Outbound settings)."""
DEFAULT_NO_ANSWER_SECONDS = 30.0
"""Genesys' `noAnswerTimeout` when a campaign sets none (developer.genesys.cloud, Campaign model)."""
PACED_MODES = frozenset({"progressive", "power", "predictive"})
MACHINE = "disposition.classification.callable.machine"
CXONE_MACHINE_DROPPED = frozenset({2, 3, 5})
"""`ansMachineDetMode` values whose machine-classified calls never reach an agent (end call, play a
message, script without agent); 4 runs a script with an agent."""
CXONE_MACHINE_TO_AGENT = 4


@dataclass(frozen=True)
class MachineHandling:
    """AMD error rates as the platform's settings make them count."""

    false_positive: float
    false_negative: float


def target_of(percent: Any) -> float | None:
    """A usable abandon target as a fraction; a missing or absurd one is ABANDON-RATE's finding."""
    if percent is None or not 0 < float(percent) < 100:
        return None
    return float(percent) / 100


def cxone_overdial_ceiling(general: Mapping[str, Any]) -> float | None:
    """The abandon rate (percent) up to which a CXone skill overdials: its abandon_rate_threshold minus
    its abandon_rate_cutoff ("value subtracted from Abandon Rate Threshold to determine when the system
    limits calling to 1:1", Admin API general-settings). None when no threshold is declared; 0 or less
    means the skill always dials 1:1."""
    threshold = general.get("abandon_rate_threshold")
    if threshold is None:
        return None
    return float(threshold) - float(general.get("abandon_rate_cutoff") or 0)


def genesys_drops_machines(response_set: Mapping[str, Any]) -> bool:
    """Whether a call analysis response set detects machines and does not transfer them to an agent: the
    live people it classes as machines are then dropped (abandoned calls in law)."""
    detects = response_set.get("amd_speech_distinguish_enabled") is not False or bool(
        response_set.get("beep_detection_enabled")
    )
    machine = (response_set.get("responses") or {}).get(MACHINE) or {}
    return detects and machine.get("reaction_type") != "transfer"


def genesys_machine_handling(response_set: Mapping[str, Any] | None, staffing: Staffing) -> MachineHandling:
    """A live person classed as a machine is abandoned only when the machine reaction does not transfer to
    an agent; with detection off, or machines transferred, every machine reaches an agent."""
    declared = MachineHandling(staffing.amd_false_positive, staffing.amd_false_negative)
    if response_set is not None and not genesys_drops_machines(response_set):
        return MachineHandling(false_positive=0.0, false_negative=1.0)
    return declared


def cxone_machine_handling(cpa: Mapping[str, Any], staffing: Staffing) -> MachineHandling:
    mode = cpa.get("ans_machine_det_mode")
    if mode == CXONE_MACHINE_TO_AGENT:
        return MachineHandling(false_positive=0.0, false_negative=1.0)
    return MachineHandling(staffing.amd_false_positive, staffing.amd_false_negative)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def genesys_settings(
    campaign: Mapping[str, Any],
    *,
    staffing: Staffing,
    org: Mapping[str, Any] | None,
    response_set: Mapping[str, Any] | None,
) -> DialerSettings | None:
    """The pacing inputs of a Genesys campaign spec; None when it does not pace or has no usable target."""
    mode = campaign.get("dialing_mode")
    target = target_of(campaign.get("abandon_rate"))
    if mode not in PACED_MODES or target is None or campaign.get("outbound_line_count") == 0:
        return None  # no lines: the campaign places no calls (a rule's setCampaignNumberOfLines 0 pauses it)
    org = org or {}
    calls = campaign.get("max_calls_per_agent_decimal") or campaign.get("max_calls_per_agent")
    if calls is None:
        calls = org.get("max_calls_per_agent_decimal") or org.get("max_calls_per_agent")
    window = org.get("abandon_seconds")
    timeout = campaign.get("no_answer_timeout")
    machines = genesys_machine_handling(response_set, staffing)
    return _settings(
        staffing,
        machines,
        mode=DialingMode(mode),
        abandon_target=target,
        calls_per_agent=_number(calls),
        line_count=campaign.get("outbound_line_count"),
        window_seconds=DEFAULT_WINDOW_SECONDS if window is None else float(window),
        no_answer_timeout_seconds=DEFAULT_NO_ANSWER_SECONDS if timeout is None else float(timeout),
    )


def cxone_settings(skill: Mapping[str, Any], *, staffing: Staffing) -> DialerSettings | None:
    """The pacing inputs of a CXone skill spec; None when its target is the business unit's (unknown)."""
    general = skill.get("general_settings") or {}
    ratio = general.get("maximum_ratio")
    ceiling = target_of(cxone_overdial_ceiling(general))
    if ratio is None or ceiling is None or not general.get("override_business_unit_abandon_rate"):
        return None
    threshold = float(general["abandon_rate_threshold"]) / 100
    cpa = skill.get("cpa_settings") or {}
    window = cpa.get("abandon_timeout")
    return _settings(
        staffing,
        cxone_machine_handling(cpa, staffing),
        mode=DialingMode.PREDICTIVE if int(ratio) > 1 else DialingMode.PROGRESSIVE,
        abandon_target=threshold,
        policy=PacingPolicy.PERSONAL_CONNECTION,
        abandon_cutoff=threshold - ceiling,
        calls_per_agent=float(ratio),
        line_count=None,
        window_seconds=DEFAULT_WINDOW_SECONDS if window is None else float(window),
        no_answer_timeout_seconds=_number(general.get("maximum_ringing_duration")),
    )


def _settings(
    staffing: Staffing,
    machines: MachineHandling,
    *,
    mode: DialingMode,
    abandon_target: float,
    calls_per_agent: float | None,
    line_count: int | None,
    window_seconds: float,
    no_answer_timeout_seconds: float | None,
    policy: PacingPolicy = PacingPolicy.CONTROLLED,
    abandon_cutoff: float = 0.0,
) -> DialerSettings:
    return DialerSettings(
        policy=policy,
        abandon_cutoff=abandon_cutoff,
        mode=mode,
        agents=staffing.agents,
        handle_seconds=staffing.handle_seconds,
        live_rate=staffing.live_rate,
        abandon_target=abandon_target,
        calls_per_agent=calls_per_agent,
        line_count=line_count,
        window_seconds=window_seconds,
        no_answer_timeout_seconds=no_answer_timeout_seconds,
        machine_rate=staffing.machine_rate,
        amd_false_positive=machines.false_positive,
        amd_false_negative=machines.false_negative,
        after_call_seconds=staffing.after_call_seconds,
    )


def genesys_org(context: CheckContext, *, declared: bool = True) -> dict[str, Any] | None:
    """The org's OutboundSettings in manifest shape: the declared fields over the live ones (the object
    after apply), or with `declared=False` the live ones alone; None when neither is known."""
    live = next((dict(obj.essence) for obj in context.live.values() if obj.kind == "OutboundSettings"), None)
    ours = next((spec_of(item) for item in context.resources(Platform.GENESYS, "OutboundSettings")), None)
    if declared and ours is not None:
        return {**(live or {}), **ours}
    return live


def genesys_response_set(context: CheckContext, name: Any, *, declared: bool = True) -> dict[str, Any] | None:
    """A call analysis response set by name, as `genesys_org` reads the org (declared over live, or live)."""
    if not isinstance(name, str):
        return None
    address = f"{Platform.GENESYS}/CallAnalysisResponseSet/{name}"
    live = context.live.get(address)
    spec = None if live is None else dict(live.essence)
    resource = context.manifests.get(address)
    if declared and resource is not None:
        return {**(spec or {}), **spec_of(resource)}
    return spec
