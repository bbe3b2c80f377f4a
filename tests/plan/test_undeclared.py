"""No longer declared: what the audit log says this tool applied, and what plan and drift make of it."""

from __future__ import annotations

from pathlib import Path

from reconciler.audit import AuditEntry, AuditLog
from reconciler.audit_applied import last_applied
from reconciler.config import Prune
from reconciler.plan.drift import build_drift
from reconciler.plan.models import Action, DriftStatus
from reconciler.plan.planner import build_plan
from reconciler.state.objects import LiveObject
from tests.plan.support import SET_LIKE_FIELDS, live_object

STRAY = "genesys/Campaign/team-a-old"


def _entry(address: str, action: str, *, target: str = "prod", result: str = "applied") -> AuditEntry:
    return AuditEntry(
        time="2026-12-01T09:00:00.000Z",
        actor="ci-bot",
        commit="0123456789abcdef0123",
        target=target,
        address=address,
        action=action,
        paths=(),
        result=result,
        version=1,
        message=None,
    )


def test_the_last_applied_change_counts_and_a_delete_forgets(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")
    for entry in [
        _entry(STRAY, "create"),
        _entry(STRAY, "update"),
        _entry("genesys/Campaign/gone", "create"),
        _entry("genesys/Campaign/gone", "delete"),
        _entry("genesys/Campaign/failed", "create", result="failed"),
        _entry("genesys/Campaign/elsewhere", "create", target="staging"),
    ]:
        log.append(entry)
    with log.path.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")  # a report reads past what `audit verify` would flag
    found = last_applied(log.path, target="prod")
    assert list(found) == [STRAY]
    assert found[STRAY].action == "update"
    assert found[STRAY].describe().startswith("last applied by commit 0123456789ab (update, 2026-12-01")
    assert last_applied(tmp_path / "missing.jsonl", target="prod") == {}


def _stray() -> LiveObject:
    return live_object(
        {"kind": "Campaign", "name": "team-a-old", "spec": {"abandon_rate": 3}}, platform="genesys"
    )


def test_plan_reports_it_and_deletes_it_only_inside_an_enabled_prune_scope(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "a.jsonl")
    log.append(_entry(STRAY, "create"))
    applied = last_applied(log.path, target="prod")
    common = {
        "desired": {},
        "live": {STRAY: _stray()},
        "levels": {},
        "immutable_fields": {},
        "set_like_fields": SET_LIKE_FIELDS,
        "target_platform": "genesys",
        "applied": applied,
    }
    off = build_plan(
        **common, prune=Prune.model_validate({"enabled": False, "scope": {"name_prefix": "team-a-"}})
    )
    assert off.changes == ()
    assert [(e.address, e.status) for e in off.undeclared] == [(STRAY, DriftStatus.NOT_DECLARED)]
    assert "commit 0123456789ab" in (off.undeclared[0].reason or "")
    pruned = build_plan(
        **common, prune=Prune.model_validate({"enabled": True, "scope": {"name_prefix": "team-a-"}})
    )
    [delete] = pruned.changes
    assert delete.actions == (Action.DELETE,) and pruned.undeclared == ()
    assert (delete.action_reason or "").startswith(
        "no longer declared by any manifest; last applied by commit"
    )
    outside = build_plan(
        **common, prune=Prune.model_validate({"enabled": True, "scope": {"name_prefix": "team-b-"}})
    )
    assert outside.changes == () and len(outside.undeclared) == 1


def test_drift_tells_no_longer_declared_from_never_managed(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "a.jsonl")
    log.append(_entry(STRAY, "create"))
    other = live_object({"kind": "Campaign", "name": "team-a-manual", "spec": {}}, platform="genesys")
    entries = build_drift(
        desired={},
        live={STRAY: _stray(), other.address: other},
        set_like_fields=SET_LIKE_FIELDS,
        prune=Prune.model_validate({"enabled": False, "scope": {"name_prefix": "team-a-"}}),
        target_platform="genesys",
        applied=last_applied(log.path, target="prod"),
    )
    assert [(e.address, e.status) for e in entries] == [
        (other.address, DriftStatus.UNMANAGED),
        (STRAY, DriftStatus.NOT_DECLARED),
    ]
