"""Finding and loading the project file for a command."""

from __future__ import annotations

from pathlib import Path

from reconciler.config import ProjectFile, find_project, load_project
from reconciler.redaction import register_env_fields


def project_for(explicit: Path | None) -> tuple[ProjectFile | None, Path]:
    """The project file named with --config, else the nearest reconciler.yaml, else none.

    Returns the project and the folder manifest paths are relative to.
    """
    if explicit is not None:
        return _registered(load_project(explicit)), explicit.parent
    found = find_project(Path.cwd())
    if found is None:
        return None, Path.cwd()
    return _registered(load_project(found)), found.parent


def _registered(project: ProjectFile) -> ProjectFile:
    """Register every secret the project names, so no output can show one (reconciler.redaction)."""
    for settings in [*project.targets.values(), *project.notifications]:
        register_env_fields(settings)
    return project
