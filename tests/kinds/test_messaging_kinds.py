"""The messaging kinds end to end (issue #17's proof of the KindSpec seam): MessagingCampaign (SMS and email)
with its MessagingCampaignSchedule, DigitalRuleSet and ContactListTemplate validate, apply to a fresh emulated
org, plan empty right after, and replace or switch on the way their specs say. Export round-trips every kind:
tests/test_export.py::test_export_then_plan_is_empty_for_every_kind (their valid fixtures included)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reconciler.apply.run import ApplyOptions
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.store import objects
from reconciler.emulator.manifest_seed import with_lookup_ids
from reconciler.emulator.server import default_seed
from tests.apply.support import FAST, Harness, edit_manifest
from tests.conftest import ROOT
from tests.genesys_contract import request_log

MANIFESTS = """\
apiVersion: genesys/v1
kind: AttemptLimits
metadata: {name: text-limits}
spec: {max_attempts_per_contact: 2, reset_period: TODAY, time_zone_id: America/New_York}
---
apiVersion: genesys/v1
kind: ContactList
metadata: {name: texting-list}
spec:
  column_names: [customer_id, cell_phone, sms_text, email]
  phone_columns:
    - {column_name: cell_phone, type: cell}
  email_columns:
    - {column_name: email, type: personal}
  attempt_limits: text-limits
---
apiVersion: genesys/v1
kind: DncList
metadata: {name: text-dnc}
spec: {dnc_source_type: rds, contact_method: Phone}
---
apiVersion: genesys/v1
kind: CallableTimeSet
metadata: {name: text-hours}
spec:
  callable_times:
    - time_zone_id: America/New_York
      time_slots:
        - {day: 1, start_time: "09:00:00", stop_time: "19:00:00"}
---
apiVersion: genesys/v1
kind: ContactListFilter
metadata: {name: texting-filter}
spec:
  contact_list: texting-list
  filter_type: AND
  clauses:
    - filter_type: AND
      predicates:
        - {column: customer_id, column_type: alphabetic, operator: BEGINS_WITH, value: "A", inverted: false}
---
apiVersion: genesys/v1
kind: DigitalRuleSet
metadata: {name: text-stop-words}
spec:
  contact_list: texting-list
  rules:
    - name: replied-stop
      order: 0
      category: PreContact
      conditions:
        - contact_column_condition_settings:
            {column_name: sms_text, operator: Equals, value: STOP, value_type: String}
      actions:
        - do_not_send_action_settings: {}
---
apiVersion: genesys/v1
kind: ContactListTemplate
metadata: {name: texting-template}
spec:
  column_names: [customer_id, cell_phone, sms_text]
  phone_columns:
    - {column_name: cell_phone, type: cell}
  attempt_limits: text-limits
---
apiVersion: genesys/v1
kind: MessagingCampaign
metadata: {name: reminder-texts}
spec:
  contact_list: texting-list
  messages_per_minute: 30
  campaign_status: "off"
  callable_time_set: text-hours
  dnc_lists: [text-dnc]
  rule_sets: [text-stop-words]
  contact_list_filters: [texting-filter]
  sms_config:
    phone_column: cell_phone
    message_column: sms_text
    sender_sms_phone_number: {phone_number: "+15555550150"}
---
apiVersion: genesys/v1
kind: MessagingCampaignSchedule
metadata: {name: reminder-texts-schedule}
spec:
  messaging_campaign: reminder-texts
  time_zone: America/New_York
  intervals:
    - {start: "2026-07-01T13:00:00.000Z", end: "2026-07-01T20:00:00.000Z"}
---
apiVersion: genesys/v1
kind: MessagingCampaign
metadata: {name: reminder-mail}
spec:
  contact_list: texting-list
  messages_per_minute: 10
  email_config:
    email_columns: [email]
    from_address: {domain: notices.example.com, local_part: reminders}
"""

COLLECTIONS = {
    "messagingcampaigns": {"reminder-texts", "reminder-mail"},
    "digitalrulesets": {"text-stop-words"},
    "contactlisttemplates": {"texting-template"},
}


@pytest.fixture
def harness(tmp_path: Path) -> Harness:
    shutil.copy(ROOT / "reconciler.yaml", tmp_path / "reconciler.yaml")
    folder = tmp_path / "campaigns" / "genesys"
    folder.mkdir(parents=True)
    (folder / "messaging.yaml").write_text(MANIFESTS, encoding="utf-8")
    fresh = Emulator(seed={"lookups": with_lookup_ids(default_seed()["lookups"])})
    return Harness(root=tmp_path, emulator=fresh)


def _applied(harness: Harness, *, allow_delete: bool = False) -> None:
    run = harness.apply(options=ApplyOptions(auto_approve=True, allow_delete=allow_delete, settings=FAST))
    failed = {result.address: result.message for result in run.report.results if not result.ok}
    assert failed == {}


def test_the_messaging_kinds_apply_to_a_fresh_org_and_plan_empty_after(harness: Harness) -> None:
    log = request_log()
    harness.request_hook = log
    _applied(harness)
    assert log.problems() == []  # every request keeps its operation's contract (query, body)
    for key, names in COLLECTIONS.items():
        assert {obj["name"] for obj in objects(harness.emulator, key).values()} == names
    [texts] = [obj for obj in objects(harness.emulator, "messagingcampaigns").values() if "smsConfig" in obj]
    assert texts["smsConfig"]["senderSmsPhoneNumber"] == {"phoneNumber": "+15555550150"}
    assert list(objects(harness.emulator, "messagingcampaignschedules")) == [texts["id"]]
    assert harness.pending() == {}


def test_a_template_column_change_replaces_the_template(harness: Harness) -> None:
    _applied(harness)
    edit_manifest(
        harness,
        "messaging.yaml",
        "[customer_id, cell_phone, sms_text]\n",
        "[customer_id, cell_phone, sms_text, zip]\n",
    )
    assert harness.pending() == {"genesys/ContactListTemplate/texting-template": ["delete", "create"]}
    _applied(harness, allow_delete=True)
    [template] = objects(harness.emulator, "contactlisttemplates").values()
    assert template["columnNames"] == ["customer_id", "cell_phone", "sms_text", "zip"]
    assert harness.pending() == {}


def test_an_sms_campaign_is_switched_on_and_a_rule_edit_is_an_update(harness: Harness) -> None:
    _applied(harness)
    edit_manifest(harness, "messaging.yaml", 'campaign_status: "off"', 'campaign_status: "on"')
    edit_manifest(harness, "messaging.yaml", "value: STOP,", "value: UNSUBSCRIBE,")
    assert harness.pending() == {
        "genesys/MessagingCampaign/reminder-texts": ["update"],
        "genesys/DigitalRuleSet/text-stop-words": ["update"],
    }
    _applied(harness)
    [texts] = [obj for obj in objects(harness.emulator, "messagingcampaigns").values() if "smsConfig" in obj]
    assert texts["campaignStatus"] == "on"
    [rules] = objects(harness.emulator, "digitalrulesets").values()
    assert rules["rules"][0]["conditions"][0]["contactColumnConditionSettings"]["value"] == "UNSUBSCRIBE"
    assert harness.pending() == {}
