"""Reading a CXone org: list endpoints only, one bulk parameter read, three reads per DNC group."""

from __future__ import annotations

from collections import Counter
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.kinds.cxone.skill import PARAMETER_BLOCK_FIELDS
from reconciler.providers.cxone.discovery import API_PATH
from reconciler.providers.cxone.fetch import live_objects
from reconciler.providers.cxone.kinds import KINDS, LOOKUPS, PARAMETER_BLOCKS
from reconciler.providers.cxone.manifest_seed import BLOCKS
from tests.providers.cxone.support import read

LISTINGS = len(KINDS) + len(LOOKUPS) + 1  # every kind and lookup, and GET /skills/parameters


def _skill(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "skillName": name,
        "isOutbound": True,
        "outboundStrategy": "Personal Connection",
        "campaignName": "reporting",
        **extra,
    }


def _org(skills: int, groups: int) -> Emulator:
    emulator = Emulator()
    names = [f"pc-{n:03}" for n in range(skills)]
    seed = {
        "campaigns": [{"name": "reporting"}],
        "skills": [_skill(name) for name in names],
        "dnc_groups": [{"name": f"dnc-{n}"} for n in range(groups)],
        "scrubbed": {f"dnc-{n}": names for n in range(groups)},
        "dnc_records": {
            "dnc-0": ["+15555550170", {"phoneNumber": "+15555550171", "expiredDate": "2099-01-31"}]
        }
        if groups
        else {},
    }
    apply_seed(emulator, {"cxone": seed})
    return emulator


def _gets(emulator: Emulator) -> Counter[str]:
    """GET requests the emulator answered, by route under the API root."""
    gets: Counter[str] = Counter()
    for (method, path), count in emulator.requests.items():
        if method == "GET":
            gets[path.removeprefix(API_PATH)] += count
    return gets


def test_request_count_is_the_listings_plus_three_per_dnc_group() -> None:
    emulator = _org(skills=130, groups=2)
    snapshot, sent = read(emulator)
    skill_pages = 2  # 130 skills at 100 per page
    member_pages = 2  # each group scrubs all 130 skills: two pages of scrubbed skills
    assert sent == LISTINGS + (skill_pages - 1) + 2 * 3 + 2 * (member_pages - 1)
    gets = _gets(emulator)
    assert gets["/skills/parameters"] == 1
    assert gets["/skills/{id}"] == 0 and gets["/skills/{id}/parameters"] == 0  # never one GET per skill
    assert gets["/dnc-groups/{id}/records"] == 2
    objects = {obj.address: obj for obj in live_objects(snapshot)}
    assert len([a for a in objects if a.startswith("cxone/Skill/")]) == 130
    group = objects["cxone/DncGroup/dnc-0"].essence
    assert len(group["scrubbed_skills"]) == 130 and group["contributing_skills"] == []
    assert group["records"] == [
        {"phone_number": "+15555550170"},
        {"phone_number": "+15555550171", "expired_date": "2099-01-31"},
    ]


def test_an_empty_org_answers_204_everywhere_and_reads_as_nothing() -> None:
    emulator = Emulator()
    snapshot, sent = read(emulator)
    assert sent == LISTINGS
    assert live_objects(snapshot) == []
    assert snapshot.index.knows("OutboundRoute") and snapshot.index.knows("Script")


def test_only_the_wanted_kinds_pay_for_their_details() -> None:
    emulator = _org(skills=3, groups=4)
    snapshot, sent = read(emulator, kinds=["Campaign"])
    assert sent == LISTINGS - 1  # no parameters, no per-group reads
    (campaign,) = live_objects(snapshot)
    assert campaign.essence["skills"] == ["pc-000", "pc-001", "pc-002"]
    assert snapshot.index.id_of("DncGroup", "dnc-3") is not None  # still named for references


def test_skill_essence_joins_its_parameter_blocks_and_names_its_references() -> None:
    emulator = Emulator()
    apply_seed(
        emulator,
        {
            "cxone": {
                "campaigns": [{"name": "reporting"}],
                "outbound_routes": [{"name": "Route A"}],
                "scripts": [{"name": "Script A"}],
                "skills": [
                    _skill("pc", outboundTelecomRouteId=1001, scriptId=1001, callerIdOverride="+15555550100"),
                    {"skillName": "inbound-voice", "isOutbound": False, "mediaTypeId": 4},
                ],
                "parameters": {
                    "pc": {
                        "generalSettings": {"maximumRatio": 2.0},
                        "timeZoneSettings": [{"standardName": "Eastern Standard Time", "startTime": "09:00"}],
                        "cpaSettings": {"exceptions": [{"attempt_No": 2, "ansMachineDetMode": 1}]},
                    }
                },
            }
        },
    )
    snapshot, _ = read(emulator)
    objects = {obj.address: obj for obj in live_objects(snapshot)}
    assert "cxone/Skill/inbound-voice" not in objects  # inbound skills are not managed ...
    assert snapshot.index.id_of("Skill", "inbound-voice") is not None  # ... but can be named
    skill = objects["cxone/Skill/pc"]
    essence = skill.essence
    assert (essence["campaign"], essence["outbound_telecom_route"], essence["script"]) == (
        "reporting",
        "Route A",
        "Script A",
    )
    assert essence["general_settings"]["maximum_ratio"] == 2.0
    assert essence["time_zones"] == [{"standard_name": "Eastern Standard Time", "start_time": "09:00"}]
    assert essence["cpa_settings"]["exceptions"] == [{"attempt_no": 2, "ans_machine_det_mode": 1}]
    assert "skill_id" not in essence and "is_running" not in essence
    assert skill.version is None and skill.fingerprint.startswith("sha256:")
    assert skill.platform_id == str(snapshot.index.id_of("Skill", "pc"))


def test_every_parameter_block_read_is_a_skill_manifest_block() -> None:
    declared = PARAMETER_BLOCK_FIELDS
    assert set(BLOCKS) == declared and len(PARAMETER_BLOCKS) == len(declared)
