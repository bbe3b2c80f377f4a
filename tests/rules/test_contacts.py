"""Reading contacts: every problem says which file and line, and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.exceptions import ReconcilerError
from reconciler.rules.contacts import check_columns, read_contacts


def _error(path: Path) -> str:
    with pytest.raises(ReconcilerError) as caught:
        read_contacts(path)
    return str(caught.value)


def test_rows_keep_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes('\ufeffid,note\n1,"two\nlines"\n\n2,plain\n'.encode())
    table = read_contacts(path)
    assert table.columns == ("id", "note")
    assert table.rows == [(2, {"id": "1", "note": "two\nlines"}), (5, {"id": "2", "note": "plain"})]


def test_ragged_row_is_located(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text('id,note\n1,"a\nb"\n2,x,extra\n', encoding="utf-8")
    assert _error(path) == f"{path}:4: this row has 3 cell(s) but the header names 2 column(s)"


def test_text_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"id,name\n1,ok\n2,Ren\xe9\n")
    assert _error(path) == f"{path}:3: the contacts file is not UTF-8 text (byte 0xe9); save it as UTF-8 CSV"


def test_missing_empty_and_badly_headed_files(tmp_path: Path) -> None:
    assert _error(tmp_path / "none.csv") == f"contacts file not found: {tmp_path / 'none.csv'}"
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert _error(empty).endswith(":1: the contacts file has no header row of column names")
    twice = tmp_path / "twice.csv"
    twice.write_text("id,id\n1,2\n", encoding="utf-8")
    assert _error(twice).endswith(":1: the header names column(s) id more than once")


def test_a_column_a_rule_reads_must_be_in_the_header(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,tier\n1,gold\n", encoding="utf-8")
    table = read_contacts(path)
    with pytest.raises(ReconcilerError) as caught:
        check_columns(table, {"tier": ["a"], "balance": ["b", "c"]}, rule_set="rs")
    assert str(caught.value) == (
        f"{path}:1: column 'balance', which rule(s) 'b', 'c' of rule set 'rs' test, is not in the header; "
        "the header has: id, tier"
    )
