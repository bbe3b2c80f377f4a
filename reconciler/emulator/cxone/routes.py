"""The emulated CXone ACD admin API under /inContactAPI/services/v{NN}.0/ (developer.niceincontact.com/API/AdminAPI).

Auth, rate limits, faults and the request log are the middleware's; handlers answer errors by raising
CxoneError, which the app renders as {error, errorDescription}. Order matters where a literal segment
and an id share a position (/skills/parameters and the Reporting API's /skills/summary before /skills/{skill_id}, /dispositions/classifications before
/dispositions/{disposition_id}).
"""

from __future__ import annotations

from starlette.routing import Route

from reconciler.emulator.cxone import (
    campaign_skills,
    campaigns,
    dispositions,
    dnc_groups,
    parameters,
    reporting,
    scripts,
    skills,
)
from reconciler.emulator.cxone.http import BASE


def routes() -> list[Route]:
    skill = f"{BASE}/skills/{{skill_id}}"
    group = f"{BASE}/dnc-groups/{{group_id}}"
    campaign = f"{BASE}/campaigns/{{campaign_id}}"
    disposition = f"{BASE}/dispositions/{{disposition_id}}"
    return [
        Route(f"{BASE}/skills", skills.list_skills, methods=["GET"]),
        Route(f"{BASE}/skills", skills.create_skills, methods=["POST"]),
        Route(f"{BASE}/skills/parameters", parameters.all_skills_parameters, methods=["GET"]),
        Route(f"{BASE}/skills/summary", reporting.skills_summary, methods=["GET"]),
        Route(skill, skills.get_skill, methods=["GET"]),
        Route(skill, skills.update_skill, methods=["PUT"]),
        Route(f"{skill}/start", skills.start_skill, methods=["POST"]),
        Route(f"{skill}/stop", skills.stop_skill, methods=["POST"]),
        Route(f"{skill}/dispositions", dispositions.skill_dispositions, methods=["GET"]),
        Route(f"{skill}/parameters", parameters.skill_parameters, methods=["GET"]),
        Route(f"{skill}/parameters/{{block}}", parameters.get_block, methods=["GET"]),
        Route(f"{skill}/parameters/{{block}}", parameters.put_block, methods=["PUT"]),
        Route(f"{BASE}/dnc-groups", dnc_groups.list_groups, methods=["GET"]),
        Route(f"{BASE}/dnc-groups", dnc_groups.create_group, methods=["POST"]),
        Route(f"{BASE}/dnc-groups/search", dnc_groups.search, methods=["POST"]),
        Route(group, dnc_groups.get_group, methods=["GET"]),
        Route(group, dnc_groups.update_group, methods=["PUT"]),
        Route(f"{group}/records", dnc_groups.list_records, methods=["GET"]),
        Route(f"{group}/records", dnc_groups.add_records, methods=["POST"]),
        Route(f"{group}/records", dnc_groups.expire_records, methods=["DELETE"]),
        Route(f"{group}/{{membership}}", dnc_groups.list_members, methods=["GET"]),
        Route(f"{group}/{{membership}}/{{skill_id}}", dnc_groups.change_member, methods=["POST", "DELETE"]),
        Route(f"{BASE}/campaigns", campaigns.list_campaigns, methods=["GET"]),
        Route(f"{BASE}/campaigns", campaigns.create_campaign, methods=["POST"]),
        Route(campaign, campaigns.get_campaign, methods=["GET"]),
        Route(campaign, campaigns.update_campaign, methods=["PUT"]),
        Route(f"{campaign}/skills", campaign_skills.list_campaign_skills, methods=["GET"]),
        Route(f"{campaign}/skills/unassigned", campaign_skills.list_campaign_skills, methods=["GET"]),
        Route(f"{campaign}/skills", campaign_skills.assign_skills, methods=["POST"]),
        Route(f"{campaign}/skills", campaign_skills.transfer_skills, methods=["DELETE"]),
        Route(f"{BASE}/dispositions", dispositions.list_dispositions, methods=["GET"]),
        Route(f"{BASE}/dispositions", dispositions.create_dispositions, methods=["POST"]),
        Route(f"{BASE}/dispositions/classifications", dispositions.list_classifications, methods=["GET"]),
        Route(disposition, dispositions.get_disposition, methods=["GET"]),
        Route(disposition, dispositions.update_disposition, methods=["PUT"]),
        Route(f"{BASE}/business-unit/outbound-routes", campaigns.outbound_routes, methods=["GET"]),
        Route(f"{BASE}/scripts/search", scripts.search, methods=["GET"]),
        Route(f"{BASE}/scripts", scripts.open_script, methods=["GET"]),
    ]
