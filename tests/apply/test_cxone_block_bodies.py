"""Parameter-block PUT bodies hold only what each PUT takes, typed as it takes it (never a read echo)."""

from __future__ import annotations

from typing import Any

from reconciler.apply.cxone_bodies import block_body
from reconciler.providers.cxone.aggregate import per_block_shape

READ: dict[str, Any] = per_block_shape(
    {
        "generalSettings": {
            "maximumRatio": 1,
            "aggressiveness": 2,
            "waitTimeFactor": True,
            "loadFresh": True,
        },
        "cpaSettings": {
            "abandonTimeout": 2,
            "enableCPALogging": "False",
            "exceptions": [{"attemptNo": 6, "ansMachineDetMode": 2, "ansMachineMsg": "final.wav"}],
            "someReadOnlyField": "x",
        },
        "timeZoneSettings": [
            {"name": "Eastern Standard Time", "description": "(UTC-05:00)", "timeZoneActiveToCall": True},
            {"name": "Central Standard Time", "description": "(UTC-06:00)", "timeZoneActiveToCall": True},
        ],
    }
)


def test_general_settings_body_sends_put_types_and_drops_what_it_cannot_type() -> None:
    body = block_body("generalSettings", READ, {"generalSettings": {"maximumRatio": 2}})
    assert body == {"generalSettings": {"maximumRatio": 2, "aggressiveness": "2", "loadFresh": True}}


def test_cpa_body_never_echoes_read_names_or_string_booleans() -> None:
    body = block_body("cpaSettings", READ, {"cpaSettings": {"abandonTimeout": 3}})
    assert body == {
        "cpaSettings": {
            "abandonTimeout": 3,
            "enableCPALogging": False,
            "exceptions": [{"attempt_No": 6, "ansMachineDetMode": 2, "ansMachineMsg": "final.wav"}],
        }
    }


def test_time_zone_body_lists_active_declared_zones_by_standard_name() -> None:
    want = [
        {
            "standardName": "Eastern Standard Time",
            "startTime": "09:00",
            "endTime": "19:00",
            "overrideTime": True,
        },
        {"standardName": "Pacific Standard Time", "timeZoneActiveToCall": False},
    ]
    body = block_body("timeZoneSettings", READ, {"timeZoneSettings": want})
    assert body == {
        "timeZoneSettings": [
            {
                "standardName": "Eastern Standard Time",
                "timeZoneActiveToCall": True,
                "startTime": "09:00",
                "endTime": "19:00",
                "overrideTime": True,
            }
        ]
    }
