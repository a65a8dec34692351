"""A half-width bracket pair where only one half stands next to a Hanzi: `--fix` on the published
header `2024.md (政府工作报告，…, 2024)` used to turn the `(` alone, leaving `（…2024)`."""

from __future__ import annotations

import pytest

from drafter.checks import build_engine
from drafter.document import Document


@pytest.fixture(scope="module")
def engine():
    return build_engine()


def _brackets(engine, line: str):
    doc = Document("t.txt", "text", f"标题\n\n{line}\n")
    return [f for f in engine.check(doc) if f.rule == "punctuation.halfwidth"]


@pytest.mark.parametrize(
    ("line", "span", "fix"),
    [
        ("报告 (政府工作报告, 2024)", "(政府工作报告, 2024)", "（政府工作报告, 2024）"),  # `)` after a digit
        ("另见(2024年)。", "(2024年)", "（2024年）"),  # `(` after Hanzi, `)` after Hanzi
        ("ISO (质量管理体系)认证", "(质量管理体系)", "（质量管理体系）"),  # both halves
        ("函数f(x)是线性的。", "(x)", None),  # not Chinese inside: a finding, never a fix
    ],
)
def test_a_pair_is_one_finding_fixed_whole_or_not_at_all(engine, line: str, span: str, fix: str | None) -> None:
    found = _brackets(engine, line)
    assert [(f.text, f.suggestion) for f in found] == [(span, fix)]


def test_a_lone_bracket_is_still_reported_alone(engine) -> None:
    found = _brackets(engine, "第一项(未完")
    assert [f.text for f in found] == ["("]
