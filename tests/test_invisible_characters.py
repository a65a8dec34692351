"""Issue 17: hidden blanks. Zero-width and format characters inside a blank, and lookalike stars,
are still blanks; positions and context refer to the original text; the finding says why.
Human output never sends a file's control or bidi characters to the terminal raw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.checks import build_engine
from drafter.document import Document
from drafter.report import escape_terminal
from drafter.textfold import fold

ENGINE = build_engine()


def blanks(text: str) -> list[tuple[int, int, str, str]]:
    doc = Document("t.txt", "text", text)
    return [(f.line, f.column, f.text, f.message) for f in ENGINE.check(doc) if f.rule.startswith("placeholder")]


@pytest.mark.parametrize(
    ("text", "column", "original", "why"),
    [
        ("今天召开*\u200b*会议。", 5, "*\u200b*", "U+200B"),
        ("请某\u2060某同志发言。", 2, "某\u2060某", "U+2060"),
        ("由X\u200bX同志主持。", 2, "X\u200bX", "U+200B"),
        ("共有*\ufeff*家企业。", 3, "*\ufeff*", "U+FEFF"),
        ("共有*\u00ad*家企业。", 3, "*\u00ad*", "U+00AD"),
        ("共有∗∗家企业。", 3, "∗∗", "形似星号"),
        ("共有⁎⁎家企业。", 3, "⁎⁎", "形似星号"),
        ("共有✱✱家企业。", 3, "✱✱", "形似星号"),
    ],
)
def test_hidden_blanks_are_found_at_their_original_place(text: str, column: int, original: str, why: str) -> None:
    found = blanks(text)
    assert len(found) == 1, found
    line, col, shown_text, message = found[0]
    assert (line, col, shown_text) == (1, column, original)
    assert why in message


def test_positions_after_removed_characters_stay_exact() -> None:
    text = "\u200b\u200b开头，\u2060中间**，末尾X\u200bX。\n第二行\u200b某某。"
    doc = Document("t.txt", "text", text)
    for f in ENGINE.check(doc):
        if f.rule.startswith("placeholder"):
            assert doc.line_text(f.line)[f.column - 1 :].startswith(f.text)
    plain = [f for f in blanks(text) if "U+" not in f[3]]
    assert [(f[0], f[2]) for f in plain] == [(1, "**"), (2, "某某")]


def test_fold_is_the_identity_on_ordinary_text() -> None:
    text = "同志们：今天召开**会议。" * 100
    folded = fold(text)
    assert folded.text is text and not folded.changed and folded.span(3, 5) == (3, 5)


def test_human_output_escapes_control_and_bidi_characters(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "稿.txt"
    draft.write_text("今天\x1b[2J\x1b[8m召开**会议\u202e反转。\n", encoding="utf-8")
    human = run_cli("check", str(draft), "--color", "never")
    assert "\x1b" not in human.out and "\u202e" not in human.out
    assert "<U+001B>" in human.out and "<U+202E>" in human.out
    assert "发现 1 处问题" in human.out.splitlines()[-1]
    machine = run_cli("check", str(draft), "--format", "json")
    assert json.loads(machine.out)[0]["text"] == "**"  # JSON is exact (its escaping is JSON's own)


def test_escape_terminal_leaves_chinese_alone() -> None:
    assert escape_terminal("同志们，“两个确立”。\t") == "同志们，“两个确立”。\t"
    assert escape_terminal("a\x00b\x9bc") == "a<U+0000>b<U+009B>c"
