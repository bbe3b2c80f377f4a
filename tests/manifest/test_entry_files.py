from __future__ import annotations

from pathlib import Path

from reconciler.diagnostics import Code
from reconciler.manifest.entry_files import read_entry_numbers
from reconciler.validation import validate_paths

DNC = """
apiVersion: genesys/v1
kind: DncList
metadata:
  name: internal-dnc
spec:
  dnc_source_type: rds
  contact_method: Phone
  entries: {entries}
"""


def test_csv_entries_inside_the_folder_are_fine(write, tmp_path: Path) -> None:
    write("m/dnc.csv", "phone\n+15555550101\n\n+15555550102,expires 2027\n")
    write("m/dnc.yaml", DNC.format(entries="dnc.csv"))
    result = validate_paths([tmp_path / "m"])
    assert [f for f in result.findings if f.code == Code.SCHEMA] == []
    assert read_entry_numbers(tmp_path / "m" / "dnc.csv") == ["+15555550101", "+15555550102"]


def test_missing_and_escaping_csv_paths_are_schema_findings(write, tmp_path: Path) -> None:
    write("secret.csv", "+15555550101\n")
    write("m/a.yaml", DNC.format(entries="../secret.csv"))
    write("m/b.yaml", DNC.replace("internal-dnc", "other-dnc").format(entries="nope.csv"))
    result = validate_paths([tmp_path / "m"])
    messages = sorted((f.source.line, f.message) for f in result.findings if f.source)
    assert len(messages) == 2
    assert all(line == 8 for line, _ in messages)
    assert "points outside the manifest folders" in messages[0][1] + messages[1][1]
    assert "'nope.csv' not found" in messages[0][1] + messages[1][1]
