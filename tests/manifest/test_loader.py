from __future__ import annotations

from pathlib import Path

from reconciler.diagnostics import Code, Severity
from reconciler.manifest.loader import MAX_FILE_BYTES, load_paths


def test_folders_yield_yaml_files_in_order_and_skip_others(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("kind: B\n")
    (tmp_path / "a.yml").write_text("kind: A\n")
    (tmp_path / "notes.md").write_text("# not a manifest\n")
    (tmp_path / "entries.csv").write_text("+15555550100\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.yaml").write_text("kind: X\n")
    result = load_paths([tmp_path])
    assert [d.data["kind"] for d in result.documents] == ["A", "B"]
    assert result.findings == []


def test_oversized_file_is_one_finding(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# x\n" * (MAX_FILE_BYTES // 4 + 10))
    result = load_paths([big])
    [item] = result.findings
    assert item.code == Code.SCHEMA and "limited to 5 MB" in item.message


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    (tmp_path / "bin.yaml").write_bytes(bytes(range(256)))
    (tmp_path / "latin.yaml").write_bytes(b"a: 1\nb: caf\xe9\n")
    result = load_paths([tmp_path])
    messages = sorted(f.message for f in result.findings)
    assert messages == ["binary file, not YAML text", "file is not UTF-8 text"]
    assert {f.source.line for f in result.findings if f.source} == {1, 2}


def test_missing_path_and_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("# only a comment\n")
    result = load_paths([tmp_path / "nope.yaml", tmp_path / "empty.yaml"])
    messages = [f.message for f in result.findings]
    assert any("no such file or folder" in m for m in messages)
    assert "file holds no manifest documents" in messages


def test_empty_document_between_others_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("kind: A\n---\n---\nkind: B\n---\n")
    result = load_paths([path])
    assert len(result.documents) == 2
    [item] = result.findings
    assert item.severity == Severity.WARNING and item.source is not None and item.source.line in (2, 3)
