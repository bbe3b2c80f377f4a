"""docs/corpus.md states the corpus figures and lists every configuration: both follow the folder, and
every configuration says what it exercises and where it comes from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.corpus.corpus import CORPUS, MANIFESTS, configurations

DOC = Path(__file__).parents[2] / "docs" / "corpus.md"
FIGURES = re.compile(r"\*\*Figures: (\d+) configurations, (\d+) converge\*\*")


def test_the_figures_in_the_doc_are_the_number_of_configurations() -> None:
    found = FIGURES.search(DOC.read_text(encoding="utf-8"))
    assert found is not None, "docs/corpus.md lost its figures line"
    total, converged = (int(value) for value in found.groups())
    assert total == len(configurations()) >= 30
    assert converged == total  # a configuration that cannot converge is left out, never kept failing


def test_the_doc_lists_exactly_the_configurations_of_the_folder() -> None:
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert listed == configurations()


@pytest.mark.parametrize("name", configurations())
def test_each_configuration_says_what_it_exercises_and_its_public_source(name: str) -> None:
    header = (CORPUS / name / MANIFESTS).read_text(encoding="utf-8").split("\napiVersion:")[0]
    assert header.startswith("# Exercises: ")
    assert re.search(
        r"^# Source: .*(terraform-provider-genesyscloud|developer\.genesys\.cloud|CXone Admin API)",
        header,
        re.M,
    )


def test_the_corpus_covers_both_platforms_and_every_genesys_dialing_mode() -> None:
    texts = {name: (CORPUS / name / MANIFESTS).read_text(encoding="utf-8") for name in configurations()}
    modes = {mode for text in texts.values() for mode in re.findall(r"^  dialing_mode: (\w+)$", text, re.M)}
    assert modes >= {"preview", "progressive", "power", "predictive", "agentless"}
    assert {name.split("-")[0] for name in texts} == {"genesys", "cxone"}
