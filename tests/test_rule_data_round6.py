"""Issue 13, sixth round of rule data: a sample of the entries added to `rules/idioms.yaml`,
`rules/wording.yaml` and `rules/nearmiss.yaml`, each with a slip that must be flagged and correct
text of the same shape that must stay silent.

Each row runs the whole engine (tests/recall_helpers.py), so a `MUST_NOT` row proves that no rule
speaks on it, and a `MUST_FLAG` row that the slip is one finding of the expected rule."""

from __future__ import annotations

import pytest
from recall_helpers import assert_silent, findings

# (paragraph, the rule that must answer, the text it must point at)
MUST_FLAG = [
    # idioms.yaml: one character off an added expression, no misspelling listed anywhere
    ("同志们要勇立朝头，敢闯敢干。", "wording.idiom", "勇立朝头"),
    ("坚持守正不守就、尊古不复古。", "wording.idiom", "守正不守就"),
    ("对苗头性问题要露头就达。", "wording.idiom", "露头就达"),
    ("各地活动亮点分呈。", "wording.idiom", "亮点分呈"),
    ("做到有权必有则、有责要担当。", "wording.idiom", "有权必有则"),
    ("百舸争留，奋楫者先。", "wording.idiom", "百舸争留"),
    ("这些经验弥足珍桂。", "wording.idiom", "弥足珍桂"),
    ("要兼收并续，博采众长。", "wording.idiom", "兼收并续"),
    ("构建共商共建共想的格局。", "wording.idiom", "共商共建共想"),
    ("教育引导要润物无生。", "wording.idiom", "润物无生"),
    ("功崇惟志、业广为勤。", "wording.idiom", "业广为勤"),
    ("学而不思则罔，思而不学则怠。", "wording.idiom", "思而不学则怠"),
    ("雄关慢道真如铁，而今迈步从头越。", "wording.idiom", "雄关慢道真如铁"),
    # wording.yaml: a listed wrong form, always wrong
    ("集中精力开展拔乱反正工作。", "wording.typo", "拔乱反正"),
    ("各地千帆竟发、百舸争流。", "wording.typo", "千帆竟发"),
    ("坚持宁缺勿滥的原则。", "wording.typo", "宁缺勿滥"),
    ("方案经核淮后实施。", "wording.typo", "核淮"),
    ("认真核对户藉信息。", "wording.typo", "户藉"),
    ("请付书记讲话。", "wording.typo", "付书记"),
    ("单位发布招聘启示。", "wording.typo", "招聘启示"),
    ("建立问题整改台帐。", "wording.typo", "台帐"),
    ("抓好惯彻落实。", "wording.typo", "惯彻"),
    ("大家齐心协力度过难关。", "wording.typo", "度过难关"),
    ("同违纪违法行为做斗争。", "wording.typo", "做斗争"),
    ("对妨碍甚至防碍发展的问题要整改。", "wording.typo", "防碍"),
    # wording.yaml: a form wrong in the context its entry names
    ("要竖立先进典型。", "wording.usage", "竖立"),
    ("请认真阅读会议需知。", "wording.usage", "需知"),
    ("周未加班，抓好安全。", "wording.usage", "周未"),
    ("回首往事，感概万千。", "wording.typo", "感概"),
    # nearmiss.yaml: a core formulation or a document title one character off
    ("深入学习习近平法制思想。", "formulation.nearmiss", "近平法制思想"),
    ("认真学习《中国共产党巡视工做条例》。", "formulation.nearmiss", "巡视工做条例"),
    ("严格执行《党政机关公文处理工作条列》。", "formulation.nearmiss", "工作条列"),
    ("学习《中共中央关于党的百年奋斗重大成就和历史经念的决议》。", "formulation.nearmiss", "历史经念的决议"),
    ("统筹中华民族伟大复兴战略全局和世界百年未有之大变革。", "formulation.nearmiss", "之大变革"),
    ("坚持人民城市人民建、人民城市未人民。", "formulation.nearmiss", "民城市未人民"),
    ("认真学习《习近平著作选编》。", "formulation.nearmiss", "著作选编"),
]

MUST_NOT = [
    # the expressions as they stand
    "勇立潮头、敢闯敢干，守正不守旧、尊古不复古，露头就打，亮点纷呈，有权必有责、有责要担当。",
    "百舸争流，千帆竞发；经验弥足珍贵；兼收并蓄，构建共商共建共享的格局，润物无声。",
    # real phrases and accepted variants one character from an added expression
    "执法犯法，罪加一等。这项成果令人注目，文化生活丰富多采。",
    "坚持因地制宜、因时制宜、因事制宜。",
    "功崇唯志、业广唯勤，唯其艰难，才更显勇毅；一份耕耘、一份收获。",
    # a wrong form's letters inside correct text (each entry's context)
    "大家进入帐篷休息。文件经批复盖章后生效。",
    "大家竟争相报名参加，这就象征着新的开始。",
    "个别现象这样反复出现，必须整治。",
    "本周未完成的任务下周补上，上世纪末来到这里，敏感概念要解释清楚。",
    "组建国家俱乐部，按时支付主任工资，接洽当地企业。",
    "我们要向上级如实反映情况，齐心协力渡过难关，同违纪违法行为作斗争。",
    # the real terms beside an added formulation
    "深入学习习近平法治思想和习近平经济思想。",
    "为全面建设小康社会而奋斗，坚持和拓展中国特色社会主义道路。",
    "严格执行领导干部报告个人有关事项制度。",
    "推动创新型发展，建设创新型国家，依照《中华人民共和国刑法》追究刑事责任。",
    "认真学习《习近平著作选读》和《中国共产党巡视工作条例》。",
]


@pytest.mark.parametrize(("text", "rule", "wrong"), MUST_FLAG)
def test_a_slip_in_an_added_entry_is_one_finding(text: str, rule: str, wrong: str) -> None:
    assert findings(text) == [(rule, wrong)]


@pytest.mark.parametrize("text", MUST_NOT)
def test_correct_text_beside_an_added_entry_is_silent(text: str) -> None:
    assert_silent(text)



@pytest.mark.parametrize(
    ("body", "wrong"),
    [("请付书记讲话，象这样的问题要解决。", "付书记"), ("建立问题整改台帐。", "台帐")],
)
def test_a_form_the_norm_took_later_is_judged_by_the_text_s_own_year(body: str, wrong: str) -> None:
    # 副/像 were restored in 1986 and 账 took accounts in 2005: a text of 1980 wrote as its year did
    assert findings(body, title="1980年工作总结") == []
    assert (("wording.typo", wrong)) in findings(body, title="2026年工作总结")
