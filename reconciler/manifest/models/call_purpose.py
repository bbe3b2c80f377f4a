"""Why and how a campaign calls: the purposes and technologies a jurisdiction's rules are written for."""

from __future__ import annotations

from typing import Literal, get_args

Purpose = Literal["sales", "informational", "debt_collection", "charity", "survey", "political"]
"""sales: telephone solicitation / telemarketing; charity: soliciting donations; debt_collection: collecting
a consumer debt (Regulation F); informational, survey and political calls sell nothing."""

Technology = Literal["live", "prerecorded", "text"]
"""live: a person speaks to the called party; prerecorded: an artificial or prerecorded voice (an
agentless campaign, an automatic dial-announcing device); text: a text message."""

PURPOSES: tuple[str, ...] = get_args(Purpose)
TECHNOLOGIES: tuple[str, ...] = get_args(Technology)
DEFAULT_PURPOSE = "sales"
DEFAULT_TECHNOLOGY = "live"

Calling = tuple[str, str]
"""Why and how a campaign calls: (purpose, technology)."""
SALES_LIVE: Calling = (DEFAULT_PURPOSE, DEFAULT_TECHNOLOGY)
"""A sales call by a live person: what a campaign that says nothing else makes."""
