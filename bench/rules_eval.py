"""Benchmark of the rule preview (`reconciler rules test`): 100,000 contacts through a 20-rule set.

Generates a rule set of 20 pre-call rules typed by the real manifest model — text equality, IN lists,
begins-with / contains patterns, numeric bounds, between, inverted conditions, the phone number type and
a time-of-day window — and N contacts (seeded, so every run sees the same data) with seven columns and
two phone columns. Then, timed separately: compiling the rule set once, and evaluating every contact
(matching rules, outcome, match counts and conflict evidence, as the command does), wall and CPU time.
Reading the same contacts from a CSV file (`read_contacts`) and building the per-contact result list
the renderers print are timed apart, so the command's total is visible too; printing is not timed.

    python bench/rules_eval.py                  # --contacts 100000 --rules 20 --runs 3
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from reconciler.manifest.models.genesys_rule_sets import RuleSetSpec
from reconciler.rules.contacts import read_contacts
from reconciler.rules.preview import compile_rule_set, evaluate

TIERS = ("bronze", "silver", "gold", "platinum", "closed", "gold-plus")
STATES = ("NY", "NJ", "CA", "TX", "FL", "OK", "MD", "WA")
SEGMENTS = ("new", "renewal", "winback", "vip", "churned")
PHONE_COLUMNS = (("cell_phone", "cell"), ("home_phone", "home"))
TARGET_SECONDS = 2.0


def _attribute(
    column: str, operator: str, value: str, value_type: str = "STRING", **extra: Any
) -> dict[str, Any]:
    condition = {"type": "contactAttributeCondition", "attribute_name": column, "operator": operator}
    return {**condition, "value": value, "value_type": value_type, **extra}


def _conditions(index: int) -> list[dict[str, Any]]:
    """Twenty rules' conditions: one to three each, every supported shape represented."""
    shapes = [
        [_attribute("tier", "EQUALS", TIERS[index % len(TIERS)])],
        [_attribute("state", "IN", ",".join(STATES[index % 4 : index % 4 + 3]))],
        [_attribute("balance", "GREATER_THAN_EQUALS", str(100 * index), "NUMERIC")],
        [
            _attribute("days_past_due", "BETWEEN", f"{index},{index + 30}", "NUMERIC"),
            _attribute("segment", "EQUALS", "churned", inverted=True),
        ],
        [
            _attribute("tier", "BEGINS_WITH", "gold"),
            {"type": "phoneNumberTypeCondition", "operator": "EQUALS", "value": "cell"},
        ],
        [
            _attribute("first_name", "CONTAINS", "an"),
            _attribute("balance", "LESS_THAN", str(50 * index), "NUMERIC"),
        ],
        [
            {
                "type": "timeAndDateCondition",
                "time_zone_id": "America/New_York",
                "sub_conditions": [
                    {"type": "timeOfDay", "operator": "BETWEEN", "range": {"min": "09:00", "max": "20:00"}}
                ],
            },
            _attribute("state", "EQUALS", STATES[index % len(STATES)]),
        ],
    ]
    return shapes[index % len(shapes)]


def _actions(index: int) -> list[dict[str, Any]]:
    choice = index % 5
    if choice == 0:
        return [{"type": "Action", "action_type_name": "DO_NOT_DIAL"}]
    if choice == 1:
        return [{"type": "Action", "action_type_name": "SWITCH_TO_PREVIEW"}]
    if choice == 2:
        caller = {"callerAddress": f"+1555555{index:04d}", "callerName": f"Line {index}"}
        return [{"type": "Action", "action_type_name": "SET_CALLER_ID", "properties": caller}]
    if choice == 3:
        return [
            {
                "type": "modifyContactAttribute",
                "action_type_name": "MODIFY_CONTACT_ATTRIBUTE",
                "update_option": "SET",
                "properties": {"segment": SEGMENTS[index % len(SEGMENTS)]},
            }
        ]
    return [
        {"type": "Action", "action_type_name": "SET_SKILLS", "properties": {"skills": f'["skill-{index}"]'}}
    ]


def rule_set(rules: int) -> RuleSetSpec:
    return RuleSetSpec.model_validate(
        {
            "rules": [
                {
                    "name": f"rule-{index:02d}",
                    "order": index + 1,
                    "category": "DIALER_PRECALL",
                    "conditions": _conditions(index),
                    "actions": _actions(index),
                }
                for index in range(rules)
            ]
        }
    )


def contacts(count: int, seed: int = 7) -> list[tuple[int, dict[str, str]]]:
    rng = random.Random(seed)
    names = ("Ann", "Dan", "Eve", "Ivan", "Jana", "Bob", "Stan", "Lee")
    rows = []
    for line in range(2, count + 2):
        cell = f"+1555{rng.randrange(10**7):07d}" if rng.random() < 0.8 else ""
        rows.append(
            (
                line,
                {
                    "first_name": rng.choice(names),
                    "tier": rng.choice(TIERS),
                    "state": rng.choice(STATES),
                    "balance": f"{rng.uniform(0, 2500):.2f}",
                    "days_past_due": str(rng.randrange(0, 120)),
                    "segment": rng.choice(SEGMENTS),
                    "cell_phone": cell,
                    "home_phone": f"+1555{rng.randrange(10**7):07d}",
                },
            )
        )
    return rows


def _csv_seconds(rows: list[tuple[int, dict[str, str]]]) -> float:
    """Seconds to read the contacts back from a CSV file, as `rules test --contacts` does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(rows[0][1].keys())
            writer.writerows(row.values() for _, row in rows)
        started = time.perf_counter()
        table = read_contacts(path)
        elapsed = time.perf_counter() - started
    assert len(table.rows) == len(rows)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--rules", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    spec, rows = rule_set(args.rules), contacts(args.contacts)
    at = dt.datetime(2026, 12, 4, 18, 30, tzinfo=dt.UTC)
    for run in range(1, args.runs + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        compiled = compile_rule_set(spec, name="bench", at=at, phone_columns=PHONE_COLUMNS)
        compiled_at = time.perf_counter()
        preview = evaluate(compiled, rows)
        done, cpu = time.perf_counter(), time.process_time() - cpu_started
        evaluate_s, total_s = done - compiled_at, done - started
        verdict = "met" if total_s <= TARGET_SECONDS else "NOT met"
        print(
            f"run {run}: {len(rows):,} contacts x {len(compiled.rules)} rules: compile "
            f"{1000 * (compiled_at - started):.1f} ms, evaluate {evaluate_s:.3f} s, "
            f"{len(rows) / evaluate_s:,.0f} contacts/s; wall {total_s:.3f} s, CPU {cpu:.3f} s "
            f"(target <= {TARGET_SECONDS:g} s: {verdict})"
        )
    started = time.perf_counter()
    results = preview.contacts
    listing_s = time.perf_counter() - started
    print(f"per-contact result list (what the renderers print): {listing_s:.3f} s")
    print(f"reading the same contacts from a CSV file: {_csv_seconds(rows):.3f} s")
    matched = sum(1 for contact in results if contact.outcome.matched)
    print(
        f"contacts matched by at least one rule: {matched:,}; matches per rule: {preview.matches}; "
        f"distinct outcomes: {len(preview.outcomes)}; conflicting pairs seen: {len(preview.evidence)} "
        f"({sum(preview.evidence_counts.values()):,} contact-pairs)"
    )


if __name__ == "__main__":
    main()
