"""The parameters read in its documented shapes reaches the manifest shape once, with nothing to drift."""

from __future__ import annotations

from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.providers.cxone.aggregate import per_block_shape
from reconciler.providers.cxone.fetch import live_objects
from tests.providers.cxone.support import read

DOCUMENTED_ITEM: dict[str, Any] = {
    "skillName": "pc",
    "skillNo": 1001,
    "generalSettings": {"maximumRatio": 2.0, "aggressiveness": 3, "waitTimeFactor": True},
    "scheduleSettings": {
        "isScheduled": True,
        "schedules": [
            {"day": "Monday", "active": True, "startTime": "09:00:00", "endTime": "19:30"},
            {"day": "sat", "active": False, "startTime": "10:00", "endTime": "14:00"},
        ],
    },
    "timeZoneSettings": [
        {
            "name": "Eastern Standard Time",
            "description": "(UTC-05:00) Eastern Time (US & Canada)",
            "overrideTime": True,
            "timeZoneActiveToCall": True,
            "startTime": "09:00",
            "endTime": "19:30",
        },
        {"name": "Pacific Standard Time", "description": "(UTC-08:00)", "timeZoneActiveToCall": False},
    ],
    "cpaSettings": {"enableCPALogging": "False", "exceptions": [{"attemptNo": 6, "ansMachineDetMode": 2}]},
    "xsSettings": {"xsScriptId": 5},
}


def test_documented_aggregate_shapes_become_the_per_block_shapes() -> None:
    blocks = per_block_shape(DOCUMENTED_ITEM)
    assert blocks["scheduleSettings"] == {
        "isScheduled": True,
        "mondayStartTime": "09:00",
        "mondayEndTime": "19:30",
        "mondayIsActive": True,
        "saturdayStartTime": "10:00",
        "saturdayEndTime": "14:00",
        "saturdayIsActive": False,
    }
    assert blocks["timeZoneSettings"] == [
        {
            "standardName": "Eastern Standard Time",
            "overrideTime": True,
            "timeZoneActiveToCall": True,
            "startTime": "09:00",
            "endTime": "19:30",
        }
    ]  # the deactivated zone is left out, so it never drifts
    assert blocks["cpaSettings"] == {
        "enableCPALogging": False,
        "exceptions": [{"attempt_No": 6, "ansMachineDetMode": 2}],
    }
    assert (blocks["generalSettings"]["maximumRatio"], blocks["generalSettings"]["aggressiveness"]) == (2, 3)
    assert blocks["xsSettings"] == {"xsScriptID": 5}


def test_a_skill_read_through_the_aggregate_matches_its_manifest_blocks() -> None:
    emulator = Emulator()
    seed = {
        "campaigns": [{"name": "reporting"}],
        "skills": [
            {
                "skillName": "pc",
                "isOutbound": True,
                "outboundStrategy": "Personal Connection",
                "campaignName": "reporting",
            }
        ],
        "parameters": {
            "pc": {
                "scheduleSettings": {"isScheduled": True, "mondayStartTime": "09:00", "mondayIsActive": True},
                "timeZoneSettings": [
                    {
                        "standardName": "Central Standard Time",
                        "timeZoneActiveToCall": True,
                        "startTime": "10:00",
                    },
                    {"standardName": "Eastern Standard Time", "timeZoneActiveToCall": False},
                ],
                "cpaSettings": {"exceptions": [{"attempt_No": 2, "ansMachineDetMode": 3}]},
                "generalSettings": {"aggressiveness": "2", "maximumRatio": 3},
            }
        },
    }
    apply_seed(emulator, {"cxone": seed})
    snapshot, _ = read(emulator)
    essence = {obj.address: obj for obj in live_objects(snapshot)}["cxone/Skill/pc"].essence
    assert essence["schedule_settings"]["monday_start_time"] == "09:00"
    assert essence["schedule_settings"]["monday_is_active"] is True
    assert [zone["standard_name"] for zone in essence["time_zones"]] == ["Central Standard Time"]
    assert essence["cpa_settings"]["exceptions"] == [{"attempt_no": 2, "ans_machine_det_mode": 3}]
    assert (essence["general_settings"]["aggressiveness"], essence["general_settings"]["maximum_ratio"]) == (
        2,
        3,
    )
