"""Genesys callable time sets and the campaign and sequence schedules (one per campaign or sequence)."""

from __future__ import annotations

from reconciler.kinds.genesys import outbound

SPECS = (
    outbound("CallableTimeSet", "callabletimesets", run_state=None, delete_rank=3),
    outbound(
        "CampaignSchedule",
        "schedules/campaigns",
        run_state=None,
        delete_rank=0,
        emulator_key="campaignschedules",
        listing="array",  # a bare JSON array, listed with no query parameters (the operation takes none)
        owner="campaign",
        schedule=True,
        references={"campaign": "Campaign"},
    ),
    outbound(
        "SequenceSchedule",
        "schedules/sequences",
        run_state=None,
        delete_rank=0,
        emulator_key="sequenceschedules",
        listing="array",
        owner="sequence",
        schedule=True,
        references={"sequence": "Sequence"},
    ),
)
