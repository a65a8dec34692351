"""Issue 13, family by family: text each rule must flag and text it must not (real speech prose
that shares characters, correct formulations, reduplication, decimals, names, house styles).

Each row is checked with the whole engine, so a row also proves that no other rule speaks up on
a correct sentence (`must_not` rows expect no finding at all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builder import new_document

from drafter.checks import build_engine
from drafter.config import Config
from drafter.document import Document
from drafter.readers import read_path

ENGINE = build_engine()


def findings(text: str, fmt: str = "text", engine=ENGINE) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    name = "t.md" if fmt == "markdown" else "t.txt"
    return [(f.rule, f.text) for f in engine.check(Document(name, fmt, f"标题\n\n{text}\n"))]


# (paragraph, the rule that must answer, the text it must point at)
MUST_FLAG = [
    # near-miss formulations: one character wrong, a word added or replaced, a title's kind word
    ("坚定“四个自性”。", "formulation.nearmiss", "四个自性"),
    ("加强党风廉正建设。", "formulation.nearmiss", "党风廉正建设"),
    ("推进全面重严治党。", "formulation.nearmiss", "全面重严治党"),
    ("即确立习近平同志党中央的核心、全党的领导核心地位。", "formulation.nearmiss", "全党的领导核心地"),
    (
        "坚决维护习近平总书记党中央的核心、全党的核心位置，坚决维护党中央权威和集中统一领导。",
        "formulation.nearmiss",
        "的核心位置",
    ),
    ("严格执行《整治形式主义为基层减负若干意见》。", "formulation.nearmiss", "负若干意见"),
    # items: replaced by a near word, one added, one missing
    ("坚定道路自信、理论自信、制度优势、文化自信。", "formulation.items", "制度优势"),
    ("坚定道路自信、理论自信、制度自信、文化自觉。", "formulation.items", "道路自信、理论自信、制度自信、文化自觉"),
    ("一体推进不敢腐、不能腐、不想贪。", "formulation.items", "不敢腐、不能腐、不想贪"),
    ("发展党员坚持控制总量、优化结构、提高质量、严格程序的总要求。", "formulation.items", "严格程序"),
    (
        "不断提高政治判断力、政治领悟力、政治执行力、政治创造力。",
        "formulation.items",
        "政治判断力、政治领悟力、政治执行力、政治创造力",
    ),
    # collocations the data knows to be wrong
    ("严格落实中央八项规定精神，狠抓“四风”。", "formulation.collocation", "狠抓“四风”"),
    # wrong words
    ("希望大家再接再励。", "wording.typo", "再接再励"),
    ("对明年工作作出部暑。", "wording.typo", "部暑"),
    ("与客商恰谈新材料产业园项目。", "wording.typo", "恰谈"),
    ("截止2026年11月底，共完成投资12亿元。", "wording.usage", "截止"),
    # punctuation next to Chinese
    ("全年增长12%,实现稳步发展。", "punctuation.halfwidth", ","),
    ("落实“三个一”:一是学习。", "punctuation.halfwidth", ":"),
    ("同志们(大家好)：", "punctuation.halfwidth", "(大家好)"),
    ("要抓好学习，，推动落实。", "punctuation.doubled", "，，"),
    # dates
    ("2024年3月8在会上讲话。", "date.missing", "2024年3月8"),
    ("落款\n\n2027年1月12", "date.missing", "2027年1月12"),
    ("2026年2月30日召开。", "date.impossible", "2026年2月30日"),
    ("2025年7月1日（星期一）召开。", "date.weekday", "2025年7月1日（星期一）"),
    # blanks in every form
    ("【姓名】同志主持。", "placeholder.bracket", "【姓名】"),
    ("201*年完成任务。", "placeholder.digit-star", "*"),
    ("| 项目 | 数量 |\n| 新增企业*<br>*家 | 3 |", "placeholder.stars", "*<br>*"),
    # repeats
    ("我们要，要坚持。", "repetition.across", "要，要"),
    ("坚定信心、踔厉奋发发，为建设世界一流企业而奋斗。", "repetition.doubled", "发发"),
    ("班子子成员深入基层调研不够。", "repetition.doubled", "子子"),
    # inline sequences and counts
    ("主要做了三件事：（一）抓学习；（二）抓落实；（四）抓作风。", "enumeration.sequence", "（四）"),
    ("具体包括：（1）加强学习；（3）强化落实。", "enumeration.sequence", "（3）"),
    ("做到“四个到位”，即责任落实到位、预案制定到位、物资储备到位。", "enumeration.count", "四个到位"),
    (
        "共设置三大展区：整车展区、电池展区、智能网联展区、充电设施展区，面积6.8万平方米。",
        "enumeration.count",
        "三大展区",
    ),
    # currency: a finished campaign said to be under way
    (
        "当前，深入贯彻中央八项规定精神学习教育正在深入推进。\n\n2026年12月1日",
        "currency.ended",
        "深入贯彻中央八项规定精神学习教育",
    ),
]

MUST_NOT = [
    "坚持以习近平新时代中国特色社会主义思想为指导，全面从严治党，坚定“四个自信”。",
    "坚持全面从严治警、从严管党治党，增强文化自觉和文化自信。",
    "按照《县以上党和国家机关党员领导干部民主生活会若干规定》，确立习近平同志党中央的核心、全党的核心地位。",
    "推动国有资本和国有企业做强做优做大，增强核心功能，全面提升核心竞争力。",
    "发展党员坚持控制总量、优化结构、提高质量、严格程序等要求。",
    "提高政治判断力、政治领悟力、政治执行力，加强政治能力建设。",
    "坚决纠治“四风”，狠刹“四风”，牢固树立“四个自信”，做到“两个维护”。",
    "教育部暑期工作安排已发布暑假通知；一贯切实履行职责；统筹协调济南项目；周详和细致。",
    "这些问题的解决对于发展至关重要，持续解决对企业的帮扶问题。",
    "会议于16:30召开，增长12.5%，采用ISO 9001标准和iPhone X。",
    "做到红红脸、出出汗、排排毒，一份份材料，省辖市市本级，闸站站长，搞团团伙伙。",
    "按时组织组织生活会，请同同志们一起讨论，社会会更好，学生生活，天天向上。",
    "做到“三个到位”，即责任落实到位、预案制定到位、物资储备到位。",
    "共设置三大展区：整车展区、电池展区、智能网联展区等，面积6.8万平方米。",
    "增强“四个意识”，即政治意识、大局意识、核心意识、看齐意识。",
    "主要做了三件事：（一）抓学习；（二）抓落实；（三）抓作风。",
    "2021年以来深入开展的党史学习教育中，我们形成了长效机制。\n\n2026年12月1日",
]


@pytest.mark.parametrize(("text", "rule", "span"), MUST_FLAG)
def test_must_flag(text: str, rule: str, span: str) -> None:
    got = findings(text)
    assert (rule, span) in got, got
    # One slip, one finding: nothing else speaks on the same span.
    assert len([g for g in got if g[1] == span]) == 1, got


@pytest.mark.parametrize("text", MUST_NOT)
def test_must_not_flag(text: str) -> None:
    assert findings(text) == []


def test_numbering_behind_a_markdown_heading_prefix() -> None:
    text = "## 一、总体要求\n\n正文。\n\n## 三、重点任务\n\n正文。"
    assert findings(text, "markdown") == [("numbering.sequence", "三、")]
    assert findings("## 一、总体要求\n\n正文。\n\n## 二、重点任务\n\n正文。", "markdown") == []


def test_several_blank_pairs_in_one_markdown_paragraph() -> None:
    got = findings("由**同志主持，**同志作报告，**同志讲话。", "markdown")
    assert got == [("placeholder.stars", "**")] * 3
    assert findings("这是**重点工作**，要抓好。", "markdown") == []


def test_a_documents_own_heading_style_is_not_a_slip() -> None:
    house = "\n".join(f"{n}、第{n}项工作。具体内容。" for n in range(1, 5))
    assert findings(f"一、总体\n{house}") == []
    mixed = "一、总体\n1.第一项工作。\n2、第二项工作。\n3.第三项工作。"
    assert findings(mixed) == [("numbering.style", "2、")]


def test_a_skipped_level_is_one_finding_per_run_and_a_glossary_is_not_headings() -> None:
    skipped = "一、总体\n（1）甲项工作。\n（2）乙项工作。\n（3）丙项工作。"
    assert findings(skipped) == [("numbering.skip", "（1）")]
    glossary = (
        "一、总体\n正文。\n（1）“六稳”：稳就业、稳金融。\n（2）“六保”：保居民就业。\n（3）“四早”：早发现、早报告。"
    )
    assert findings(glossary) == []


def test_review_sections_and_the_texts_own_year() -> None:
    engine = build_engine(Config(year=2024))
    review = (
        "一、2023年工作回顾\n深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育。\n二、2024年工作安排\n做好工作。"
    )
    assert findings(review, engine=engine) == []
    engine_2008 = build_engine(Config(year=2008))
    four = "推进社会主义经济建设、政治建设、文化建设、社会建设。"
    assert findings(four, engine=engine_2008) == []
    assert ("formulation.items", "经济建设、政治建设、文化建设、社会建设") in findings(
        four, engine=build_engine(Config(year=2026))
    )


def test_order_and_a_missing_item_are_one_finding_with_both_reasons() -> None:
    doc = Document("t.txt", "text", "标题\n\n增强“四个意识”，即政治意识、核心意识、大局意识。\n")
    got = ENGINE.check(doc)
    assert [f.rule for f in got] == ["formulation.order"]
    assert "顺序" in got[0].message and "少了“看齐意识”" in got[0].message


def test_repeat_across_a_manual_line_break_in_docx(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("讲话")
    p = d.add_paragraph()
    p.add_run("我们要")
    p.add_run().add_break()
    p.add_run("要坚持实事求是。")
    table = d.add_table(rows=1, cols=1)
    cell = table.cell(0, 0).paragraphs[0]
    cell.add_run("新增企业*")
    cell.add_run().add_break()
    cell.add_run("*家")
    path = tmp_path / "讲话.docx"
    d.save(str(path))
    got = [(f.rule, f.text) for f in ENGINE.check(read_path(path))]
    assert ("repetition.across", "要 要") in got
    assert ("placeholder.stars", "* *") in got
