"""The content rules, one behaviour at a time, on the forms the domain notes list."""

from __future__ import annotations

import pytest

from drafter.checks import build_engine
from drafter.document import Document

ENGINE = build_engine(disable=["placeholder"])


def found(text: str) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.text, f.suggestion) for f in ENGINE.check(Document("t.txt", "text", text))]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("谈国理政", "谈治国理政"),
        ("抗在肩上", "扛在肩上"),
        ("以习近平总书记为核心", "以习近平同志为核心"),
        ("狠杀“四风”", "狠刹“四风”"),
        ("打黑除恶", "扫黑除恶"),
        ("党的二十大会议精神", "党的二十大精神"),
        ("题中应有之意", "题中应有之义"),
        ("推托责任", "推脱责任"),
        ("做出决定", "作出决定"),
        ("急待", "亟待"),
        ("戳力奋发", "踔厉奋发"),
    ],
)
def test_misquotes(wrong: str, right: str) -> None:
    assert ("formulation.misquote", wrong, right) in found(f"我们要{wrong}，继续前进。")


def test_misquote_exceptions_and_correct_forms() -> None:
    assert found("消防队伍应急待命，确保安全。") == []
    assert found("研读《习近平谈治国理政》，把责任扛在肩上，以习近平同志为核心的党中央。") == []


@pytest.mark.parametrize(
    ("wrong", "right", "name"),
    [
        ("政治意识、核心意识、大局意识、看齐意识", "政治意识、大局意识、核心意识、看齐意识", "增强“四个意识”，即"),
        ("不敢腐、不想腐、不能腐", "不敢腐、不能腐、不想腐", "一体推进"),
        ("创新、绿色、协调、开放、共享", "创新、协调、绿色、开放、共享", "坚持新发展理念："),
        ("道路自信、制度自信、理论自信、文化自信", "道路自信、理论自信、制度自信、文化自信", "坚定“四个自信”，即"),
    ],
)
def test_order_is_fixed_only_when_the_whole_formulation_is_named(wrong: str, right: str, name: str) -> None:
    assert found(f"{name}{wrong}。") == [("formulation.order", wrong, right)]
    # Whole but not named: still an error, with the right order in the message, and no fix.
    [(rule, text, suggestion)] = found(f"坚持{wrong}。")
    assert (rule, text, suggestion) == ("formulation.order", wrong, None)


@pytest.mark.parametrize(
    "text",
    ["构建开放创新生态。", "推动资源共享、开放合作。", "经支部委员会、支部党员大会讨论通过，报上级党委审批。"],
)
def test_loose_words_sharing_items_are_not_a_formulation(text: str) -> None:
    assert found(text) == []


def test_missing_and_altered_items() -> None:
    assert [r for r, *_ in found("增强政治意识、大局意识、看齐意识。")] == ["formulation.items"]
    assert found("纠治“四风”：形式主义、官僚主义、享乐主义、奢侈之风。") == [
        ("formulation.items", "形式主义、官僚主义、享乐主义、奢侈之风", "形式主义、官僚主义、享乐主义、奢靡之风")
    ]
    assert found("纠治形式主义、官僚主义、享乐主义、奢侈之风。") == [
        ("formulation.items", "形式主义、官僚主义、享乐主义、奢侈之风", None)
    ]
    assert found("提高政治判断力、政治领悟力、政治执行能力。")[0][0] == "formulation.items"


def test_partial_mentions_in_prose_are_left_alone() -> None:
    for text in (
        "坚持创新、协调发展，推进数据开放共享。",
        "落实支部党员大会、支部委员会、党小组会和党课制度。",
        "加强政治建设、思想建设、组织建设、作风建设、纪律建设。",
        "一体推进不敢腐不能腐不想腐。",
        "反对形式主义、官僚主义。",
    ):
        assert found(text) == [], text


def test_collocations() -> None:
    # 增强 goes with “四个意识”: the verb or the name may be the slip, so both are named, no fix.
    [(rule, text, suggestion)] = found("要增强“四个自信”。")
    assert (rule, text, suggestion) == ("formulation.collocation", "增强“四个自信”", None)
    assert found("协调推进“五位一体”总体布局。") == [
        ("formulation.collocation", "协调推进“五位一体”", "统筹推进“五位一体”")
    ]
    assert found("增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”的决定性意义。") == []
    assert found("坚决纠治“四风”，狠刹“四风”。") == []


@pytest.mark.parametrize("typo", ["发扬发扬", "要要", "的的", "推进推进", "在在", "加强党的建设加强党的建设"])
def test_doubled_typos(typo: str) -> None:
    assert [r for r, *_ in found(f"我们{typo}工作。")] == ["repetition.doubled"]


@pytest.mark.parametrize(
    "text",
    [
        "常常",
        "天天",
        "人人",
        "认认真真",
        "研究研究",
        "谢谢",
        "时时处处",
        "家家户户",
        "一个一个",
        "是是非非",
        "上上下下",
        "一个问题一个问题地解决",
        "层层压实",
        "步步为营",
    ],
)
def test_reduplication_is_left_alone(text: str) -> None:
    assert found(f"大家{text}，把工作做好。") == []


