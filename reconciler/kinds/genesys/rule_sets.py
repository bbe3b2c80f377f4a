"""Genesys rule sets (/api/v2/outbound/rulesets)."""

from __future__ import annotations

from reconciler.kinds.genesys import outbound

SPECS = (
    outbound(
        "RuleSet", "rulesets", run_state=None, delete_rank=3, references={"contact_list": "ContactList"}
    ),
)
