"""Issue 13, second round: the classes of slip that blind drafts nobody tuned on still got past
(wrong words of 公文, near misses of long terms and meeting names, counts announced before their
items, dated content of a 2027 text). Each class is tested with sentences of the kind, not the
drafts' own, and with the correct prose beside it that must stay silent.

Each row runs the whole engine, so a `MUST_NOT` row proves that no rule speaks on it."""

from __future__ import annotations

import pytest

from drafter.checks import build_engine
from drafter.document import Document

ENGINE = build_engine()


def findings(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in ENGINE.check(Document("t.txt", "text", f"标题\n\n{text}\n"))]


# (paragraph, the rule that must answer, the text it must point at)
MUST_FLAG = [
    # wrong words: idioms and words of official prose, always wrong
    ("他们是名符其实的先锋队。", "wording.typo", "名符其实"),
    ("要防微杜惭，守住底线。", "wording.typo", "防微杜惭"),
    ("坚持防范于未然，狠抓隐患整改。", "wording.typo", "防范于未然"),
    ("党建和业务相互脱接。", "wording.typo", "脱接"),
    ("部份企业盈利能力较弱。", "wording.typo", "部份"),
    ("节日期间丝毫不能松泄。", "wording.typo", "松泄"),
    ("迅期内遇暴雨预警一律停工。", "wording.typo", "迅期"),
    ("要砥励前行，笃行不殆。", "wording.typo", "砥励"),
    ("做到严以律已、克已奉公。", "wording.typo", "严以律已"),
    ("要一如继往地支持基层。", "wording.typo", "一如继往"),
    ("这些成绩的取得来之不易，毋庸置疑，勿庸置疑。", "wording.typo", "勿庸置疑"),
    ("开展实地考查和座谈交流。", "wording.typo", "实地考查"),
    # wrong words that depend on what follows
    ("明年上半年必需完成全部轮训。", "wording.usage", "必需"),
    ("用辨证思维分析解决问题。", "wording.usage", "辨证"),
    ("建议壁画了发展的宏伟蓝图。", "wording.usage", "壁画"),
    ("坚持即抓进度又抓安全。", "wording.usage", "即"),
    ("新办公楼正式起用新印章。", "wording.usage", "起用"),
    ("把权利关进制度的笼子里。", "wording.usage", "权利"),
    ("依法保障职工的权力和义务。", "wording.usage", "权力"),
    # near misses: the last character or word of a long term, before the sentence ends
    ("坚持稳中求进工作总基础，推动高质量发展。", "formulation.nearmiss", "作总基础"),
    ("健全全面从严治党体制。", "formulation.nearmiss", "治党体制"),
    ("高质量发展是全面建设社会主义现代化国家的首要目标。", "formulation.nearmiss", "的首要目标"),
    # a word replaced inside a sentence-long term
    ("物质文明和精神文明相统一的现代化。", "formulation.nearmiss", "文明相统一的现代"),
    # a 的 added to a document's title
    ("认真落实《整治形式主义为基层减负的若干规定》。", "formulation.nearmiss", "层减负的若干规"),
    # words or items that changed places
    ("学习《中共中央关于全面进一步深化改革、推进中国式现代化的决定》。", "formulation.nearmiss", "全面进一步"),
    ("坚持“预防为主、安全第一、综合治理”的方针。", "formulation.nearmiss", "预防为主、安全第一"),
    ("对照“坚持真理、坚守理想，担当使命、践行初心”的要求。", "formulation.nearmiss", "担当使命、践行初心"),
    # an item of a fixed list replaced or miswritten
    ("坚持“安全第一、预防为主、综合整治”方针。", "formulation.items", "综合整治"),
    ("增强政治意识、全局意识、核心意识、看齐意识。", "formulation.nearmiss", "全局意识"),
    ("诠释了劳动最光荣、劳动最崇高、劳动最伟大、劳动最光彩的内涵。", "formulation.items", "劳动最光彩"),
    # meeting names
    ("全面落实中央经济会议部署。", "formulation.misquote", "中央经济会议"),
    # dated content of a 2027 text: an anniversary after a salutation, a plan period's stage
    ("同志们，2027年，新中国迎来77周年华诞。\n\n2027年1月12日", "currency.anniversary", "77"),
    ("2027年是“十四五”规划实施的关键一年。\n\n2027年1月12日", "currency.plan", "2027年是“十四五”规划实施的关键一年"),
    # a quotation mark typed twice: one finding, not also an unpaired quote
    ("没有时时处处以““严以律己”的标准要求自己。", "punctuation.doubled", "““"),
    # a bracket naming what to fill
    ("联合实验室被认定为【级别】重点实验室。", "placeholder.bracket", "【级别】"),
    # an earlier plenum called the latest one
    ("深入学习最近召开的党的二十届三中全会精神。\n\n2026年12月1日", "currency.latest", "二十届三中全会"),
    # counts announced before the sub-sections that hold their items
    (
        "我主要从四个方面进行了对照检查。\n（一）理论学习方面。\n（二）担当作为方面。\n（三）作风方面。",
        "enumeration.count",
        "四个方面",
    ),
    (
        "今年要重点抓好四个方面工作。\n（一）压实责任。\n（二）排查隐患。\n（三）做好防汛。",
        "enumeration.count",
        "四个方面",
    ),
    (
        "公司党委将重点做到“四个坚决”。\n一、坚决扛牢责任\n二、坚决纠治“四风”\n三、坚决惩治腐败",
        "enumeration.count",
        "四个",
    ),
    (
        "重点学习他们的三种精神。\n1.忠诚品格。\n2.奋斗精神。\n3.工匠精神。\n4.优良作风。",
        "enumeration.count",
        "三种精神",
    ),
]

