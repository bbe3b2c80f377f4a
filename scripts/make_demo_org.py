"""Regenerate reconciler/emulator/fixtures/demo-org.json: the live org the `local` target starts from.

It is campaigns/ (Genesys and CXone) with deliberate differences, so the first `reconciler plan`
on a fresh clone has something to show, for the `local` and the `local-cxone` target alike: objects to
create (missing here), fields to update (changed here) and, for Genesys, an unmanaged object inside
the prune scope (added here).

    python scripts/make_demo_org.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reconciler.emulator.manifest_seed import genesys_seed, stable_id, with_lookup_ids
from reconciler.emulator.server import default_seed
from reconciler.providers.cxone import manifest_seed as cxone
from reconciler.validation import validate_paths

ROOT = Path(__file__).resolve().parent.parent
MISSING = {  # created by the first apply
    "genesys/Campaign/win-back-preview",
    "genesys/CampaignSchedule/win-back-preview-schedule",
    "genesys/CampaignRule/collections-priority-when-few-agents",
    "cxone/Skill/cx-collections-outbound",  # the DNC group's memberships then lack it too
}


def _named(seed: dict[str, Any], collection: str, name: str) -> dict[str, Any]:
    return next(item for item in seed["genesys"][collection] if item.get("name") == name)


def main() -> None:
    result = validate_paths([ROOT / "campaigns"])
    lookups = with_lookup_ids(default_seed()["lookups"])
    kept = [resource for address, resource in result.manifests.items() if address not in MISSING]
    seed = genesys_seed(kept, lookups=lookups)
    # Fields someone changed in the admin UI: the plan updates them back.
    campaign = _named(seed, "campaigns", "q3-renewals")
    campaign.update({"abandonRate": 3.0, "noAnswerTimeout": 20})
    hours = _named(seed, "callabletimesets", "us-eastern-business-hours")
    hours["callableTimes"][0]["timeSlots"][5]["stopTime"] = "17:00:00"
    seed["singletons"]["settings"]["maxCallsPerAgent"] = 3
    # An object nobody declared, inside the prune scope (name_prefix "demo-").
    seed["genesys"]["callabletimesets"].append(
        {
            "id": stable_id("genesys/CallableTimeSet/demo-legacy-hours"),
            "name": "demo-legacy-hours",
            "callableTimes": [
                {
                    "timeZoneId": "America/Denver",
                    "timeSlots": [
                        {"day": day, "startTime": "08:00:00", "stopTime": "20:00:00"} for day in range(1, 6)
                    ],
                }
            ],
        }
    )
    seed["cxone"] = cxone.cxone_seed(kept, lookups=cxone.with_lookup_ids(default_seed()["cxone"]))
    # A dialer setting someone changed in CXone Studio: the plan sets it back.
    seed["cxone"]["parameters"]["cx-renewals-outbound"]["generalSettings"]["maximumRatio"] = 2.5
    out = ROOT / "reconciler" / "emulator" / "fixtures" / "demo-org.json"
    out.write_text(json.dumps(seed, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
