"""The fault matrix of issue #5: every fault ends with the org equal to the manifests (a following plan
is empty), no duplicates, unmanaged fields untouched, stale managed edits refused, and an audit log
that verifies. Faults are injected into the in-process emulator; retries are fast in tests."""

from __future__ import annotations

import pytest

from reconciler.apply.results import ChangeResult, Outcome
from reconciler.audit import verify
from reconciler.emulator.genesys.admin_writes import external_edit
from tests.apply.support import Harness


class Killed(BaseException):
    """Stands in for the apply process dying: not an Exception, so nothing inside apply catches it."""


def _converged(harness: Harness) -> None:
    harness.settle()
    assert harness.pending() == {}
    assert harness.duplicates() == []
    audit = verify(harness.root / ".reconciler" / "audit.jsonl")
    assert audit.ok, audit.problems


def _fault(harness: Harness, **faults: float) -> None:
    for name, value in faults.items():
        setattr(harness.emulator.settings.faults, name, value)
    harness.emulator.settings.faults.seed = 7
    harness.emulator.rng.seed(7)


def test_a_429_storm_is_waited_out(harness: Harness) -> None:
    _fault(harness, storm_requests=12, storm_retry_after=1)
    report = harness.apply().report
    assert report.ok, report.results
    assert harness.emulator.settings.faults.storm_requests == 0  # the storm really hit
    _converged(harness)


def test_one_in_five_requests_failing_with_5xx(harness: Harness) -> None:
    _fault(harness, error_rate=0.2)
    report = harness.apply().report
    assert report.ok, report.results
    _fault(harness, error_rate=0.0)
    _converged(harness)


def test_dropped_connections_create_nothing_twice(harness: Harness) -> None:
    _fault(harness, drop_rate=0.25)
    report = harness.apply().report
    _fault(harness, drop_rate=0.0)
    if not report.ok:  # a drop can outlast a step's budget: running apply again converges
        assert harness.apply().report.ok
    _converged(harness)


def test_read_after_write_lag(harness: Harness) -> None:
    _fault(harness, read_after_write_lag_ms=400)
    report = harness.apply().report
    assert report.ok, report.results
    _converged(harness)


def test_every_fault_at_once(harness: Harness) -> None:
    _fault(
        harness,
        storm_requests=5,
        storm_retry_after=1,
        error_rate=0.1,
        drop_rate=0.1,
        read_after_write_lag_ms=200,
    )
    first = harness.apply().report
    _fault(harness, storm_requests=0, error_rate=0.0, drop_rate=0.0)
    if not first.ok:
        assert harness.apply().report.ok
    _converged(harness)


def _edit_during_apply(harness: Harness, changes: dict[str, object]) -> ChangeResult:
    """Apply, editing q3-renewals live as soon as the first change has been applied."""
    edited: list[bool] = []

    def on_result(result: ChangeResult) -> None:
        if not edited:
            external_edit(harness.emulator, "campaigns", None, "q3-renewals", changes)
            edited.append(True)

    report = harness.apply(on_result=on_result).report
    assert edited
    return next(r for r in report.results if r.address == "genesys/Campaign/q3-renewals")


def test_a_managed_field_edited_live_during_apply_is_refused_as_stale(harness: Harness) -> None:
    q3 = _edit_during_apply(harness, {"abandonRate": 4.0})
    assert q3.outcome == Outcome.REFUSED
    assert q3.message is not None
    assert "abandon_rate" in q3.message and "3.0" in q3.message and "4.0" in q3.message
    assert harness.find("campaigns", "q3-renewals")["abandonRate"] == 4.0  # their edit survived
    assert harness.pending() == {"genesys/Campaign/q3-renewals": ["update"]}  # re-plan shows it for review
    assert harness.apply().report.ok
    _converged(harness)


def test_an_unmanaged_field_edited_live_during_apply_is_preserved(harness: Harness) -> None:
    q3 = _edit_during_apply(harness, {"callAnalysisLanguage": "en-GB"})
    assert q3.outcome == Outcome.APPLIED
    live = harness.find("campaigns", "q3-renewals")
    assert live["callAnalysisLanguage"] == "en-GB"
    assert live["abandonRate"] == 2.5
    _converged(harness)


@pytest.mark.parametrize("after", [1, 3, 5])
def test_apply_killed_mid_way_then_run_again_converges(harness: Harness, after: int) -> None:
    _fault(harness, read_after_write_lag_ms=100)
    seen: list[str] = []

    def on_result(result: ChangeResult) -> None:
        seen.append(result.address)
        if len(seen) == after:
            raise Killed

    with pytest.raises(Killed):
        harness.apply(on_result=on_result)
    harness.settle()
    assert harness.pending() != {}  # something was left to do
    assert harness.apply().report.ok
    _converged(harness)
