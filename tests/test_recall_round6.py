"""Issue 13, seventh round: the classes of slip the seventh blind set (holdout7) got past, and the
classes of false alarm it and the sixth published set (published6) raised. Sentences of the kind,
not the drafts' own, each with correct prose beside it that must stay silent.

Each row runs the whole engine, so a `MUST_NOT` row proves that no rule speaks on it."""

from __future__ import annotations

import pytest
from recall_helpers import ENGINE, assert_one_finding, assert_silent

from drafter.document import Document

# (paragraph, format, the rule that must answer, the text it must point at)
MUST_FLAG = [
    # quotations and titles damaged by one word
    ("要牢记入党誓词，为共产主义奋斗终生。", "text", "formulation.misquote", "共产主义奋斗终生"),
    ("古人讲：“求木之长者，必固其根基。”", "text", "formulation.misquote", "固其根基"),
    ("莫道桑榆晚，微霞尚满天。", "text", "formulation.misquote", "微霞尚满天"),
    ("党校始终坚守为党育人、为党献策的初心。", "text", "formulation.misquote", "育人、为党献策"),
    ("严格执行《领导干部个人有关事项报告规定》。", "text", "formulation.misquote", "领导干部个人有关事项报告规定"),
    (
        "贯彻《中共中央 国务院关于加快构建全国统一大市场的意见》。",
        "text",
        "formulation.misquote",
        "构建全国统一大市场的意见",
    ),
    ("推动国有企业增强核心竞争力，提升核心功能。", "text", "formulation.misquote", "核心竞争力，提升核心功能"),
    # misspellings that are never a word, and 反应 before 比较集中的
    ("营业收入同比增涨8%。", "text", "wording.typo", "增涨"),
    ("督促商户落实明码表价。", "text", "wording.typo", "明码表价"),
    ("希望大家坦城相见、畅所欲言。", "text", "wording.typo", "坦城相见"),
    ("老同志的淳淳教诲要传下去。", "text", "wording.typo", "淳淳教诲"),
    ("有的存在侥幸心里。", "text", "wording.typo", "侥幸心里"),
    ("企业反应比较集中的困难有两类。", "text", "wording.usage", "反应"),
    # fixed lists of the bank: out of order, or an item left out
    (
        "巡视工作坚持发现问题、推动改革，形成震慑、促进发展的方针。",
        "text",
        "formulation.order",
        "发现问题、推动改革，形成震慑、促进发展",
    ),
    ("把农村公路建好、护好、管好、运营好。", "text", "formulation.order", "建好、护好、管好、运营好"),
    (
        "努力实现老有所养、老有所医、老有所学、老有所为、老有所乐。",
        "text",
        "formulation.order",
        "老有所养、老有所医、老有所学、老有所为、老有所乐",
    ),
    (
        "落实“四不放过”原则，做到事故原因未查清不放过、责任人员未处理不放过、有关人员未受到教育不放过。",
        "text",
        "formulation.items",
        "事故原因未查清不放过、责任人员未处理不放过、有关人员未受到教育不放过",
    ),
    (
        "落实“四个最严”要求，即最严谨的标准、最严格的监管、最严厉的处罚，守护舌尖安全。",
        "text",
        "formulation.items",
        "最严谨的标准、最严格的监管、最严厉的处罚",
    ),
    # 曰 typed for 日; 再次 right after 首先; blanks in two more forms
    ("会议定于3月8曰召开。", "text", "date.missing", "曰"),
    ("首先，加强理论学习；再次，严守纪律规矩。", "text", "enumeration.sequence", "再次"),
    ("作为一名有着__年党龄的党员。", "text", "placeholder.underline", "__"),
    ("开展为期【具体天数】天的巡察。", "text", "placeholder.bracket", "【具体天数】"),
    # a bold paragraph lead numbered in another style than the two around it
    (
        "**（一）坚持党建引领**。正文。\n**（2）深化改革创新**。正文。\n**（三）压实安全责任**。正文。",
        "markdown",
        "numbering.style",
        "（2）",
    ),
    # a count of 类 before its items
    ("困难主要有三类：一是审批慢；二是监管弱。", "text", "enumeration.count", "三类"),
]

