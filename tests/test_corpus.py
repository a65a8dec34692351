"""Precision first: on the labelled corpus every rule finds what is marked and almost nothing
else, and the clean passages give no finding at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks import build_engine
from drafter.checks.corpus import score_corpus, strip_marks

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def score():
    return score_corpus(build_engine(), CORPUS)


def test_corpus_is_substantial(score) -> None:
    defects = sorted((CORPUS / "defects").glob("*.txt"))
    clean = sorted((CORPUS / "clean").glob("*.txt"))
    assert len(defects) >= 6 and len(clean) >= 3
    rules = {r.id for r in build_engine().rules() if not r.id.startswith("placeholder")}
    # Every content rule is exercised at least five times (numbering.skip is rare in real drafts).
    for rule in rules - {"numbering.skip"}:
        assert score.marks[rule] >= 5, rule


def test_precision_and_recall_per_rule(score) -> None:
    for rule in set(score.marks) | set(score.found):
        assert score.precision(rule) >= 0.95, (rule, score.false_pos)
        assert score.recall(rule) >= 0.95, (rule, score.false_neg)


def test_clean_passages_give_no_finding(score) -> None:
    clean = [f for f in score.false_pos if "clean" in Path(f.path).parts]
    assert clean == []


def test_marks_are_well_formed() -> None:
    for path in CORPUS.rglob("*.txt"):
        text = path.read_text(encoding="utf-8")
        plain, marks = strip_marks(text)
        assert "⟦" not in plain and "⟧" not in plain, path
        if "clean" in path.parts:
            assert marks == [], path
