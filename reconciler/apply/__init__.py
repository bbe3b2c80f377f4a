"""Applying a plan: the executor, the per-platform writers, saved plans and their results."""
