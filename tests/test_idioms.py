"""Rule `wording.idiom`: one wrong character (a homophone or a look-alike) in a fixed expression of
`rules/idioms.yaml`, found without anyone having listed that misspelling; never correct text,
another real idiom, or prose that happens to line up with an idiom but one character."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from drafter.checks import build_engine
from drafter.checks.idioms import IdiomIndex, build_index, common_characters
from drafter.checks.registry import make_context
from drafter.checks.ruledata import load_rule_data, rule_layers
from drafter.document import Document
from drafter.errors import DataFileError


@pytest.fixture(scope="module")
def engine():
    return build_engine(only=["wording.idiom"])


def findings(engine, text: str) -> list[tuple[int, str, str | None]]:
    return [(f.column, f.text, f.suggestion) for f in engine.check(Document("t.txt", "text", text))]


# None of these misspellings is listed anywhere: each is derived from the correct expression.
MUST_FLAG = [
    ("我们要坚持实事求事，", "实事求事", "实事求是"),  # 是 → 事: same sound
    ("抓落实贵在久久为公。", "久久为公", "久久为功"),
    ("要一张篮图绘到底。", "一张篮图绘到底", "一张蓝图绘到底"),  # a seven-character set phrase
    ("功成不必再我，", "功成不必再我", "功成不必在我"),
    ("各单位要未雨愁缪，", "未雨愁缪", "未雨绸缪"),
    ("全体干部要责无旁货。", "责无旁货", "责无旁贷"),  # 货/贷: a look-alike, not a homophone
    ("对这项工作不遣余力。", "不遣余力", "不遗余力"),  # 遣/遗: look-alike only
    ("坚持统愁兼顾、", "统愁兼顾", "统筹兼顾"),
    ("大家要群策群立，", "群策群立", "群策群力"),
    ("营造风清气政的政治生态", "风清气政", "风清气正"),
    ("这是当务之即。", "当务之即", "当务之急"),
    ("干部要履职尽则", "履职尽则", "履职尽责"),
    ("工作有条不稳", "有条不稳", "有条不紊"),  # wen/wen: tones differ, which does not matter
    ("要言传身交", "言传身交", "言传身教"),  # jiao: 教 read in context, not as 教 (jiao4) alone
    ("做到精兵减政", "精兵减政", "精兵简政"),
]


@pytest.mark.parametrize(("text", "wrong", "right"), MUST_FLAG)
def test_one_wrong_character_in_an_expression_is_flagged_where_it_stands(engine, text, wrong, right) -> None:
    assert findings(engine, text) == [(text.index(wrong) + 1, wrong, right)]


def test_the_message_names_both_characters_and_is_only_a_suggestion(engine) -> None:
    doc = Document("t.txt", "text", "要发扬钉钉子精神，久久为公。")
    (finding,) = engine.check(doc)
    assert finding.message == "“久久为公”应为“久久为功”（“公”与“功”音近），请核对"
    assert finding.severity.value == "warning"
    from drafter.checks.fix import apply_fixes

    assert apply_fixes(engine, doc, [finding]).text == doc.text  # never rewritten by --fix


MUST_NOT_FLAG = [
    "我们要一鼓作气、久久为功、锲而不舍，真抓实干、善作善成。",  # the expressions themselves
    "大有可为，大有作为；发奋图强，发愤图强。",  # two real expressions one character apart
    "名符其实的示范点",  # an accepted older form (common in the dictionary): not a slip
    "我们不能自己说了算，要集体研究。",  # 不能自已 but one character: prose (不能|自己)
    "办实事求实效，做到精益求精，经营有方。",  # 实事求实 = 实事|求实, two words side by side
    "打造“鹏城万里”多层次步道。",  # a quoted name that plays on 鹏程万里 on purpose
    "一丝不够严谨的作风都不能有。",  # 一丝|不够: two words
    "坚持以人民为中心，事半功倍。",
    "（一）加强组织领导。各单位主要负责同志要亲自抓。",
    "",
]


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_correct_text_real_expressions_and_prose_are_not_flagged(engine, text) -> None:
    assert findings(engine, text) == []


def test_a_misspelling_wording_yaml_lists_is_one_finding_not_two() -> None:
    engine = build_engine(only=["wording"])
    got = [(f.rule, f.text) for f in engine.check(Document("t.txt", "text", "希望大家再接再励。"))]
    assert got == [("wording.typo", "再接再励")]


def test_the_published_speech_seed_gives_no_finding(engine) -> None:
    seed = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"
    texts = sorted(seed.glob("*.txt")) if seed.is_dir() else []
    if not texts:
        pytest.skip("../shared/seed is not beside the repository")
    for path in texts:
        assert findings(engine, path.read_text(encoding="utf-8")) == [], path.name


def test_builtin_data_is_large_and_well_formed() -> None:
    data = load_rule_data("idioms", rule_layers()[:1])
    expressions = [e["text"] for e in data.entries if not e.get("look") and not e.get("real")]
    looks = [e["text"] for e in data.entries if e.get("look")]
    assert len(expressions) >= 1500 and len(looks) >= 200
    assert all(len(e) >= 4 for e in expressions)
    assert all(len(set(g)) == len(g) >= 2 for g in looks)


def test_the_index_is_built_once_per_process() -> None:
    assert build_index(make_context()) is build_index(make_context())


def test_common_characters_are_gb2312_level_one() -> None:
    chars = common_characters()
    assert len(chars) == 3755 and chars[0] == "啊" and "鼓" in chars and "鼗" not in chars


def _team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    folder = tmp_path / "team-rules"
    folder.mkdir()
    (folder / "idioms.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    monkeypatch.setenv("DRAFTER_RULES_PATH", str(folder))


def test_a_team_adds_an_expression_and_retires_one(tmp_path, monkeypatch) -> None:
    _team(
        tmp_path,
        monkeypatch,
        """
        entries:
          - {text: 双百攻坚行动}
          - {text: 久久为功, disabled: true}
        """,
    )
    engine = build_engine(only=["wording.idiom"])
    assert findings(engine, "开展双百功坚行动，久久为公。") == [(3, "双百功坚行动", "双百攻坚行动")]


def test_a_team_marks_a_string_as_real(tmp_path, monkeypatch) -> None:
    _team(tmp_path, monkeypatch, "entries:\n  - {text: 久久为公, real: true}\n")
    assert findings(build_engine(only=["wording.idiom"]), "久久为公") == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("entries:\n  - {text: 久久 为功}\n", "应只含汉字"),
        ("entries:\n  - {text: 为功}\n", "至少 4 个字"),
        ("entries:\n  - {text: 己, look: true}\n", "至少要有两个字"),
    ],
)
def test_bad_team_data_names_the_file_and_entry(tmp_path, monkeypatch, body, message) -> None:
    _team(tmp_path, monkeypatch, body)
    engine = build_engine(only=["wording.idiom"])
    with pytest.raises(DataFileError, match=message) as info:
        engine.check(Document("t.txt", "text", "久久为功，一鼓作气。"))
    assert "idioms.yaml" in str(info.value) and "第 1 项" in str(info.value)


def test_a_variant_two_expressions_claim_is_left_alone() -> None:
    index = IdiomIndex(["甲乙丙丁", "甲乙丙顶"])
    # 甲乙丙鼎 is one character from both: which one was meant is unknown.
    assert "甲乙丙鼎" not in index.variants and index.variants["甲乙病丁"][0] == "甲乙丙丁"


def test_short_and_long_texts_find_the_same_variants() -> None:
    """A speech is compared in place; a long text goes through the automaton: same candidates."""
    index = build_index(make_context())
    seed = Path(__file__).resolve().parent / "corpus" / "defects" / "11_idioms_tuijinhui.txt"
    from drafter.checks.corpus import strip_marks

    text = strip_marks(seed.read_text(encoding="utf-8"))[0] + "大有做为，名符其实，不能自己，精益求经营。"
    by_comparison = index.candidates_by_comparison(text)
    assert len(by_comparison) >= 7
    assert by_comparison == index.candidates_by_automaton(text)
