"""The monitor reads each campaign's jurisdictions and calls as the checks do: its own, else the target's
or project's defaults, with the states its reach adds."""

from __future__ import annotations

from pathlib import Path

from reconciler.config import load_project
from reconciler.monitor.run import monitored_objects
from reconciler.validation import load_manifests

CAMPAIGNS = """apiVersion: genesys/v1
kind: Campaign
metadata:
  name: national
spec:
  contact_list: renewals
  dialing_mode: preview
  phone_columns:
    - {column_name: phone}
  caller_name: Acme
  caller_address: "+12125550100"
compliance:
  reach: [US-FL]
---
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: plain
spec:
  contact_list: renewals
  dialing_mode: agentless
  phone_columns:
    - {column_name: phone}
  caller_name: Acme
  caller_address: "+12125550100"
"""


def test_monitored_campaigns_carry_their_reach_and_calls(tmp_path: Path) -> None:
    (tmp_path / "campaigns.yaml").write_text(CAMPAIGNS, encoding="utf-8")
    (tmp_path / "reconciler.yaml").write_text(
        "manifests: [campaigns.yaml]\ncompliance: {jurisdictions: [US], purpose: debt_collection}\n",
        encoding="utf-8",
    )
    project = load_project(tmp_path / "reconciler.yaml")
    validation = load_manifests([tmp_path / "campaigns.yaml"], project=project)
    found = {item.name: item for item in monitored_objects(validation, project, "genesys")}
    assert found["national"].jurisdictions == ("US", "US-FL")
    assert found["plain"].jurisdictions == ("US",)
    assert found["national"].calling == ("debt_collection", "live")
    assert found["plain"].calling == ("debt_collection", "prerecorded")  # agentless
