"""Issue 13, third round: the classes of slip that the fourth blind set still got past — dates
written in every layout (a weekday after a comma, a year of five digits, numerals mixed in one
date), headings numbered in every layout (三. for 三、 behind any prefix), and
what a text's own year makes wrong. Sentences of the kind, not the drafts' own, each with the
correct prose beside it that must stay silent.

Each row runs the whole engine, so a `MUST_NOT` row proves that no rule speaks on it."""

from __future__ import annotations

import pytest
from recall_helpers import ENGINE, assert_one_finding, assert_silent, findings

from drafter.document import Document

# (paragraph, the rule that must answer, the text it must point at)
MUST_FLAG = [
    # dates: the weekday after a comma or a space, not only in brackets
    ("会议定于2026年12月22日，星期三召开。", "date.weekday", "2026年12月22日，星期三"),
    ("（2025年7月1日 星期一）", "date.weekday", "2025年7月1日 星期一"),
    # a year typed with a digit too many; Arabic and Chinese numerals mixed in one date
    ("20227年1月12日", "punctuation.date", "20227年1月12日"),
    ("（2026年十二月18日）", "punctuation.date", "2026年十二月18日"),
    ("二〇二六年12月召开。", "punctuation.date", "二〇二六年12月"),
    # sequences written with 首先/其次: a second 其次
    ("首先，在思想上用力。其次，在主业上用力。其次，在党建上用力。", "enumeration.sequence", "其次"),
    # counts: kinds announced before 一是, and 做了N个方面工作 before its sub-headings
    ("主要有三种表现：一是学习不深。二是担当不够。三是服务不实。四是纪律松弛。", "enumeration.count", "三种"),
    ("今年以来，重点做了三个方面工作。\n（一）抓学习\n内容。\n（二）抓落实\n内容。", "enumeration.count", "三个方面"),
    # two openers left open one after the other: one slip, at the second (typed for the closer)
    ("由部门牵头对外包队伍（含劳务派遣人员（开展全覆盖培训。", "punctuation.unpaired", "（"),
    # a bracket left as a note for whoever fills it
    ("资产负债率下降【数据待财务部核实】个百分点。", "placeholder.prompt", "【数据待财务部核实】"),
    # a two-character function word said twice across a mark, as a clause of its own
    ("下一步，我们，我们将抓好整改。", "repetition.across", "我们，我们"),
    ("同时、同时要抓好落实。", "repetition.across", "同时、同时"),
    # a list's last item joined by 和, replaced by a near word
    (
        "严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和财经纪律，知敬畏。",
        "formulation.items",
        "政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和财经纪律",
    ),
    # wrong words: 自已 before a function word, 关健, 做报告 for 作报告
    ("连他们自已也包括在内。", "wording.usage", "自已"),
    ("聚焦物资采购等关健环节。", "wording.typo", "关健"),
    ("请总经理同志做工作报告。", "wording.typo", "做工作报告"),
    # currency: this year's work said to follow last year's meeting; an anniversary of the data's
    # own; 今年是……周年 in a January text is the new year's number, not the reviewed year's
    ("今年以来，公司党委认真落实集团2025年工作会议部署。\n\n2026年12月1日", "currency.copied-year", "2025年"),
    ("本月4日是中央八项规定出台13周年。\n\n2026年12月10日", "currency.anniversary", "13"),
    ("今年是中国共产党成立105周年。\n\n2027年1月28日", "currency.anniversary", "105"),
    (
        "根据集团党委《关于认真开好2025年度民主生活会的通知》要求，我认真学习。\n\n2026年12月1日",
        "currency.copied-year",
        "2025",
    ),
]

MUST_NOT = [
    "会议定于2026年12月22日，星期二召开。",
    "（2025年7月1日 星期二）",
    "二〇二六年十二月十八日，一九五六年九月十六日，2026年12月18日。",
    "2026年12月22日，星期二上午，全体人员参加。",
    "增长12.5%，第3.2条，合计20227元。",
    "今年以来，公司党委认真落实集团2026年工作会议部署。\n\n2026年12月1日",
    "首先，抓学习。其次，抓落实。再次，抓作风。最后，抓纪律。",
    "资料来自已有的研究，出自已故作者之手；推动机关健身活动，关注机关健康；做好报告会的准备。",
    "严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律；反对形式主义、官僚主义、享乐主义和铺张浪费。",
    "中国之命运有两种：一种是光明的，一种是黑暗的。主要有四种表现：一是甲。二是乙。三是丙。四是丁。",
    "【典型经验】本单位着力解决【亟待解决的问题】。",
    "他们需要我们，我们也需要他们。坚持，坚持，再坚持。发展，发展是第一要务。",
    "首先，我代表党委表示欢迎。再次，向大家致以问候。",
    "下面我讲三点意见：首先，要学习。其次，要落实。最后，要整改。",
    "过去一年，认真落实集团2026年工作会议部署。\n\n2027年1月12日",
    "本月4日是中央八项规定出台14周年。\n\n2026年12月10日",
    "过去一年，我们隆重庆祝中国共产党成立105周年。\n\n2027年1月28日",
    "根据集团党委《关于认真开好2026年度民主生活会的通知》要求，我认真学习。\n\n2026年12月1日",
]


