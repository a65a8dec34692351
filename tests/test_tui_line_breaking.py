"""Soft wrap in the editor follows the Chinese line-breaking rule: no screen row starts with
、，。；：？！ or a closing quote or bracket (a full row used to push 、 to the start of the next).
The character before the mark moves down with it, as typesetters do (推出)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual._wrap import compute_wrap_offsets
from textual.widgets import TextArea
from tui_helpers import SIZE, editor_of, run, settle, team_config

from drafter.linebreak import NO_LINE_END, NO_LINE_START
from drafter.tui.app import DrafterApp

__all__ = ["team_config"]

pytestmark = pytest.mark.usefixtures("team_config")

PARAGRAPH = "".join(f"第{n}项工作推进有力、成效明显，满意度达到“{n}成”（抽样），走访**家；" for n in range(1, 30))


def rows_of(text: str, breaks: list[int]) -> list[str]:
    return [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]


def assert_rows_follow_the_rule(text_area: TextArea, line: int) -> list[str]:
    text = text_area.document.get_line(line)
    rows = text_area.wrapped_document.get_sections(line)
    assert "".join(rows) == text and len(rows) > 3
    width = text_area.wrap_width
    for before, row in pairwise(rows):
        assert row[0] not in NO_LINE_START, (before, row)
        assert before[-1] not in NO_LINE_END, (before, row)
        assert not (before.endswith("*") and row.startswith("*")), (before, row)
    assert all(cell_len(row) <= width for row in rows)
    return rows


def test_no_screen_row_starts_with_closing_punctuation(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(f"讲话\n\n一、第一部分\n{PARAGRAPH}\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text_area = editor_of(app).query_one("#editor", TextArea)
            width = text_area.wrap_width
            # As Textual wraps it, some row would start with a mark: the rule has work to do.
            plain = rows_of(PARAGRAPH, compute_wrap_offsets(PARAGRAPH, width, 4))
            assert any(row[0] in NO_LINE_START for row in plain[1:])
            assert_rows_follow_the_rule(text_area, 3)
            # Typing re-wraps the line incrementally: still no row starts with a mark.
            text_area.move_cursor((3, 0))
            for ch in "在全面推进":
                await pilot.press(ch)
                assert_rows_follow_the_rule(text_area, 3)
            text_area.move_cursor((3, len(text_area.document.get_line(3))))
            text_area.insert("完成。")  # an IME commit
            await pilot.pause()
            rows = assert_rows_follow_the_rule(text_area, 3)
            assert rows[-1].endswith("完成。")
            # A whole new text (as Textual loads one) is wrapped by the same rule.
            text_area.load_text(f"讲话\n\n{PARAGRAPH}\n")
            await pilot.pause()
            assert_rows_follow_the_rule(text_area, 2)

    run(flow())
