"""The CXone skill: the dialer's unit; its own fields and its parameter blocks are written separately."""

from __future__ import annotations

from reconciler.kinds.spec import KindSpec, RunStateSpec

PARAMETER_BLOCK_FIELDS = frozenset(
    {
        "general_settings",
        "retry_settings",
        "schedule_settings",
        "time_zones",
        "cpa_settings",
        "delivery_preferences",
    }
)
"""The manifest fields written through /skills/{id}/parameters/... (not PUT /skills/{id})."""

RUNNING = "running"
"""A started skill's live status (read from isRunning): its own fields are locked while it holds."""

SPECS = (
    KindSpec(
        platform="cxone",
        kind="Skill",
        path="/skills",
        listing="envelope",
        items=("skills",),
        total=("totalRecords",),
        id_field="skillId",
        name_field="skillName",
        emulator_key="skills",
        # a running skill refuses PUT /skills/{id} (409 "Cannot update a running skill", Admin API
        # "Skills"): its own fields are edited stop -> update -> start; its parameter blocks while it runs.
        # The run state is operational, never declared.
        run_state=RunStateSpec(
            field="running",
            api_field=None,
            on=RUNNING,
            off="stopped",
            busy=frozenset({RUNNING}),
            turn_on="start",
            turn_off="stop",
            locked=None,
            editable_while_busy=PARAMETER_BLOCK_FIELDS,
        ),
        delete_rank=1,
        references={"campaign": "Campaign"},
        replace_sources={
            "outbound_strategy": "CXone Admin API: POST /skills takes outboundStrategy, PUT /skills/{skillId} does not"
        },
        # time-zone windows are keyed by standard_name, dispositions by disposition (order is priority)
        set_like=frozenset({"time_zones", "dispositions"}),
        replaced_by_hand="CXone cannot delete a skill (the Admin API has no skill DELETE) and a new skill cannot "
        "take the name while the old one has it. In CXone (ACD > Contact Settings > ACD Skills), stop the skill, "
        "rename it (for example to NAME-retired) and deactivate it; the next apply creates it as declared. Or set "
        "the field back to its live value",
        create_requires={
            "campaign": "CXone Admin API, POST /skills: campaignId is required for each skill created "
            "(a skill always belongs to a campaign)"
        },
        paced=True,
    ),
)
