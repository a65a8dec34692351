"""What writers really get wrong (issue 13): tables of text each new rule must flag and must not
flag, run through the whole engine as `drafter check` runs it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from drafter.checks import build_engine
from drafter.checks.fix import apply_fixes
from drafter.checks.literals import LiteralIndex
from drafter.checks.nearmiss import NearMissIndex, homophones
from drafter.document import Document

ENGINE = build_engine()


def _found(text: str, rule: str) -> list[str]:
    return [f.text for f in ENGINE.check(Document("t.txt", "text", text)) if f.rule.startswith(rule)]


FLAG = [
    # wrong words
    ("wording", "希望大家再接再励，争取更大成绩。", "再接再励"),
    ("wording", "工作不能按步就班。", "按步就班"),
    ("wording", "对全年工作进行布署。", "布署"),
    ("wording", "要一股作气完成任务。", "一股作气"),
    ("wording", "对历史问题既往不究。", "既往不究"),
    ("wording", "截止2026年11月底，共完成投资12亿元。", "截止"),
    ("wording", "做为全县商务工作的主管部门，", "做为"),
    ("wording", "精心按排部署明年工作。", "按排"),
    ("wording", "为地区发展做出贡献。", "做出"),
    # near-miss formulations
    ("formulation.nearmiss", "坚持以习近平新时代中国特设社会主义思想为指导。", "中国特设社会主"),
    ("formulation.nearmiss", "坚定“四个自性”。", "四个自性"),
    ("formulation.nearmiss", "加强党风廉正建设。", "党风廉正建设"),
    ("formulation.nearmiss", "推进全面重严治党向纵深发展。", "全面重严治党"),
    ("formulation.nearmiss", "践行初心、担负使命，", "担负使命"),
    ("formulation.nearmiss", "严格执行《中国共产党支部工作条列》。", "工作条列"),
    ("formulation.nearmiss", "务必不忘初心、牢记使命，务必谦虚谨慎、艰苦创业，务必敢于斗争、善于斗争。", "艰苦创业"),
    ("formulation.nearmiss", "推动国有资本和国有企业做优做强做大。", "企业做优做强做大"),
    ("formulation.items", "发展党员坚持控制总量、提高质量、发挥作用的总要求。", "控制总量、提高质量、发挥作用"),
    ("formulation.items", "落实管行业必须管安全、管业务必须管安全的要求。", "管行业必须管安全、管业务必须管安全"),
    # punctuation
    ("punctuation.halfwidth", "各位领导:\n现在开会。", ":"),
    ("punctuation.halfwidth", "同比增长12%,实现利润3亿元。", ","),
    ("punctuation.halfwidth", "开展“三个一”:一是学习。", ":"),
    ("punctuation.halfwidth", "持证上岗率100%;\n", ";"),
    ("punctuation.halfwidth", "开展(两学一做)活动。", "(两学一做)"),
    ("punctuation.halfwidth", "全面加强党的建设.\n", "."),
    ("punctuation.quotes", '深化"放管服"改革。', '"放管服"'),
    ("punctuation.quotes", "存在”两张皮“现象。", "”两张皮“"),
    ("punctuation.quotes", "其中”一把手”1人。", "”一把手”"),
    ("punctuation.doubled", "减少3.6%，，会议数量压减不明显。", "，，"),
    ("punctuation.doubled", "学习、、研究", "、、"),
    ("punctuation.placement", "关于开展安全检查的通知。\n\n各单位：\n", "。"),
    ("punctuation.placement", "第一段。\n，究其根源，在于学习不够。", "，"),
    # dates
    ("date.missing", "会议于2024年3月8在北京召开。", "2024年3月8"),
    ("date.impossible", "定于2026年2月30日前完成。", "2026年2月30日"),
    ("date.impossible", "3月32日前完成整改。", "3月32日"),
    ("date.weekday", "2025年7月1日（星期一）召开。", "2025年7月1日（星期一）"),
    ("date.weekday", "2027年工作要点：1月20日（星期四）前完成。", "1月20日（星期四）"),
    # repeats across a mark or a line break
    ("repetition.across", "我们要，要加强理论学习。", "要，要"),
    ("repetition.across", "我们要\n要加强理论学习。", "要"),
    # blanks
    ("placeholder", "营业收入达到【】亿元。", "【】"),
    ("placeholder", "由【单位名称】牵头，完成【具体数字】个。", "【单位名称】"),
    ("placeholder", "轻伤＿＿人。", "＿＿"),
    ("placeholder", "请X书记讲话。", "X"),
    ("placeholder", "全年发展x名党员。", "x"),
    ("placeholder", "请科长 xxx 发言。", "xxx"),
    ("placeholder", "201*年全年完成投资。", "*"),
    ("placeholder", "召开第*季度经济运行分析会。", "*"),
]

PASS = [
    ("wording", "再接再厉、按部就班、一鼓作气、既往不咎、明察暗访、踔厉奋发、部署、安排、作为、作出贡献。"),
    ("wording", "报名截止日期为2026年12月20日，截至2026年11月底完成。"),
    ("wording", "我们要多做为民服务的实事；按排名先后确定名单；会上公布署名文章。"),
    ("formulation.nearmiss", "坚持以习近平新时代中国特色社会主义思想为指导，全面从严治党，坚定“四个自信”。"),
    ("formulation.nearmiss", "坚持全面从严治警、从严管党治党，推进全面从严治校，增强文化自觉。"),
    ("formulation.nearmiss", "学习《中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议》。"),
    ("formulation.nearmiss", "坚持以高质量党建引领保障公司高质量发展，落实全面从严治党主体责任。"),
    ("formulation.nearmiss", "坚定不移贯彻创新、协调、绿色、开放、共享的发展理念，中国特色社会主义进入了新时代。"),
    ("formulation.nearmiss", "加快推动高水平科技自立自强，修订《中国共产党巡视工作条例》，落实城市主体责任。"),
    ("formulation.items", "坚持控制总量、提高质量、发挥作用和优化结构；控制总量、优化结构、提高质量、发挥作用。"),
    ("punctuation", "上午8:30开会，预算1,000元，增长12.5%，网址 http://www.gov.cn/a.html，执行ISO 9001标准。"),
    ("punctuation", "1.加强学习\n一.提高认识\n他说：“要学习。”\nNote: English text, with a comma."),
    ("punctuation", "坚持“两个确立”，做到“两个维护”，‘四个意识’……——要牢记。"),
    ("punctuation", "关于开展安全检查的通知\n\n各单位：\n现将有关事项通知如下。"),
    ("repetition.across", "这是必要的，的确如此；奋发有为，为全县发展作贡献；一要，二要，三要。"),
    ("date", "3月8至10日，3月8、9日，2025年7月1日（星期二），二〇二六年二月，2024年2月29日。"),
    ("date", "1月20日（星期四）前完成。"),  # no year named in the document: the weekday is not judged
    ("placeholder", "拍X光片，做X射线检查，Windows X 系统，iPhone X 手机；【典型经验】【编者按】"),
]


@pytest.mark.parametrize(("rule", "text", "span"), FLAG)
def test_flags(rule: str, text: str, span: str) -> None:
    assert span in _found(text, rule), (rule, text, _found(text, ""))


@pytest.mark.parametrize(("rule", "text"), PASS)
def test_does_not_flag(rule: str, text: str) -> None:
    assert _found(text, rule) == []


def test_several_blank_pairs_in_one_markdown_paragraph_are_blanks_not_bold() -> None:
    engine = build_engine(only=["placeholder"])
    md = "全年开展活动**次，覆盖**家企业，**人参加，投入**万元。\n\n这是**重点**内容，**注意：**按时参加。\n"
    found = engine.check(Document("a.md", "markdown", md))
    assert [(f.line, f.text) for f in found] == [(1, "**")] * 4


def test_a_repeat_across_a_manual_line_break_in_a_docx_paragraph(tmp_path: Path) -> None:
    from docx import Document as Docx

    from drafter.readers import read_path

    path = tmp_path / "讲话.docx"
    docx = Docx()
    run = docx.add_paragraph().add_run("我们要")
    run.add_break()
    run.add_text("要加强理论学习。")
    docx.save(str(path))
    found = build_engine(only=["repetition.across"]).check(read_path(path))
    assert [f.rule for f in found] == ["repetition.across"]


def test_one_root_cause_one_finding() -> None:
    # A half-width bracket pair is one finding; facing quotes are not also "unpaired";
    # （ closed by a half-width ) is the ) only.
    assert len(ENGINE.check(Document("t", "text", "开展(两学一做)活动。"))) == 1
    assert [f.rule for f in ENGINE.check(Document("t", "text", "存在”两张皮“现象。"))] == ["punctuation.quotes"]
    found = ENGINE.check(Document("t", "text", "业博览会（简称“新零博”)今天开幕。"))
    assert [(f.rule, f.text) for f in found] == [("punctuation.halfwidth", ")")]


def test_fixes_are_applied_only_where_certain() -> None:
    doc = Document("t", "text", "希望大家再接再励。截止目前完成。存在”两张皮“现象，减少，，会议。")
    fixed = apply_fixes(ENGINE, doc, ENGINE.check(doc)).text
    # The misspelt idiom, the facing quotes and the doubled comma are fixed; 截止 (context) is not.
    assert fixed == "希望大家再接再厉。截止目前完成。存在“两张皮”现象，减少，会议。"


def test_a_team_extends_and_retires_wording_pairs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "wording.yaml").write_text(
        textwrap.dedent(
            """\
            entries:
              - {wrong: 水务集圑, right: 水务集团}
              - {wrong: 布署, right: 部署, disabled: true}
            specs:
              - flag: 水务集圑召开会议。
              - pass: 进行布署。
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("DRAFTER_RULES_PATH", str(folder))
    engine = build_engine(only=["wording"])
    found = engine.check(Document("t", "text", "水务集圑进行布署，再接再励。"))
    assert [f.text for f in found] == ["水务集圑", "再接再励"]


