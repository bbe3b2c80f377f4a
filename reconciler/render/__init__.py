"""Renderers of findings and reports: text, JSON, SARIF and GitHub annotations."""
