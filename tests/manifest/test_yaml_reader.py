from __future__ import annotations

import time

import pytest

from reconciler.exceptions import ManifestLoadError
from reconciler.manifest.yaml_reader import MAX_DEPTH, read_yaml_documents


def test_every_key_and_item_keeps_its_line() -> None:
    [doc] = read_yaml_documents("a: 1\nb:\n  - x: 1\n    y: 2\n  - z\n", file="f.yaml")
    assert doc.line_of(("a",)) == 1
    assert doc.line_of(("b", 0)) == 3
    assert doc.line_of(("b", 0, "y")) == 4
    assert doc.line_of(("b", 1)) == 5
    assert doc.line_of(("b", 0, "y", "deeper")) == 4  # the deepest written node on the path
    assert doc.line_of(("b", 0, "missing")) == 3


def test_documents_start_lines() -> None:
    docs = read_yaml_documents("a: 1\n---\nb: 2\n---\nc: 3\n", file="f.yaml")
    assert [d.line for d in docs] == [1, 3, 5]
    assert [d.data for d in docs] == [{"a": 1}, {"b": 2}, {"c": 3}]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on", "on"),
        ("off", "off"),
        ("yes", "yes"),
        ("true", True),
        ("2026-01-05", "2026-01-05"),
        ("+15555550123", "+15555550123"),
        ("0123", "0123"),
        ("12", 12),
        ("-3", -3),
        ("2.5", 2.5),
        ("~", None),
        ("'12'", "12"),
    ],
)
def test_plain_scalars_follow_the_core_schema(text: str, value: object) -> None:
    [doc] = read_yaml_documents(f"v: {text}\n", file="f.yaml")
    assert doc.data["v"] == value


def test_billion_laughs_is_refused_quickly() -> None:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n" for i in range(8)
    )
    start = time.process_time()
    with pytest.raises(ManifestLoadError, match="alias bomb"):
        read_yaml_documents(text, file="bomb.yaml")
    assert time.process_time() - start < 1.0


def test_small_aliases_are_shared_values() -> None:
    [doc] = read_yaml_documents("x: &slot {day: 1}\ny: *slot\n", file="f.yaml")
    assert doc.data["y"] == {"day": 1}


def test_deep_nesting_is_refused_with_a_line() -> None:
    text = "a:\n  b: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(ManifestLoadError) as err:
        read_yaml_documents(text, file="deep.yaml")
    assert "nesting deeper" in err.value.message
    assert err.value.location is not None and err.value.location.line == 2


def test_duplicate_keys_are_errors_not_silent_overwrites() -> None:
    with pytest.raises(ManifestLoadError) as err:
        read_yaml_documents("spec:\n  priority: 1\n  priority: 5\n", file="f.yaml")
    assert "duplicate key 'priority'" in err.value.message
    assert err.value.location is not None and err.value.location.line == 3


def test_python_object_tags_are_refused() -> None:
    with pytest.raises(ManifestLoadError, match="unsupported YAML tag"):
        read_yaml_documents("x: !!python/object/apply:os.system ['true']\n", file="f.yaml")


def test_syntax_errors_carry_the_line() -> None:
    with pytest.raises(ManifestLoadError) as err:
        read_yaml_documents("a: 1\nb: [1, 2\nc: 3\n", file="f.yaml")
    assert err.value.location is not None and err.value.location.line >= 2
    assert "invalid YAML" in err.value.message