def test_near_misses_come_from_the_bank_a_team_loads() -> None:
    from drafter.bank.model import Entry

    entry = Entry(
        id="team.safety",
        text="坚持安全第一、预防为主、综合治理",
        kind="formulation",
        items=("安全第一", "预防为主", "综合治理"),
    )
    engine = build_engine(only=["formulation.nearmiss"], bank_entries=[entry])
    found = engine.check(Document("t", "text", "坚持安全第一、预防为主、综合治里的方针。"))
    assert [f.text for f in found] == ["综合治里"]


def test_homophones_use_the_common_reading() -> None:
    assert homophones("信", "性") and homophones("政", "正") and homophones("至", "致")
    assert not homophones("以", "提") and not homophones("担", "负")


def test_near_miss_index_excuses_the_exact_term_and_real_terms() -> None:
    index = NearMissIndex(["全面从严治党"], real=["全面从严管党"])
    assert [h.wrong for h in index.find("推进全面重严治党。")] == ["全面重严治党"]
    assert list(index.find("全面从严治党，全面从严管党，全面从严治军。")) == []


def test_literal_index_finds_overlapping_words() -> None:
    index = LiteralIndex(["再接再励", "接再", "励"])
    assert sorted(index.finditer("再接再励")) == [(0, 4, "再接再励"), (1, 3, "接再"), (3, 4, "励")]