MUST_NOT = [
    # the right forms, and the contexts in which the listed letters are correct
    "他们是名副其实的先锋队，要防微杜渐，防患于未然，砥砺前行，笃行不怠。",
    "摆脱接连不断的困扰，全部份额已认购，大部分企业盈利。",
    "提供生活必需品，这是必需的条件；必须完成全部轮训。",
    "中医辨证施治，坚持辩证思维，辩证地看待问题。",
    "修复壁画了却心愿；敦煌壁画，壁画艺术；擘画了发展蓝图。",
    "立即抓进度又抓安全；即日起执行；即将召开；既抓进度又抓安全。",
    "起用年轻干部，大胆起用优秀人才；启用新印章。",
    "维护职工合法权利，把权力关进制度的笼子里，享有权利和履行义务，职责权力和义务。",
    "防汛抗旱，汛期，预防迅速蔓延的火情。",
    # long terms beside real longer phrases, real plenums, another verb, a list quoted in part
    "培育和践行社会主义核心价值观，建设社会主义核心价值体系，健全全面从严治党体系。",
    "深入学习党的二十大和二十届历次全会精神，贯彻党的二十大和二十届二中全会精神。",
    "坚持安全第一、预防为主，坚持“安全第一、预防为主、综合治理”的方针。",
    "全面落实中央经济工作会议、中央农村工作会议精神，坚持稳中求进工作总基调。",
    "学习《中共中央关于进一步全面深化改革、推进中国式现代化的决定》。",
    "同志们，2027年，新中国迎来78周年华诞，我们党迎来106周年。\n\n2027年1月12日",
    "2027年是“十五五”规划实施的关键一年。\n\n2027年1月12日",
    "我主要从三个方面进行了对照检查。\n（一）理论学习方面。\n（二）担当作为方面。\n（三）作风方面。",
    "深入学习最近召开的党的二十届四中全会精神，回顾二十届三中全会。\n\n2026年12月1日",
    "对照““四个意识”的要求”查摆问题。",
    "公司党委将坚定“四个自信”。\n一、坚决扛牢责任\n二、坚决纠治“四风”\n三、坚决惩治腐败",
    "要从三个方面加强学习，做到学用结合。\n（一）理论学习方面。\n（二）担当作为方面。",
]


@pytest.mark.parametrize(("text", "rule", "span"), MUST_FLAG)
def test_must_flag(text: str, rule: str, span: str) -> None:
    got = findings(text)
    assert (rule, span) in got, got
    assert len([g for g in got if g[1] == span]) == 1, got


@pytest.mark.parametrize("text", MUST_NOT)
def test_must_not_flag(text: str) -> None:
    assert findings(text) == []
