"""Issue 13, fourth round: the classes of slip the fifth blind set still got past, and the classes
of false alarm the fourth published set raised. Sentences of the kind, not the drafts' own, each
with correct prose beside it that must stay silent.

Each row runs the whole engine, so a `MUST_NOT` row proves that no rule speaks on it."""

from __future__ import annotations

import pytest

from drafter.checks import build_engine
from drafter.document import Document

ENGINE = build_engine()


def findings(text: str, fmt: str = "text") -> list[tuple[str, str]]:
    name = "t.md" if fmt == "markdown" else "t.txt"
    return [(f.rule, f.text) for f in ENGINE.check(Document(name, fmt, f"标题\n\n{text}\n"))]


# (paragraph, format, the rule that must answer, the text it must point at)
MUST_FLAG = [
    # doubled exclamation and question marks: emphasis in literature, a slip in a speech
    ("让我们共同努力！！", "text", "punctuation.doubled", "！！"),
    ("这样做对不对？？", "text", "punctuation.doubled", "？？"),
    # a Markdown heading standing alone never ends in 。
    ("## 一、正视问题，汲取教训。\n\n正文。", "markdown", "punctuation.placement", "。"),
    # a character that stands alone after a word (到, 上) doubled where neither copy is in a word
    ("把责任落实到到每一个岗位。", "text", "repetition.doubled", "到到"),
]

MUST_NOT = [
    ("让我们共同努力！同志们，加油！", "text"),
    ("## 一、正视问题，汲取教训\n\n正文。", "markdown"),
    ("## 一、正视问题。汲取教训。\n\n正文。", "markdown"),  # two sentences: not a heading's style
    ("（一）加强政治建设。\n坚持学习。", "text"),  # a run-in heading's style, alone on its line
    ("我们想到到时候再说，说到到底为了谁，他来到到达大厅，大会上上级领导讲话。", "text"),
    ("一个个问题要解决，上上下下齐心，来来往往的人。", "text"),
]


@pytest.mark.parametrize(("text", "fmt", "rule", "span"), MUST_FLAG)
def test_must_flag(text: str, fmt: str, rule: str, span: str) -> None:
    got = findings(text, fmt)
    assert (rule, span) in got, got
    assert len([g for g in got if g[1] == span]) == 1, got


@pytest.mark.parametrize(("text", "fmt"), MUST_NOT)
def test_must_not_flag(text: str, fmt: str) -> None:
    assert findings(text, fmt) == []
