"""Issue 13, the false alarms the second set of published texts showed: each row is a published
usage that must pass, set beside the slip of the same shape that must still be flagged.

Each row is checked with the whole engine, so a passing row also proves that no other rule speaks
up on it (`== []`)."""

from __future__ import annotations

import pytest

from drafter.checks import build_engine
from drafter.config import Config
from drafter.document import Document

ENGINE = build_engine()


def findings(text: str, engine=ENGINE) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.rule, f.text) for f in engine.check(Document("t.txt", "text", f"标题\n\n{text}\n"))]


# Paragraphs numbered straight through the parts, as the 建议 of a plenum numbers them.
STRAIGHT = (
    "一、总体要求\n（1）甲项工作。\n（2）乙项工作。\n二、重点任务\n（3）丙项工作。\n（4）丁项工作。\n三、保障\n（5）戊项工作。"
)


def test_paragraphs_numbered_straight_through_the_parts_are_not_a_skipped_level() -> None:
    assert findings(STRAIGHT) == []
    # two parts are enough, and a part without numbered paragraphs does not break the count
    assert findings("一、总体\n（1）甲。\n（2）乙。\n二、任务\n正文。\n三、保障\n（3）丙。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a skip under one heading, the numbers also broken
        ("一、总体\n（1）甲。\n（2）乙。\n（4）丙。", [("numbering.skip", "（1）"), ("numbering.sequence", "（4）")]),
        # restarting under each part: the level was skipped, part by part
        ("一、总体\n（1）甲。\n（2）乙。\n二、任务\n（1）丙。\n（2）丁。", [("numbering.skip", "（1）")] * 2),
        # a restart that skips, after numbering straight through
        (
            "一、总体\n（1）甲。\n（2）乙。\n二、任务\n（3）丙。\n三、保障\n（1）丁。",
            [("numbering.skip", "（1）"), ("numbering.skip", "（3）"), ("numbering.skip", "（1）")],
        ),
        # a gap where the count crosses a part is not straight-through numbering
        (
            "一、总体\n（1）甲。\n（2）乙。\n二、任务\n（4）丙。\n（5）丁。",
            [("numbering.skip", "（1）"), ("numbering.skip", "（4）"), ("numbering.sequence", "（4）")],
        ),
        # one part only: nothing runs across parts
        ("一、总体\n（1）甲。\n（2）乙。\n（3）丙。", [("numbering.skip", "（1）")]),
    ],
)
def test_a_real_skip_is_still_flagged(text: str, expected: list[tuple[str, str]]) -> None:
    got = findings(text)
    assert sorted(got) == sorted(expected)


def test_straight_through_numbering_with_a_slip_is_one_finding() -> None:
    # the count runs across the parts but jumps inside one: the number is wrong, the level is not
    text = "一、总体\n（1）甲。\n（2）乙。\n（4）丙。\n二、任务\n（5）丁。\n（6）戊。"
    assert findings(text) == [("numbering.sequence", "（4）")]


def test_mixing_levels_under_one_heading_is_still_flagged_when_numbered_straight_through() -> None:
    text = "一、总体\n（1）甲。\n（一）乙。\n二、任务\n（2）丙。"
    assert ("numbering.skip", "（1）") in findings(text)


# -- currency.ended: a review of the years of a plan period that has ended ----------------------

ENGINE_2026 = build_engine(Config(year=2026))
CAMPAIGNS = "扎实开展党史学习教育、党纪学习教育、深入贯彻中央八项规定精神学习教育。"


@pytest.mark.parametrize(
    "text",
    [
        # the part's heading reviews the plan period and last year together
        f"一、“十四五”时期和2025年工作回顾\n我们坚持以党的政治建设为统领，{CAMPAIGNS}\n二、2026年工作安排\n做好工作。",
        f"一、“十四五”时期工作回顾\n我们坚持不懈用党的创新理论凝心铸魂，{CAMPAIGNS}",
        # the paragraph's own framing looks back
        f"“十四五”时期，我们坚持不懈，{CAMPAIGNS}",
        f"“十四五”以来，我们{CAMPAIGNS}",
        f"2021年以来，我们坚持不懈，{CAMPAIGNS}",
        f"五年来，我们坚持不懈，{CAMPAIGNS}",
    ],
)
def test_a_review_of_the_plan_years_may_name_its_campaigns(text: str) -> None:
    assert findings(text, ENGINE_2026) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # this year's plan, after the review
        ("一、“十四五”时期工作回顾\n成绩显著。\n二、2026年工作安排\n深入开展党纪学习教育，严明纪律。", "党纪学习教育"),
        # a plan period that has not ended frames nothing as past
        ("“十五五”时期，我们要扎实开展党纪学习教育。", "党纪学习教育"),
        ("今年，我们将扎实开展党纪学习教育。", "党纪学习教育"),
        # a review of last year alone does not reach back to 2021
        ("一、2025年工作回顾\n我们扎实开展党史学习教育。", "党史学习教育"),
        # the sentence itself says now, whatever the paragraph looks back on
        ("五年来成绩显著。当前，我们正在扎实开展党纪学习教育。", "党纪学习教育"),
    ],
)
def test_a_finished_campaign_presented_as_under_way_is_still_flagged(text: str, flagged: str) -> None:
    assert findings(text, ENGINE_2026) == [("currency.ended", flagged)]


