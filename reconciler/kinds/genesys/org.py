"""Genesys call analysis response sets, sequences and the two org singletons."""

from __future__ import annotations

from reconciler.kinds.genesys import outbound
from reconciler.kinds.spec import RunStateSpec

SPECS = (
    outbound("CallAnalysisResponseSet", "callanalysisresponsesets", run_state=None, delete_rank=3),
    outbound(
        "Sequence",
        "sequences",
        run_state=RunStateSpec(
            field="status",
            api_field="status",
            on="on",
            off="off",
            busy=frozenset({"on"}),
            turn_on="start",
            turn_off="stop",
            locked=frozenset(),
            exported=True,
        ),
        delete_rank=1,
        references={"campaigns": "Campaign"},
    ),
    outbound(
        "OutboundSettings",
        "settings",
        run_state=None,
        delete_rank=None,
        listing="singleton",
        singleton_name="settings",
        decimal_calls_per_agent=True,
    ),
    outbound(
        "WrapUpCodeMappings",
        "wrapupcodemappings",
        run_state=None,
        delete_rank=None,
        listing="singleton",
        singleton_name="wrapupcodemappings",
    ),
)