@pytest.mark.parametrize(("text", "rule", "span"), MUST_FLAG)
def test_must_flag(text: str, rule: str, span: str) -> None:
    assert_one_finding(text, "text", rule, span)


@pytest.mark.parametrize("text", MUST_NOT)
def test_must_not_flag(text: str) -> None:
    assert_silent(text)


# Headings in every layout: (text, format, the rule, the marker it must point at)
HEADINGS_FLAG = [
    ("一、学习\n正文。\n二、落实\n正文。\n三.总结\n正文。", "text", "numbering.style", "三."),
    ("## 一、学习\n正文。\n## 二、落实\n正文。\n## 三. 总结\n正文。", "markdown", "numbering.style", "三."),
]

HEADINGS_PASS = [
    ("一、学习\n正文。\n二、落实\n正文。\n三、总结\n正文。", "text"),
    ("一、学习\n（一）甲\n正文。\n（二）乙\n正文。\n二、落实\n（一）丙\n正文。", "text"),
    ("一.学习\n正文。\n二.落实\n正文。\n三.总结\n正文。", "text"),  # the document's own style
]


@pytest.mark.parametrize(("text", "fmt", "rule", "span"), HEADINGS_FLAG)
def test_headings_flag(text: str, fmt: str, rule: str, span: str) -> None:
    got = findings(text, fmt)
    assert (rule, span) in got, got


@pytest.mark.parametrize(("text", "fmt"), HEADINGS_PASS)
def test_headings_pass(text: str, fmt: str) -> None:
    assert [g for g in findings(text, fmt) if g[0].startswith("numbering.")] == []


# A formulation as it stood in the text's own year, read from the date under the title (题注)
# when the text has no date line: (text, the rule that must answer or None, the span)
OWN_YEAR = [
    ("报告\n（2012年11月8日）\n\n全党要坚定这样的道路自信、理论自信、制度自信！\n", None, None),
    (
        "报告\n（2026年11月8日）\n\n全党要坚定这样的道路自信、理论自信、制度自信！\n",
        "formulation.items",
        "道路自信、理论自信、制度自信",
    ),
    ("报告\n（2007年10月21日大会通过）\n\n形式主义、官僚主义、享乐主义、奢侈浪费问题比较突出。\n", None, None),
    (
        "报告\n（2026年10月21日）\n\n形式主义、官僚主义、享乐主义、奢侈之风问题比较突出。\n",
        "formulation.nearmiss",
        "奢侈之风",
    ),
    # a list that begins earlier with an element of its own: the first item is there, written otherwise
    ("标题\n\n集体研究重大事项、重要人事任免、重大项目安排和大额度资金运作。\n", None, None),
    (
        "标题\n\n集体研究重要人事任免、重大项目安排、大额度资金运作。\n",
        "formulation.items",
        "重要人事任免、重大项目安排、大额度资金运作",
    ),
    # the missing item is the sentence's own subject, or one half of a paired item stands there
    ("标题\n\n把生态文明建设放在突出地位，融入经济建设、政治建设、文化建设、社会建设各方面。\n", None, None),
    (
        "标题\n\n弘扬坚持真理、坚定理想，践行初心、担当使命，不怕牺牲、英勇斗争，对党忠诚、不负人民的伟大建党精神。\n",
        "formulation.nearmiss",
        "坚定理想",
    ),
]


@pytest.mark.parametrize(("text", "rule", "span"), OWN_YEAR)
def test_formulations_in_their_own_year(text: str, rule: str | None, span: str | None) -> None:
    got = [(f.rule, f.text) for f in ENGINE.check(Document("t.txt", "text", text)) if f.rule.startswith("formulation.")]
    assert got == ([] if rule is None else [(rule, span)]), got
