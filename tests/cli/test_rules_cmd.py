"""`reconciler rules test` end to end: real processes, text and JSON, masked numbers, located errors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from reconciler.plan.masking import without_fingerprints
from tests.conftest import ROOT, run_cli

Write = Callable[[str, str], Path]

PROJECT = """
manifests: manifests/
"""

MANIFESTS = """
apiVersion: genesys/v1
kind: ContactList
metadata:
  name: collections-list
spec:
  column_names: [account_id, balance, state, cell, home]
  phone_columns:
    - {column_name: cell, type: cell}
    - {column_name: home, type: home}
---
apiVersion: genesys/v1
kind: RuleSet
metadata:
  name: collections-rules
spec:
  contact_list: collections-list
  rules:
    - name: skip-texas
      order: 1
      category: DIALER_PRECALL
      conditions:
        - {type: contactAttributeCondition, attribute_name: state, operator: EQUALS, value: TX, value_type: STRING}
      actions:
        - {type: Action, action_type_name: DO_NOT_DIAL}
    - name: high-balance-caller-id
      order: 2
      category: DIALER_PRECALL
      conditions:
        - {type: contactAttributeCondition, attribute_name: balance, operator: GREATER_THAN_EQUALS, value: "50", value_type: NUMERIC}
      actions:
        - {type: Action, action_type_name: SET_CALLER_ID, properties: {callerAddress: "+15555550100", callerName: Acme}}
    - name: cell-caller-id
      order: 3
      category: DIALER_PRECALL
      conditions:
        - {type: phoneNumberTypeCondition, operator: EQUALS, value: cell}
      actions:
        - {type: Action, action_type_name: SET_CALLER_ID, properties: {callerAddress: "+15555550199", callerName: Acme Mobile}}
"""

CONTACTS = """
account_id,balance,state,cell,home
A1,75,NY,+15555551234,
A2,20,TX,,+15555555678
A3,50,NJ,,+15555559012
"""


def _project(write: Write, contacts: str = CONTACTS) -> tuple[Path, Path]:
    config = write("reconciler.yaml", PROJECT)
    write("manifests/rules.yaml", MANIFESTS)
    return config, write("contacts.csv", contacts)


def _run(config: Path, contacts: Path, *extra: str) -> tuple[int, str, str]:
    result = run_cli("rules", "test", "--contacts", str(contacts), "--config", str(config), *extra)
    return result.code, result.stdout, result.stderr


def test_text_lists_matches_outcomes_counts_and_evidence_with_numbers_masked(write: Write) -> None:
    config, contacts = _project(write)
    code, shown, err = _run(config, contacts, "--at", "2026-12-04T18:30-05:00")
    assert code == 0, err
    assert re.search(r"line 2  \*\*\*1234#[0-9a-f]{4,}: ", shown)
    out = without_fingerprints(shown)  # fingerprints are keyed per run; the lines are checked without them
    assert (
        "line 2  ***1234: high-balance-caller-id, cell-caller-id -> dialed; kept: 'cell-caller-id' sets the caller id to ***0199 (Acme Mobile)"
        in out
    )
    assert "line 3  ***5678: skip-texas -> not dialed (DO_NOT_DIAL of 'skip-texas' wins)" in out
    assert "line 4  ***9012: high-balance-caller-id -> dialed" in out
    assert "order   2  high-balance-caller-id  2" in out
    assert (
        "'high-balance-caller-id' sets the caller id to ***0100 (Acme), 'cell-caller-id' sets the caller id to ***0199 (Acme Mobile): 1 contact(s), lines 2"
        in out
    )
    for number in ("5555551234", "5555555678", "5555559012", "5555550100", "5555550199"):
        assert number not in out


def test_json_carries_the_same_preview_and_only_json(write: Write) -> None:
    config, contacts = _project(write)
    code, out, err = _run(config, contacts, "--format", "json", "--rule-set", "collections-rules")
    assert code == 0, err
    assert re.search(r'"phone": "\*\*\*1234#[0-9a-f]{4,}"', out)
    (rule_set,) = without_fingerprints(json.loads(out)["rule_sets"])
    assert [rule["matches"] for rule in rule_set["rules"]] == [1, 2, 1]
    first = rule_set["contacts"][0]
    assert first["phone"] == "***1234" and first["matched"] == ["high-balance-caller-id", "cell-caller-id"]
    assert rule_set["contacts"][1]["wins"] == {"action": "DO_NOT_DIAL", "rule": "skip-texas"}
    assert rule_set["conflicts"] == [
        {
            "rules": ["high-balance-caller-id", "cell-caller-id"],
            "actions": [
                "sets the caller id to ***0100 (Acme)",
                "sets the caller id to ***0199 (Acme Mobile)",
            ],
            "contacts": 1,
            "lines": [2],
        }
    ]
    assert "5555551234" not in out


def test_a_bad_csv_is_an_error_with_file_and_line(write: Write) -> None:
    config, contacts = _project(write, CONTACTS + "A4,10,NY,+15555550000\n")
    code, out, err = _run(config, contacts)
    assert code == 1 and out == ""
    assert err.strip() == f"error: {contacts}:5: this row has 4 cell(s) but the header names 5 column(s)"
    assert "Traceback" not in err


def test_a_column_a_rule_needs_is_named(write: Write) -> None:
    config, contacts = _project(write, "account_id,state,cell,home\nA1,NY,,\n")
    code, _, err = _run(config, contacts)
    assert code == 1
    assert (
        f"error: {contacts}:1: column 'balance', which rule(s) 'high-balance-caller-id' of rule set 'collections-rules' test"
        in err
    )


def test_phone_conditions_need_a_phone_column(write: Write) -> None:
    config, contacts = _project(write, "account_id,balance,state\nA1,10,NY\n")
    code, _, err = _run(config, contacts)
    assert code == 1
    assert (
        "tests the phone number dialed, but the header has none of its contact list's phone columns (cell, home)"
        in err
    )


def test_unknown_rule_set_and_missing_file(write: Write) -> None:
    config, contacts = _project(write)
    code, _, err = _run(config, contacts, "--rule-set", "nope")
    assert code == 1 and "no rule set named 'nope' in the manifests (rule sets: collections-rules)" in err
    code, _, err = _run(config, contacts.with_name("absent.csv"))
    assert code == 1 and "error: contacts file not found:" in err


def test_demo_rule_set_on_sample_contacts(tmp_path: Path) -> None:
    contacts = tmp_path / "renewals.csv"
    contacts.write_text(
        "customer_id,first_name,policy_tier,renewal_date,state,home_phone,cell_phone\n"
        "1,Ann,closed,2026-12-01,NY,+15555550101,\n"
        "2,Bob,platinum,2026-12-02,NJ,,+15555550122\n"
        "3,Cy,gold,2026-12-03,CA,+15555550133,\n",
        encoding="utf-8",
    )
    result = run_cli("rules", "test", "--contacts", str(contacts), cwd=ROOT)
    assert result.code == 0, result.stderr
    assert "skip-customers-who-opted-out -> not dialed" in result.stdout
    assert "platinum-customers-in-preview -> preview" in result.stdout
    assert "No contact matched two conflicting rules." in result.stdout
