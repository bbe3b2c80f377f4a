"""Compliance and safety checks over desired state (ARCHITECTURE.md §6): one module per finding family.

Every check is a function `CheckContext -> list[Finding]`, registered in reconciler.policy.registry.
Checks read the manifests and, at plan time, the live org for objects the manifests reference but do
not declare. reconciler.policy.severity then applies the project's `policy:` overrides and the
objects' `reconciler/allow` annotations.
"""