MUST_NOT = [
    # 两个维护 with 习近平同志 is printed so (十九届六中全会公报, the 二十大's resolution)
    ("要坚决维护习近平同志党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。", "text"),
    ("要坚决维护习近平总书记党中央的核心、全党的核心地位。", "text"),
    # the right forms
    ("为共产主义奋斗终身，随时准备为党和人民牺牲一切。", "text"),
    ("求木之长者，必固其根本；欲流之远者，必浚其泉源。", "text"),
    ("营业收入增长8%，企业反映比较集中的问题得到解决。", "text"),
    ("对化学反应集中的区域加强监测。", "text"),
    ("把农村公路建好、管好、护好、运营好。", "text"),
    ("坚持发现问题、形成震慑，推动改革、促进发展。", "text"),
    # a word said twice, then one of its characters glossed; words the dictionary lacks
    ("干部干部，干字当头。", "text"),
    ("提升基层党组织组织力。", "text"),
    ("推进博士博士后科研工作平台建设。", "text"),
    # a quotation's own list opens a run of its own
    ("第一，要学习；第二，要实践。毛主席说，有两条，“第一条，反对；第二条，不怕”。", "text"),
    # 再次 as "once more"; 首先、其次、再次 in order
    ("首先，我代表局党组表示欢迎。再次，感谢大家的支持。", "text"),
    ("首先，加强学习；其次，严守纪律；再次，改进作风。", "text"),
    # emphasis marks, and brackets that name no field
    ("这是__重点__内容。", "text"),
    ("【典型经验】本单位坚持问题导向。", "text"),
    # bold leads numbered alike, in order
    ("**（一）坚持党建引领**。正文。\n**（二）深化改革创新**。正文。\n**（三）压实安全责任**。正文。", "markdown"),
    # a date said in words, and 曰 that is "to say"
    ("子曰：学而时习之。", "text"),
    # words writers may add or vary inside a long term
    ("“十五五”时期是我国基本实现社会主义现代化夯实基础、全面发力的关键时期。", "text"),
    ("要不断提升政治判断力、政治领悟力、政治执行力。", "text"),
    # 捍卫“两个确立” and 树牢“四个自信” are printed usage: not reported
    ("坚定捍卫“两个确立”、坚决做到“两个维护”。", "text"),
]


@pytest.mark.parametrize(("text", "fmt", "rule", "span"), MUST_FLAG)
def test_must_flag(text: str, fmt: str, rule: str, span: str) -> None:
    assert_one_finding(text, fmt, rule, span)


@pytest.mark.parametrize(("text", "fmt"), MUST_NOT)
def test_must_not_flag(text: str, fmt: str) -> None:
    assert_silent(text, fmt)


# A text's own date decides: (text, the rules that must answer, in order)
OWN_DATE = [
    # an ended campaign with the verb's 了 is what was done, not what is under way
    ("讲话\n（2027年1月28日）\n\n2025年3月至7月，全党开展了深入贯彻中央八项规定精神学习教育。\n", []),
    ("讲话\n（2027年5月28日）\n\n要扎实开展深入贯彻中央八项规定精神学习教育。\n", ["currency.ended"]),
    # an ended plan period's set goals still to reach, and the review of them
    ("讲话\n（2027年1月22日）\n\n确保高质量完成“十四五”规划确定的目标任务。\n", ["currency.plan"]),
    ("讲话\n（2026年6月2日）\n\n围绕“十四五”综合交通运输发展规划确定的目标，建好农村公路。\n", ["currency.plan"]),
    ("讲话\n（2027年1月22日）\n\n过去五年，我们完成了“十四五”规划确定的目标任务。\n", []),
    # a festival wish names the animal of the Spring Festival ahead
    ("主持词\n（2027年1月21日）\n\n恭祝大家马年吉祥、身体健康！\n", ["currency.copied-year"]),
    ("主持词\n（2027年1月21日）\n\n恭祝大家羊年吉祥、身体健康！\n", []),
    ("主持词\n（2026年12月21日）\n\n恭祝大家羊年吉祥！\n", []),
    # 开好 a past year's 年度 meeting, in a text dated after March
    ("主持词\n（2026年12月22日）\n\n大家好！\n\n学校将于明年1月开好2025年度民主生活会。\n", ["currency.copied-year"]),
    ("主持词\n（2027年1月5日）\n\n大家好！\n\n学校将开好2026年度民主生活会。\n", []),
]


@pytest.mark.parametrize(("text", "rules"), OWN_DATE)
def test_own_date(text: str, rules: list[str]) -> None:
    got = [f.rule for f in ENGINE.check(Document("t.txt", "text", text))]
    assert got == rules, got


def test_a_part_typed_in_another_style_keeps_its_place_and_counts() -> None:
    """二、 then 3、 then 四、: the third part's marker is the finding (its style), 四、 is in its
    place, and a count of three announced before the parts is one short."""
    text = "下面，我提三点要求。\n一、甲\n正文。\n二、乙\n正文。\n3、丙\n正文。\n四、丁\n正文。\n"
    got = [(f.rule, f.text) for f in ENGINE.check(Document("t.txt", "text", f"标题\n\n{text}"))]
    assert ("numbering.sequence", "四、") not in got, got
    assert ("enumeration.count", "三点") in got, got