# -- formulation.nearmiss: real variants and other real names ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "聚焦统筹发展与安全，在防范风险上下功夫。",  # 和/与: nearmiss.yaml `interchangeable`
        "发展党员坚持控制总量、优化结构、提高质量、发挥作用，统筹发展和安全。",
        "加快建设世界一流产业创新发展区，切实扩大开放。",  # a short term's last word: another name
    ],
)
def test_real_variants_and_other_names_are_not_near_misses(text: str) -> None:
    assert findings(text) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("聚焦统筹发展又安全，在防范风险上下功夫。", "筹发展又安全"),  # not a conjunction of the data
        ("加快建设世界一流企叶，切实扩大开放。", "一流企叶"),  # a homophone in the last word
        # in a long quotation every word is fixed, the last one too
        ("坚决维护党中央权威和集中统一指导。", "中统一指导"),
        ("以新安全格局保障新发展布局。", "新发展布局"),
    ],
)
def test_near_misses_of_the_same_shape_are_still_flagged(text: str, flagged: str) -> None:
    assert findings(text) == [("formulation.nearmiss", flagged)]


def test_a_near_miss_holding_a_known_wrong_word_is_reported_when_wording_does_not_run() -> None:
    text = "要因地治宜发展新质生产力。"
    assert findings(text) == [("wording.typo", "因地治宜")]  # one slip, one finding
    only = build_engine(only=["formulation"])
    assert findings(text, only) == [("formulation.nearmiss", "因地治宜发展")]
    without = build_engine(disable=["wording.typo"])
    assert findings(text, without) == [("formulation.nearmiss", "因地治宜发展")]


# -- repetition.doubled: a character typed three times, an invisible one among them ------------


@pytest.mark.parametrize("text", ["我们要要\u200b要抓落实。", "我们要要要抓落实。", "我们要\u200b要要抓落实。"])
def test_a_character_typed_three_times_is_flagged_without_a_fix(text: str) -> None:
    [f] = ENGINE.check(Document("t.txt", "text", f"标题\n\n{text}\n"))
    assert (f.rule, f.text.replace("\u200b", ""), f.suggestion) == ("repetition.doubled", "要要要", None)


@pytest.mark.parametrize("text", ["对对对，就是这个道理。", "是是非非要分清。", "我们要\u200b要抓落实。"])
def test_what_is_not_a_tripled_typo(text: str) -> None:
    got = findings(text)
    assert all(rule != "repetition.doubled" or "\u200b" in t for rule, t in got)
    if "\u200b" in text:
        assert got == [("repetition.doubled", "要\u200b要")]  # doubled, as before
    else:
        assert got == []


# -- enumeration.sequence: the parts of a collection of talks (一 … 九 on lines of their own) --------


def test_an_enumeration_does_not_run_across_a_part_divider() -> None:
    text = "一\n第一，确立地位。\n第二，分清是非。\n第三，总结经验。\n二\n一个是功绩，第二，我们三十二年成绩是主要的。"
    assert findings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # no divider between: the second list's 第二 goes on from the first's 第三
        "第一，确立地位。\n第二，分清是非。\n第三，总结经验。\n一个是功绩，第二，我们三十二年成绩是主要的。",
        # inside one part the repeat is a slip
        "一\n第一，确立地位。\n第二，分清是非。\n第二，总结经验。\n二\n正文。",
    ],
)
def test_a_broken_enumeration_within_a_part_is_still_flagged(text: str) -> None:
    assert [rule for rule, _ in findings(text)] == ["enumeration.sequence"]