def test_announced_counts() -> None:
    wrong = "下面我讲五点意见：\n一要学习。二要落实。三要整改。四要提高。\n"
    assert found(wrong) == [("enumeration.count", "五点", None)]
    right = "下面我讲四点意见：\n一要学习。二要落实。三要整改。四要提高。\n"
    assert found(right) == []
    assert [r for r, *_ in found("主要表现在“三个持续增强”：一是甲。二是乙。\n")] == ["enumeration.count"]
    assert found("会议共有三项议程：一是甲；二是乙；三是丙。") == []


def test_counts_against_headings() -> None:
    text = "讲话\n\n同志们：\n下面我讲三个方面的意见。\n一、甲\n内容。\n二、乙\n内容。\n"
    assert found(text) == [("enumeration.count", "三个方面", None)]
    ok = "讲话\n\n同志们：\n下面我讲两个方面的意见。\n一、甲\n内容。\n二、乙\n内容。\n"
    assert found(ok) == []
    problems = "讲话\n\n同志们：\n下面，我讲三个问题。\n一、甲\n内容。\n二、乙\n内容。\n"
    assert found(problems) == [("enumeration.count", "三个问题", None)]


def test_formulation_names_are_not_announcements() -> None:
    assert found("坚定“四个自信”，做到“两个维护”，落实“两个责任”。") == []


def test_item_sequence() -> None:
    assert found("一是学习；二是落实；四是整改。") == [("enumeration.sequence", "四是", "三是")]
    assert found("第一，学习。第二，落实。第二，整改。")[0][:2] == ("enumeration.sequence", "第二")
    assert found("一是一，二是二，这是作风问题。") == []


def test_heading_numbering() -> None:
    text = "标题\n\n一、甲\n（一）子一\n（三）子二\n二、乙\n1、要点\n（二）子\n四、丙\n（1）细目\n"
    got = found(text)
    assert ("numbering.sequence", "（三）", "（二）") in got
    assert ("numbering.style", "1、", "1.") in got
    assert ("numbering.sequence", "四、", "三、") in got
    assert ("numbering.skip", "1、", None) in got  # 1. beside （二） under the same heading
    assert ("numbering.skip", "（1）", None) in got  # two levels jumped
    # A part that goes straight from 一、 to 1. is accepted practice.
    assert found("标题\n\n一、甲\n1.要点\n2.要点\n二、乙\n1.要点\n") == []


def test_punctuation() -> None:
    assert found("他说“要抓落实。") == [("punctuation.unpaired", "“", None)]
    assert found("研读《习近平谈治国理政。") == [("punctuation.unpaired", "《", None)]
    assert found("工作）很好。") == [("punctuation.unpaired", "）", None)]
    assert found("他说“要学习‘四史’，抓落实”。") == []
    assert found("抓党建,促发展;抓落实") == [
        ("punctuation.halfwidth", ",", "，"),
        ("punctuation.halfwidth", ";", "；"),
    ]
    assert found("会议于8:30开始，GDP增长5.2%，ISO 9001认证。") == []
    assert found("2024年05月08日召开。") == [("punctuation.date", "2024年05月08日", "2024年5月8日")]
    assert found("二0二四年工作要点。") == [("punctuation.date", "二0二四", "二〇二四")]
    assert found("二〇二四年五月八日，2024年5月8日。") == []


def test_fix_applies_only_sure_fixes(tmp_path, run_cli) -> None:
    draft = tmp_path / "d.txt"
    original = "要把责任抗在肩上，发扬发扬精神,讲三点意见：一要甲。二要乙。\n"
    draft.write_text(original, encoding="utf-8")
    result = run_cli("check", str(draft), "--fix")
    assert draft.read_text(encoding="utf-8") == "要把责任扛在肩上，发扬精神，讲三点意见：一要甲。二要乙。\n"
    assert (tmp_path / "d.txt.bak").read_text(encoding="utf-8") == original
    assert "已自动改正 3 处" in result.err
    assert "enumeration.count" in result.out  # left for the writer, and still reported
    assert result.status == 1
    docx_result = run_cli("check", str(tmp_path / "none.docx"), "--fix")
    assert docx_result.status == 2


def test_team_misquotes_extend_the_builtin(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "misquotes.yaml").write_text(
        "misquotes:\n  - wrong: 集团公司党委\n    right: 集团党委\n    note: 本单位简称\n", encoding="utf-8"
    )
    monkeypatch.setenv("DRAFTER_RULES_PATH", str(folder))
    engine = build_engine(only=["formulation.misquote"])
    got = [(f.text, f.suggestion) for f in engine.check(Document("t", "text", "集团公司党委研究决定，谈国理政。"))]
    assert got == [("集团公司党委", "集团党委"), ("谈国理政", "谈治国理政")]


def test_builtin_bank_and_templates_pass_clean() -> None:
    from drafter.bank import PhraseBank
    from drafter.templating import load_templates, render, resolve_values, template_layers

    bank_text = "\n".join(e.text for e in PhraseBank.load())
    assert [(f.rule, f.text) for f in ENGINE.check(Document("bank", "text", bank_text))] == []
    for template in load_templates(template_layers()).values():
        values, _ = resolve_values(template, {}, allow_missing=True)
        out = render(template, values)
        assert [(f.rule, f.text) for f in ENGINE.check(Document(template.id, "text", out))] == [], template.id


def test_a_formulation_name_before_an_ordinary_word_is_not_an_announcement() -> None:
    # “两个维护” followed by 第一时间 (not an item marker) once read as “两个” announcing items.
    assert found("坚决做到“两个维护”，对上级部署第一时间传达学习。\n一是甲。二是乙。三是丙。\n") == []
