"""What the recall table tests share: the whole engine, and a paragraph's findings as (rule, text)
under a title line, as a draft carries it (tests/test_recall_round*.py)."""

from __future__ import annotations

from typing import Any

from drafter.checks import build_engine
from drafter.document import Document

ENGINE = build_engine()


def findings(text: str, fmt: str = "text", engine: Any = None, title: str = "标题") -> list[tuple[str, str]]:
    """`title` names the draft (a year in it is the text's own year, for the rules that read one)."""
    name = "t.md" if fmt == "markdown" else "t.txt"
    doc = Document(name, fmt, f"{title}\n\n{text}\n")
    return [(f.rule, f.text) for f in (engine or ENGINE).check(doc)]


def assert_one_finding(text: str, fmt: str, rule: str, span: str) -> None:
    """A slip is reported by `rule` at `span`, and only once (one root cause, one finding)."""
    got = findings(text, fmt)
    assert (rule, span) in got, got
    assert len([g for g in got if g[1] == span]) == 1, got


def assert_silent(text: str, fmt: str = "text") -> None:
    """Correct text: no rule speaks on it."""
    got = findings(text, fmt)
    assert got == [], got
