"""Issue 17: every rule sees through invisible characters, not only the blanks.

The engine folds zero-width and format characters (and lookalike stars) once, before any rule
family runs; every finding is placed in the original text (line, column, the text it shows, its
context), says when it holds an invisible character, and a fix that replaces it says that it
deletes them. Each case below is checked against the writer's own characters."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx_builder import add_runs

from drafter.checks import build_engine
from drafter.checks.fix import apply_fixes
from drafter.document import Document
from drafter.readers.docx import read_docx

ENGINE = build_engine()
ZW, WJ, BOM, SHY = "\u200b", "\u2060", "\ufeff", "\u00ad"


def findings(text: str, fmt: str = "text"):
    doc = Document("t.txt", fmt, text)
    return doc, ENGINE.check(doc)


# (text, rule, the finding's text in the original, what its message must say)
MUST_FLAG = [
    (f"我们要再接{ZW}再励，", "wording.typo", f"再接{ZW}再励", "U+200B，按建议改正时一并删去"),
    (f"我们{ZW}我们要坚持。", "repetition.doubled", f"我们{ZW}我们", "U+200B，按建议改正时一并删去"),
    (f"我们{WJ}我们要坚持。", "repetition.doubled", f"我们{WJ}我们", "U+2060"),
    (
        f"坚持以习近平新时代中国特色社会{ZW}主意思想为指导。",
        "formulation.nearmiss",
        f"社会{ZW}主意思想",
        "U+200B，按建议改正时一并删去",
    ),
    # The invisible character sits outside the misquoted span: the finding is exact, no note.
    (f"坚持以习近{ZW}平新时代中国特社会主义思想为指导。", "formulation.nearmiss", "中国特社会主", ""),
    (f"坚定“四个自{SHY}心”", "formulation.nearmiss", f"四个自{SHY}心", "U+00AD"),
    (f"今天召开*{ZW}*会议。", "placeholder.stars", f"*{ZW}*", "U+200B，Word 打印出来仍是空白"),
    (f"请某{BOM}某同志发言。", "placeholder", f"某{BOM}某", "U+FEFF"),
    ("共接待游客∗∗万人次。", "placeholder", "∗∗", "形似星号的字符 ∗"),
    (f"共接待游客∗{ZW}∗万人次。", "placeholder", f"∗{ZW}∗", "U+200B"),
]


@pytest.mark.parametrize(("text", "rule", "shown", "note"), MUST_FLAG)
def test_every_rule_sees_through_and_points_at_the_original(text: str, rule: str, shown: str, note: str) -> None:
    doc, found = findings(f"第一段。\n{text}")
    hits = [f for f in found if f.rule.startswith(rule)]
    assert len(hits) == 1, [(f.rule, f.text) for f in found]
    f = hits[0]
    assert f.line == 2 and f.text == shown
    # The column is the writer's: the text there, in the original, is what the finding shows.
    assert doc.line_text(2)[f.column - 1 :].startswith(shown)
    assert text.startswith(f.before) and text[f.column - 1 + len(shown) :].startswith(f.after)
    if note:
        assert note in f.message
    else:
        assert "不可见" not in f.message


MUST_NOT_FLAG = [
    # Correct formulations with an invisible character inside are not misquotes.
    f"坚持以习近{ZW}平新时代中国特色社会主义思想为指导。",
    f"增强“四个意{ZW}识”、坚定“四个自{WJ}信”、做到“两个维{SHY}护”。",
    f"我们要再接{ZW}再厉，",
    f"{BOM}同志们：今天的会议很重要。",
    f"一个{ZW}个项目落地见效。",
]


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_nothing_is_flagged_because_of_an_invisible_character(text: str) -> None:
    plain = text.translate({ord(c): None for c in (ZW, WJ, BOM, SHY)})
    _, with_hidden = findings(text)
    _, without = findings(plain)
    assert [f.rule for f in with_hidden] == [f.rule for f in without] == []


def test_a_fix_deletes_the_invisible_characters_it_covers_and_nothing_else() -> None:
    text = f"我们要再接{ZW}再励，{ZW}我们{WJ}我们要坚持。\n第二段{ZW}。"
    doc, found = findings(text)
    result = apply_fixes(ENGINE, doc, found)
    assert result.text == f"我们要再接再厉，{ZW}我们要坚持。\n第二段{ZW}。"
    assert {f.rule for f in result.applied} == {"wording.typo", "repetition.doubled"}
    assert all("一并删去" in f.message for f in result.applied)


def test_ordinary_text_is_checked_as_before() -> None:
    _, found = findings("我们要再接再励，我们我们要坚持。")
    shown = [(f.column, f.text, "不可见" in f.message) for f in found]
    assert shown == [(4, "再接再励", False), (9, "我们我们", False)]


def test_check_fix_says_what_it_deleted(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "稿.txt"
    draft.write_text(f"我们要再接{ZW}再励，\n", encoding="utf-8")
    result = run_cli("check", "--fix", str(draft), "--color", "never")
    assert draft.read_text(encoding="utf-8") == "我们要再接再厉，\n"
    assert "“再接<U+200B>再励” → “再接再厉”" in result.err and ZW not in result.err


def _docx_with_runs(path: Path, paragraphs: list[list[str]]) -> Path:
    d = docx.Document()
    for pieces in paragraphs:
        add_runs(d.add_paragraph(), [(p, i % 2 == 1) for i, p in enumerate(pieces)])
    d.save(str(path))
    return path


def test_docx_with_zero_width_spaces_inside_runs(tmp_path: Path, run_cli) -> None:
    path = _docx_with_runs(
        tmp_path / "讲话.docx",
        [["今天召开*", f"{ZW}*", "会议。"], ["我们要再接", f"{ZW}再", "励，"], [f"请某{WJ}", "某同志发言。"]],
    )
    doc = read_docx(path.read_bytes(), str(path))
    found = [(f.line, f.column, f.rule.split(".")[0], f.text) for f in ENGINE.check(doc)]
    assert found == [
        (1, 5, "placeholder", f"*{ZW}*"),
        (2, 4, "wording", f"再接{ZW}再励"),
        (3, 2, "placeholder", f"某{WJ}某"),
    ]
    result = run_cli("check", "--fix", str(path), "--color", "never")
    assert "已改正 “再接<U+200B>再励” → “再接再厉”" in result.err
    texts = [p.text for p in docx.Document(BytesIO(path.read_bytes())).paragraphs]
    assert texts == [f"今天召开*{ZW}*会议。", "我们要再接再厉，", f"请某{WJ}某同志发言。"]
