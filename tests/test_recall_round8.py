"""Issue 13, eighth round: the classes of slip the eighth blind set (holdout8) got past and the
false alarms it raised. Sentences of the kind, not the drafts' own, each with correct prose beside
it that must stay silent.

Each row runs the whole engine, so a `MUST_NOT` row proves that no rule speaks on it."""

from __future__ import annotations

import pytest
from recall_helpers import assert_one_finding, assert_silent, findings

# (paragraph, format, the rule that must answer, the text it must point at)
MUST_FLAG = [
    # an inline item number with brackets of two widths: the number's slip, reported once
    ("会议共有三项议程：（一）传达文件；（二）交流发言；（三)部署工作。", "text", "numbering.style", "（三)"),
    ("主要做法有：（一）抓学习；(二）抓落实；（三）抓考核。", "text", "numbering.style", "(二）"),
    ("具体要求是：（1）按时报送；（2)如实填写。", "text", "numbering.style", "（2)"),
    ("主要做法有：（一）抓学习；（二)“四下基层”常态化。", "text", "numbering.style", "（二)"),
]

MUST_NOT = [
    # brackets of one width, a number in brackets that is not an item, a heading's own marker
    ("会议共有三项议程：（一）传达文件；（二）交流发言；（三）部署工作。", "text"),
    ("全年完成投资（含技改）3.2亿元，同比增长（下同）8%。", "text"),
    ("表格见附件（表3）。", "text"),
]


@pytest.mark.parametrize(("text", "fmt", "rule", "span"), MUST_FLAG)
def test_flags(text: str, fmt: str, rule: str, span: str) -> None:
    assert_one_finding(text, fmt, rule, span)


@pytest.mark.parametrize(("text", "fmt"), MUST_NOT)
def test_silent(text: str, fmt: str) -> None:
    assert_silent(text, fmt)


def test_mixed_marker_is_not_also_a_halfwidth_bracket() -> None:
    """One root cause, one finding: the half-width bracket of （三) is not reported a second time."""
    got = findings("议程：（一）传达文件；（二）交流发言；（三)部署工作。")
    assert [rule for rule, _ in got] == ["numbering.style"], got


def test_heading_marker_is_reported_by_the_heading_walk_only() -> None:
    got = findings("一、总体要求\n\n（一)坚持党建引领。要把党的领导贯穿始终。")
    assert len([g for g in got if g[1].startswith("（一)")]) <= 1, got
