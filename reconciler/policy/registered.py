"""The list of checks, in catalogue order. Add a check module's entry point here."""

from __future__ import annotations

from reconciler.policy.registry import Check

CHECKS: list[Check] = []
