"""Issue 13, seventh round of rule data: a sample of the enumerated formulations added to the phrase
bank (phrasebank/27-列举式规范表述.yaml, with their names, years and verbs in
`rules/formulations.yaml`) and of the expressions and pairs added to `rules/idioms.yaml` and
`rules/wording.yaml`, each with a slip that must be flagged and correct text of the same shape that
must stay silent.

Each row runs the whole engine (tests/recall_helpers.py), so a `MUST_NOT` row proves that no rule
speaks on it, and a `MUST_FLAG` row that the slip is one finding of the expected rule."""

from __future__ import annotations

import pytest
from recall_helpers import ENGINE, assert_silent, findings

from drafter.document import Document

# (paragraph, the rule that must answer, the text it must point at)
MUST_FLAG = [
    # an added list with two items swapped (the whole list stands)
    (
        "全面推进党的政治建设、组织建设、思想建设、作风建设、纪律建设。",
        "formulation.order",
        "政治建设、组织建设、思想建设、作风建设、纪律建设",
    ),
    ("坚持节约优先、自然恢复为主、保护优先的方针。", "formulation.order", "节约优先、自然恢复为主、保护优先"),
    ("坚持科学立法、公正司法、严格执法、全民守法。", "formulation.order", "科学立法、公正司法、严格执法、全民守法"),
    ("统揽伟大斗争、伟大事业、伟大工程、伟大梦想。", "formulation.order", "伟大斗争、伟大事业、伟大工程、伟大梦想"),
    ("引导党员学史明理、学史崇德、学史增信、学史力行。", "formulation.order", "学史明理、学史崇德、学史增信、学史力行"),
    (
        "推动乡村产业振兴、文化振兴、人才振兴、生态振兴、组织振兴。",
        "formulation.order",
        "产业振兴、文化振兴、人才振兴、生态振兴、组织振兴",
    ),
    # an added list with one item left out, not going on
    ("坚持集体领导、民主集中、会议决定的原则。", "formulation.items", "集体领导、民主集中、会议决定"),
    ("做好稳就业、稳金融、稳外贸、稳外资、稳预期工作。", "formulation.items", "稳就业、稳金融、稳外贸、稳外资、稳预期"),
    ("落实最严谨的标准、最严格的监管、最严厉的处罚。", "formulation.items", "最严谨的标准、最严格的监管、最严厉的处罚"),
    # an added list's item altered
    ("增强党内政治生活的政治性、时代性、原则性、战头性。", "formulation.items", "政治性、时代性、原则性、战头性"),
    (
        "经受执政考验、市场经济考验、改革开放考验、外部环境考验。",
        "formulation.order",
        "执政考验、市场经济考验、改革开放考验、外部环境考验",
    ),
    ("坚持不忘本来、面向未来、吸收外来。", "formulation.order", "不忘本来、面向未来、吸收外来"),
    (
        "培养有理想信念、有道德情操、有仁爱之心、有扎实学识的好老师。",
        "formulation.order",
        "有理想信念、有道德情操、有仁爱之心、有扎实学识",
    ),
    # wording.yaml: a listed wrong form
    ("他冒然行动，结果适得其反。", "wording.typo", "冒然"),
    ("克服心情浮燥的问题。", "wording.typo", "浮燥"),
    ("对旧址进行修茸。", "wording.typo", "修茸"),
    # the verb of an added formulation written without a name
    ("统筹推进降碳、减污、扩绿、增长。", "formulation.collocation", "统筹推进"),
    # idioms.yaml: one character off an added expression
    ("他们一呼百映，群众纷纷响应。", "wording.idiom", "一呼百映"),
    ("这项工作卓有成校。", "wording.idiom", "卓有成校"),
    ("这种风气由然而生。", "wording.idiom", "由然而生"),
    ("宝剑锋从磨砺出，梅花香自苦含来。", "wording.idiom", "梅花香自苦含来"),
    ("党员干部要吾日三省吾生。", "wording.idiom", "吾日三省吾生"),
    ("对这些问题不能束手无册。", "wording.idiom", "束手无册"),
    ("干部要对群众嘘寒闻暖。", "wording.idiom", "嘘寒闻暖"),
    ("同志们要夙兴夜昧、勤勉工作。", "wording.idiom", "夙兴夜昧"),
    ("各项工作环环相叩。", "wording.idiom", "环环相叩"),
]

