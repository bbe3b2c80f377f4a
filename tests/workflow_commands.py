"""GitHub's runner model for workflow commands in a job log, shared by the workflow and action tests."""

from __future__ import annotations


def effective_commands(log: str) -> list[str]:
    """The workflow commands GitHub's runner would act on in `log`, honouring ::stop-commands::."""
    commands: list[str] = []
    resume: str | None = None
    for line in log.splitlines():
        text = line.strip()
        if resume is not None:
            if text == f"::{resume}::":
                resume = None
            continue
        if text.startswith("::stop-commands::"):
            resume = text.removeprefix("::stop-commands::")
        elif text.startswith("::"):
            commands.append(text)
    return commands
