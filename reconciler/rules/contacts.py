"""Reading a contacts CSV for the rule preview: a header row, then one contact per row.

Every problem is a ReconcilerError located at file and line: a missing file, text that is not UTF-8
(a byte-order mark is accepted), no header, an empty or repeated column name, a row with more or fewer
cells than the header, and — checked against the compiled rules — a column a rule reads that the
header lacks, or none of the phone columns when rules test the number dialed.
"""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reconciler.exceptions import Location, ReconcilerError

if TYPE_CHECKING:
    from _csv import Reader

MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class ContactTable:
    file: str
    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]
    """(line where the row starts, column -> text)."""


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReconcilerError(
            f"the contacts file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8 CSV",
            location=Location(str(path), line),
        ) from None


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause cycle collection: rows are acyclic, and collecting while 100,000 are built triples the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_contacts(path: Path) -> ContactTable:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReconcilerError(f"contacts file {path} is larger than {MAX_BYTES // 2**20} MiB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReconcilerError(f"contacts file not found: {path}") from None
    except IsADirectoryError:
        raise ReconcilerError(f"contacts file {path} is a folder, not a CSV file") from None
    except PermissionError:
        raise ReconcilerError(f"contacts file {path} cannot be read (permission denied)") from None
    where = str(path)
    reader = csv.reader(io.StringIO(_decode(path, data), newline=""))
    try:
        with _bulk():
            columns, rows = _parse(reader, where)
    except csv.Error as exc:
        raise ReconcilerError(
            f"the contacts file is not valid CSV: {exc}", location=Location(where, reader.line_num)
        ) from None
    return ContactTable(where, columns, rows)


def _parse(reader: Reader, where: str) -> tuple[tuple[str, ...], list[tuple[int, dict[str, str]]]]:
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        raise ReconcilerError(
            "the contacts file has no header row of column names", location=Location(where, 1)
        )
    columns = tuple(cell.strip() for cell in header)
    _check_header(columns, where)
    rows = []
    start = reader.line_num + 1
    for cells in reader:
        if cells:
            if len(cells) != len(columns):
                raise ReconcilerError(
                    f"this row has {len(cells)} cell(s) but the header names {len(columns)} column(s)",
                    location=Location(where, start),
                )
            rows.append((start, dict(zip(columns, cells, strict=True))))
        start = reader.line_num + 1
    return columns, rows


def _check_header(columns: Sequence[str], where: str) -> None:
    blank = [index + 1 for index, name in enumerate(columns) if not name]
    if blank:
        raise ReconcilerError(f"header column {blank[0]} has no name", location=Location(where, 1))
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        raise ReconcilerError(
            f"the header names column(s) {', '.join(repeated)} more than once", location=Location(where, 1)
        )


def check_columns(table: ContactTable, needed: Mapping[str, Sequence[str]], *, rule_set: str) -> None:
    """Refuse a table that lacks a column the rules read, naming the column and the rules."""
    missing = [column for column in needed if column not in table.columns]
    if missing:
        column = missing[0]
        rules = ", ".join(f"'{name}'" for name in needed[column])
        others = f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else ""
        raise ReconcilerError(
            f"column '{column}', which rule(s) {rules} of rule set '{rule_set}' test, is not in the header{others}; "
            f"the header has: {', '.join(table.columns)}",
            location=Location(table.file, 1),
        )


def check_phone_columns(table: ContactTable, phone_columns: Sequence[str], *, rule_set: str) -> None:
    """Refuse a table with none of the phone columns when rules test the number dialed."""
    if not any(column in table.columns for column in phone_columns):
        raise ReconcilerError(
            f"rule set '{rule_set}' tests the phone number dialed, but the header has none of its contact "
            f"list's phone columns ({', '.join(phone_columns)}); the header has: {', '.join(table.columns)}",
            location=Location(table.file, 1),
        )