MUST_NOT = [
    # the lists as they stand
    "全面推进党的政治建设、思想建设、组织建设、作风建设、纪律建设，把制度建设贯穿其中。",
    "坚持节约优先、保护优先、自然恢复为主的方针，协同推进降碳、减污、扩绿、增长。",
    "坚持科学立法、严格执法、公正司法、全民守法，深化简政放权、放管结合、优化服务改革。",
    "引导党员学史明理、学史增信、学史崇德、学史力行，推动乡村产业振兴、人才振兴、文化振兴、生态振兴、组织振兴。",
    "做好稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期工作，在幼有所育、学有所教、劳有所得、病有所医、老有所养、住有所居、弱有所扶上持续用力。",
    # a list quoted in part, or going on
    "坚持集体领导、民主集中、个别酝酿、会议决定的原则，推进减污降碳协同增效。",
    "着力稳就业、稳企业、稳市场、稳预期，打好蓝天、碧水、净土保卫战。",
    "坚持不忘本来、吸收外来、面向未来，推动物质文明、政治文明、精神文明、社会文明、生态文明协调发展。",
    "落实党政同责、一岗双责、齐抓共管、失职追责，坚持安全第一、预防为主。",
    # prose sharing letters with an added formulation or pair
    "执行最严格的标准，实行最严格的监督，给予最严厉的惩罚，坚持以自然修复为主。",
    "他患了感冒然后痊愈，对旧址进行修葺。",
    "改革开放是决定当代中国命运的关键一招，提升突发事件应急处置能力。",
    "坚持走中国特色社会主义道路，完善党的领导方式和执政方式，维护了中央权威。",
    # the expressions as they stand
    "宝剑锋从磨砺出，梅花香自苦寒来；千里之行，始于足下；一年之计，莫如树谷。",
    "这一成就震古烁今，也有人写作震古铄今。",
    "他们一呼百应，工作卓有成效；对这些问题不能束手无策，要敢于仗义执言，夙兴夜寐、环环相扣。",
]


@pytest.mark.parametrize(("text", "rule", "wrong"), MUST_FLAG)
def test_a_slip_in_an_added_entry_is_one_finding(text: str, rule: str, wrong: str) -> None:
    assert findings(text) == [(rule, wrong)]


@pytest.mark.parametrize("text", MUST_NOT)
def test_correct_text_beside_an_added_entry_is_silent(text: str) -> None:
    assert_silent(text)



@pytest.mark.parametrize(
    "text", ["牢固树立“四个意识”，坚定“四个自信”。", "不断提高政治判断力、政治领悟力、政治执行力。"]
)
def test_the_fixed_verbs_stay_silent(text: str) -> None:
    assert findings(text) == []


@pytest.mark.parametrize(("text", "verb"), [("不断提高“四个意识”。", "提高"), ("持续提升“四个自信”。", "提升")])
def test_a_verb_listed_as_wrong_before_a_quoted_name_is_flagged(text: str, verb: str) -> None:
    assert [r for r, t in findings(text) if t.startswith(verb)] == ["formulation.collocation"]


def test_a_list_is_judged_by_the_text_s_own_year() -> None:
    # 政治建设 led the list of party building from the 19th congress (2017) on
    body = "全面推进党的思想建设、政治建设、组织建设、作风建设、纪律建设。"
    assert findings(body, title="2012年工作总结") == []
    assert [r for r, _ in findings(body, title="2026年工作总结")] == ["formulation.order"]


def test_a_named_whole_list_out_of_order_is_put_in_order() -> None:
    doc = Document("t.txt", "text", "标题\n\n扎实做好“六稳”工作，即稳就业、稳外贸、稳金融、稳外资、稳投资、稳预期。\n")
    hits = [f for f in ENGINE.check(doc) if f.rule == "formulation.order"]
    assert len(hits) == 1
    assert hits[0].suggestion == "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期"
