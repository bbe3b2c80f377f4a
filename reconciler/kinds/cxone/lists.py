"""CXone DNC groups and the reporting campaigns that group skills."""

from __future__ import annotations

from reconciler.kinds.spec import KindSpec

SPECS = (
    KindSpec(
        platform="cxone",
        kind="DncGroup",
        path="/dnc-groups",
        listing="envelope",
        items=("resultSet", "dncGroups"),
        total=("resultSet", "totalGroups"),
        id_field="dncGroupId",
        name_field="dncGroupName",
        emulator_key="dnc_groups",
        run_state=None,
        delete_rank=0,
        references={"scrubbed_skills": "Skill", "contributing_skills": "Skill"},
        set_like=frozenset({"scrubbed_skills", "contributing_skills", "records"}),  # keyed by skill, number
    ),
    KindSpec(
        platform="cxone",
        kind="Campaign",
        path="/campaigns",
        listing="envelope",
        items=("campaigns",),
        total=("totalRecords",),
        emulator_key="campaigns",
        run_state=None,
        delete_rank=2,  # after its skills: CXone refuses to deactivate a campaign with active skills
        references={"skills": "Skill"},
        set_like=frozenset({"skills"}),
        # a skill names its campaign, so the campaign's export omits its skills (both would be a cycle)
        export_omits=("skills",),
    ),
)
