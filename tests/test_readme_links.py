"""README.md stays short and its links work: every relative link of the README and of docs/ names a
file that exists and, with `#anchor`, a heading in it (GitHub's anchor rules). The README keeps its
two commands, and CI runs the test command it gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def _text_outside_code(path: Path) -> str:
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", path.read_text(encoding="utf-8")))


def anchor_of(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    headings = re.findall(
        r"^#{1,6}\s+(.+?)\s*$", FENCE.sub("", path.read_text(encoding="utf-8")), re.MULTILINE
    )
    return {anchor_of(heading) for heading in headings}


def links(path: Path) -> list[str]:
    return [target for target in LINK.findall(_text_outside_code(path)) if not re.match(r"^[a-z]+:", target)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_names_a_file_and_heading_that_exist(page: Path) -> None:
    broken = []
    for target in links(page):
        file, _, anchor = target.partition("#")
        resolved = (page.parent / file).resolve() if file else page
        if not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading with that anchor")
    assert broken == [], f"{page.relative_to(ROOT)}: {broken}"


def test_the_link_check_can_fail(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nSee [a](missing.md), [b](#title), [c](#nowhere) and `[d](code.md)`.\n")
    assert links(page) == ["missing.md", "#title", "#nowhere"]
    assert "title" in anchors(page) and "nowhere" not in anchors(page)


def test_the_readme_is_short_and_links_every_docs_page() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text) < 8_000
    linked = {target.partition("#")[0] for target in links(README)}
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"docs/{page.name}" in linked, page.name
    assert "docs/reference/README.md" in linked


def test_the_readme_keeps_its_two_commands_and_ci_runs_its_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks[0].strip() == "pip install -e '.[dev]' && reconciler plan"
    assert blocks[1].strip() == "pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "pytest" in ci and "python -m pip install --quiet -e '.[dev]'" in ci
