"""CLI start-up cost: best-of-N CPU (user + sys) of `reconciler --version` and `reconciler validate`.

Each run is a fresh `python -m reconciler ...` subprocess; its CPU comes from
`resource.getrusage(RUSAGE_CHILDREN)` before and after, so the figure covers the interpreter start,
the imports and the command, and nothing of this script. Also prints how many modules each command
imports and whether any emulator or writer module is among them.

    python bench/startup.py
    python bench/startup.py --runs 10 --source /path/to/another/checkout
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = (("--version",), ("validate", "campaigns/"))
PROBE = (
    "import sys\n"
    "from reconciler.cli import main\n"
    "sys.argv = ['reconciler', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "heavy = [m for m in sys.modules if m.startswith(('reconciler.emulator', 'reconciler.apply'))]\n"
    "print(len(sys.modules), len(heavy), file=sys.stderr)\n"
)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _environment(source: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(source)}


def best_cpu(args: tuple[str, ...], source: Path, runs: int) -> float:
    """The least CPU seconds over `runs` runs of `python -m reconciler *args` from `source`."""
    figures = []
    for _ in range(runs):
        before = _child_cpu()
        subprocess.run(
            [sys.executable, "-m", "reconciler", *args],
            cwd=source,
            env=_environment(source),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        figures.append(_child_cpu() - before)
    return min(figures)


def module_counts(args: tuple[str, ...], source: Path) -> str:
    """ "<modules imported> modules, <emulator/apply modules> emulator/writer" for one command."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=source,
        env=_environment(source),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    total, heavy = done.stderr.split()[-2:]
    return f"{total} modules, {heavy} emulator/writer"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", type=Path, default=REPO, help="Checkout to measure.")
    options = parser.parse_args()
    print(f"{platform.python_version()} on {platform.machine()}, source {options.source}")
    for args in COMMANDS:
        best_cpu(args, options.source, 1)  # warm the bytecode cache; not counted
        cpu = best_cpu(args, options.source, options.runs)
        counts = module_counts(args, options.source)
        print(f"reconciler {' '.join(args):<22} best of {options.runs}: {cpu:.3f} s CPU  ({counts})")


if __name__ == "__main__":
    main()
