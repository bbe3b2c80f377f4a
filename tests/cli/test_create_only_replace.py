"""`reconciler plan` replaces an object whose create-only field changed (issue #21): a custom DNC list's
exclusion column and a campaign's dynamic queueing settings, as the platform sets them at creation only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import with_lookup_ids
from reconciler.emulator.server import default_seed
from tests.apply.support import demo_repo
from tests.conftest import run_cli

CREATE_ONLY = """\
apiVersion: genesys/v1
kind: DncList
metadata:
  name: opted-out-column
spec:
  dnc_source_type: rds_custom
  custom_exclusion_column: opted_out
---
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: collections-sorted
spec:
  contact_list: collections-list
  dialing_mode: external
  phone_columns:
    - {column_name: phone}
  caller_address: "+15555550103"
  dnc_lists: [internal-dnc]
  callable_time_set: us-central-business-hours
  dynamic_contact_queueing_settings: {sort: true}
  campaign_status: "off"
"""


def _plan(root: Path) -> dict[str, Any]:
    planned = run_cli("plan", "--target", "local", "--format", "json", cwd=root)
    assert planned.code == 0, planned.stdout + planned.stderr
    document: dict[str, Any] = json.loads(planned.stdout)
    return document


def test_a_changed_create_only_field_plans_a_replace_not_an_update(tmp_path: Path) -> None:
    root = demo_repo(tmp_path)
    manifest = root / "campaigns" / "genesys" / "create-only.yaml"
    manifest.write_text(CREATE_ONLY)
    (root / ".reconciler").mkdir()
    Emulator(seed={"lookups": with_lookup_ids(default_seed()["lookups"])}).state.save(
        root / ".reconciler" / "local.json"
    )
    applied = run_cli("apply", "--target", "local", "--auto-approve", cwd=root, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr

    manifest.write_text(
        CREATE_ONLY.replace(
            "custom_exclusion_column: opted_out", "custom_exclusion_column: do_not_call"
        ).replace("{sort: true}", "{sort: false}")
    )
    changes = {change["address"]: change for change in _plan(root)["resource_changes"]}
    for address, field in (
        ("genesys/DncList/opted-out-column", "custom_exclusion_column"),
        ("genesys/Campaign/collections-sorted", "dynamic_contact_queueing_settings"),
    ):
        change = changes[address]
        assert change["actions"] == ["delete", "create"] and change["steps"] == [
            "create",
            "repoint",
            "delete",
        ]
        assert change["action_reason"] == f"immutable field(s) changed: {field}"

    replaced = run_cli(
        "apply", "--target", "local", "--auto-approve", "--allow-delete", cwd=root, timeout=180
    )
    assert replaced.code == 0, replaced.stdout + replaced.stderr
    again = run_cli("plan", "--target", "local", "--detailed-exitcode", cwd=root)
    assert again.code == 0, again.stdout + again.stderr
