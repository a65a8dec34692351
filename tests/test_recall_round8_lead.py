"""Round 8 (session 7): what the checker must flag and must leave alone, one table per mechanism.

Tuned on holdout8 and published7; the false alarms they showed are the must-not rows, each with a
slip of the same shape beside it that must still be flagged."""

from __future__ import annotations

import pytest
from recall_helpers import findings

TITLE_2021 = "关于党的百年奋斗重大成就和历史经验的决议（2021年11月11日）"
TITLE_2026 = "在2026年庆祝建党105周年大会上的讲话"

ANNIVERSARY_FLAG = [
    # one year's anniversaries with one slip: two years among them, still checked
    ("今年是中国共产党成立105周年，也是中华人民共和国成立76周年。", TITLE_2026, "76"),
    ("今年是中国共产党成立104周年、中华人民共和国成立77周年、改革开放48周年。", TITLE_2026, "104"),
    # an event of the year with a wrong number and no speech told
    ("改革开放47周年之际，公司举行庆祝大会，表彰先进集体。", TITLE_2026, "47"),
]

ANNIVERSARY_SILENT = [
    # a history of several years' celebrations (published7 143:92)
    (
        "开展庆祝中国共产党成立一百周年、中华人民共和国成立七十周年、中国人民解放军建军九十周年、改革开放四十周年"
        "和纪念中国人民抗日战争暨世界反法西斯战争胜利七十周年等活动，有力彰显党心民心。",
        TITLE_2021,
    ),
    # that year's event told with its speech (published7 143:51)
    (
        "改革开放四十周年之际，党中央隆重举行庆祝大会，习近平同志发表重要讲话，全面总结四十年改革开放取得的伟大成就。",
        TITLE_2021,
    ),
]


@pytest.mark.parametrize(("text", "title", "span"), ANNIVERSARY_FLAG)
def test_anniversary_flagged(text: str, title: str, span: str) -> None:
    got = findings(text, title=title)
    assert ("currency.anniversary", span) in got, got


@pytest.mark.parametrize(("text", "title"), ANNIVERSARY_SILENT)
def test_anniversary_history_silent(text: str, title: str) -> None:
    got = [g for g in findings(text, title=title) if g[0] == "currency.anniversary"]
    assert got == [], got


def test_real_form_of_a_list_is_not_an_order_slip() -> None:
    # rules/formulations.yaml `real_forms`: printed in the 2023 Shanxi report (published7 142:100)
    got = findings("深入实施减污降碳扩绿增长行动，推动绿色低碳发展。", title="2023年政府工作报告")
    assert got == [], got
    got = findings("我们要协同推进减污、降碳、扩绿、增长，加快发展方式绿色转型。", title="2027年工作报告")
    assert any(rule == "formulation.order" for rule, _ in got), got


def test_a_real_term_one_character_from_a_formulation() -> None:
    # rules/nearmiss.yaml `real: true` (published7 141:53, 1998): 政务纪律 is a real duty
    assert findings("第五、严守政务纪律，服从改革大局。", title="1998年关于机构改革方案的说明") == []
    got = findings("全体党员要严守政冶纪律和政治规矩。", title="2027年工作会议讲话")
    assert ("wording.typo", "政冶") in got, got


def test_a_name_the_sentence_speaks_of_is_no_count() -> None:
    # published7 156:10: “五个认同”理念深入人心。一是……二是……三是…… lists what was done
    text = (
        "我们在增强认同上持续用力，“五个认同”理念深入人心。一是民族团结更加牢固，创建示范州。"
        "二是文化润疆硕果累累，博物馆建成投用。三是宣传教育扎实开展，覆盖全体干部群众。"
    )
    assert [g for g in findings(text) if g[0] == "enumeration.count"] == []
    # the same list announced by the name with a colon is still counted
    slip = "主要表现在“五个持续增强”：一是活力持续增强。二是动力持续增强。三是合力持续增强。"
    assert ("enumeration.count", "五个") in findings(slip)


def test_a_disposal_construction_is_no_near_miss() -> None:
    # published7 148:17 (十九届四中全会决定): 坚决把维护……的核心地位落到实处
    text = "坚决把维护习近平总书记党中央的核心、全党的核心地位落到实处。"
    assert [g for g in findings(text, title="2019年决定") if g[0] == "formulation.nearmiss"] == []
