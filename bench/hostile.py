"""Memory and time of hostile inputs against the bounds of `limits:` (issue #12; figures in bench/README.md).

Each case runs the real command line in a subprocess and reads that child's own peak RSS and CPU time
from `os.wait4`, so one case never inherits another's peak. Not a timed test: it prints figures.

    python bench/hostile.py              # --rows 1000000 --documents 250
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

PROJECT = """manifests: manifests/
default_target: local
targets:
  local: {platform: genesys, emulator: true}
"""

DNC_LIST = """apiVersion: genesys/v1
kind: DncList
metadata:
  name: bad-numbers
spec:
  dnc_source_type: rds
  contact_method: Phone
  entries: bad.csv
"""


@dataclass(frozen=True)
class Measured:
    exit_code: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    stdout_bytes: int
    last_line: str


def measure(args: list[str], *, cwd: Path) -> Measured:
    """Run `reconciler ARGS` and read the child's exit code, peak RSS and CPU time."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "reconciler", *args], cwd=cwd, stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        size = out.tell()
        out.seek(max(0, size - 400))
        tail = out.read().decode("utf-8", "replace").strip().splitlines()
    return Measured(
        exit_code=child.returncode,
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        stdout_bytes=size,
        last_line=tail[-1][:110] if tail else "",
    )


def filter_document(index: int, *, clauses: int = 95, predicates: int = 100) -> str:
    """A valid ContactListFilter of about 4 KB whose aliases expand to about 181,000 values."""
    values = ", ".join(f"v{j}" for j in range(8))
    predicate = (
        f"&p {{column: Segment, column_type: alphabetic, operator: IN, range: {{in_set: [{values}]}}}}"
    )
    clause = f"&k {{filter_type: AND, predicates: [{', '.join([predicate] + ['*p'] * (predicates - 1))}]}}"
    head = (
        "apiVersion: genesys/v1\nkind: ContactListFilter\n"
        f"metadata:\n  name: expands-{index}\n"
        "spec:\n  contact_list: renewals-list\n  filter_type: AND\n"
        f"  clauses: [{', '.join([clause] + ['*k'] * (clauses - 1))}]\n"
    )
    return head + ("#" * 78 + "\n") * max(0, (4000 - len(head)) // 79)  # comment lines up to ~4 KB


def alias_file(path: Path, documents: int) -> Path:
    path.write_text("---\n".join(filter_document(i) for i in range(documents)), encoding="utf-8")
    return path


def show(name: str, result: Measured) -> None:
    print(
        f"{name:<44} exit {result.exit_code}  wall {result.wall_s:6.2f} s  CPU {result.cpu_s:6.2f} s  "
        f"peak RSS {result.peak_rss_mb:7.1f} MB  output {result.stdout_bytes / 1024:8.1f} KB"
    )
    print(f"{'':<44} last line: {result.last_line}")


def yaml_cases(folder: Path, documents: int) -> None:
    bomb = alias_file(folder / "aliases.yaml", documents)
    print(f"alias file: {bomb.stat().st_size / MB:.2f} MB, {documents} documents of ~181,000 values each")
    show("validate, alias file (default limits)", measure(["validate", str(bomb)], cwd=folder))
    accepted = alias_file(folder / "accepted.yaml", 11)  # ~1.99 M values: the most the default lets in
    show("validate, 11 such documents (under the bound)", measure(["validate", str(accepted)], cwd=folder))


def csv_cases(folder: Path, rows: int) -> None:
    (folder / "reconciler.yaml").write_text(PROJECT, encoding="utf-8")
    manifests = folder / "manifests"
    manifests.mkdir()
    (manifests / "dnc.yaml").write_text(DNC_LIST, encoding="utf-8")
    csv = manifests / "bad.csv"
    csv.write_text("phone_number\n" + "1\n" * rows, encoding="utf-8")
    print(f"DNC CSV: {csv.stat().st_size / MB:.2f} MB, {rows:,} rows, every number invalid")
    for args in (
        ["validate"],
        ["validate", "--format", "json"],
        ["validate", "--format", "sarif"],
        ["validate", "--format", "github"],
        ["plan", "--format", "json"],
        ["plan", "--format", "markdown"],
        ["plan", "--format", "sarif"],
    ):
        show(" ".join(args), measure(args, cwd=folder))
    # as warnings the findings no longer stop the plan: it reads the org and runs every check again
    (folder / "reconciler.yaml").write_text(PROJECT + "policy: {DNC-ENTRY: warning}\n", encoding="utf-8")
    show("plan --format sarif (DNC-ENTRY: warning)", measure(["plan", "--format", "sarif"], cwd=folder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="bad rows in the DNC CSV")
    parser.add_argument("--documents", type=int, default=250, help="documents in the alias file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "yaml").mkdir()
        yaml_cases(folder / "yaml", options.documents)
        (folder / "csv").mkdir()
        csv_cases(folder / "csv", options.rows)


if __name__ == "__main__":
    main()
