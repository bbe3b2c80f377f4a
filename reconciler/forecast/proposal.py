"""The manifest change a forecast calls for: an outbound line count that keeps every forecast hour
within the campaign's abandon target.

For each forecast hour the open-loop pacing model (reconciler.pacing.analytic) gives the largest dial
rate that meets the target at that hour's answer rate; the lines that rate keeps busy are the calls
ringing (dial rate x mean ring time) plus the calls connected (agents x utilization), by Little's law.
The hour with the highest answer rate allows the fewest lines: its figure, rounded down, is the cap.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from reconciler.forecast.model import Forecast
from reconciler.pacing.analytic import max_dial_rate
from reconciler.pacing.dialer import DialerModel

RING_SECONDS = 15.0


@dataclass(frozen=True)
class Proposal:
    field: str
    current: int | None
    proposed: int
    binding_hour: dt.datetime
    binding_rate: float
    reason: str


@dataclass(frozen=True, kw_only=True)
class CampaignInputs:
    name: str
    agents: int
    handle_seconds: float
    abandon_target: float
    """A fraction: 0.025 = 2.5 %."""
    current_line_count: int | None
    window_seconds: float = 2.0


def safe_lines(inputs: CampaignInputs, live_rate: float) -> float:
    model = DialerModel(
        agents=inputs.agents,
        handle_seconds=inputs.handle_seconds,
        live_rate=live_rate,
        window_seconds=inputs.window_seconds,
        ring_seconds=RING_SECONDS,
    )
    best = max_dial_rate(model, abandon_target=inputs.abandon_target)
    return best.dials_per_minute / 60 * RING_SECONDS + best.utilization * inputs.agents


def propose_line_count(inputs: CampaignInputs, forecast: Forecast) -> Proposal:
    lines = [safe_lines(inputs, rate) for rate in forecast.rates]
    binding = min(range(len(lines)), key=lines.__getitem__)
    proposed = max(1, math.floor(lines[binding]))
    hour, rate = forecast.hours[binding], forecast.rates[binding]
    reason = (
        f"at {hour:{forecast.when_format}} the forecast answer rate peaks at {rate * 100:.1f} %; with "
        f"{inputs.agents} agents and {inputs.handle_seconds:g} s handle time the open-loop pacing model "
        f"meets the {inputs.abandon_target * 100:g} % abandon target with at most {lines[binding]:.1f} lines "
        "in use"
    )
    return Proposal(
        field="outbound_line_count",
        current=inputs.current_line_count,
        proposed=proposed,
        binding_hour=hour,
        binding_rate=rate,
        reason=reason,
    )
