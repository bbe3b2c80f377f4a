"""Characters a name may not hold: invisible, direction-control and control characters, named by code point.

A name is a natural key that reviewers read in a diff. A zero-width space, a byte-order mark or a
right-to-left override makes two names look alike (or one look like another) while the platform sees
different text, so such characters are refused. The test is the Unicode General_Category, not a
hand-kept list: Cc (controls), Cf (format: zero-width, bidi controls such as U+202E and U+2066-2069,
U+FEFF), Zl/Zp (line and paragraph separators), Co (private use), Cs (surrogates) and Cn (unassigned).
"""

from __future__ import annotations

import unicodedata

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


def describe(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and its Unicode name (controls have none)."""
    name = unicodedata.name(char, "")
    if not name:
        name = "CONTROL CHARACTER" if unicodedata.category(char) == "Cc" else "UNNAMED CHARACTER"
    return f"U+{ord(char):04X} {name}"


def refused_character(text: str) -> str | None:
    """The first character of `text` a name may not hold, described by code point; None if all are fine."""
    for char in text:
        if unicodedata.category(char) in REFUSED_CATEGORIES:
            return describe(char)
    return None


def printable(text: str) -> str:
    """`text` with every refused character written as <U+XXXX>, safe to show in any output."""
    if refused_character(text) is None:
        return text
    return "".join(
        f"<U+{ord(char):04X}>" if unicodedata.category(char) in REFUSED_CATEGORIES else char for char in text
    )
