"""A .docx opened in the editor: the blanks in its page header and footer are listed with the
findings (they were ignored), counted in the status line, and F3 says where they are rather than
selecting them: the editor edits the body and its tables in place and writes the header and footer
back untouched, so they are filled with `drafter fill` or in Word."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from textual.widgets import TextArea
from tui_helpers import SIZE, editor_of, run, settle, team_config

from drafter.tui.app import DrafterApp
from drafter.tui.widgets.findings import FindingsPane

__all__ = ["team_config"]

pytestmark = pytest.mark.usefixtures("team_config")


def build(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "**集团办公室"
    d.sections[0].footer.paragraphs[0].text = "印发日期：XX月XX日"
    d.add_paragraph("在集团年度工作会议上的讲话")
    d.add_paragraph("全年走访**家企业。")
    d.save(path)
    return path


def test_header_and_footer_blanks_are_findings_and_f3_says_where_they_are(tmp_path: Path) -> None:
    path = build(tmp_path / "讲话.docx")

    async def flow() -> None:
        app = DrafterApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            assert editor.session.word is not None  # edited in place, not imported
            text_area = editor.query_one("#editor", TextArea)
            assert "集团办公室" not in text_area.text  # the header is not part of the text
            pane = editor.query_one(FindingsPane)
            outside = [f for f in pane.findings if f.location]
            assert {f.location for f in outside} == {"页眉", "页脚"}
            assert sorted(f.text for f in outside) == ["**", "XX", "XX"]
            assert "正文外待填 3 处" in str(editor.status_bar.render())
            # Each such row names the part, not a line of the text.
            assert len(pane.findings) <= pane.size.height and pane.scroll_offset.y == 0
            for f in outside:
                assert pane.render_line(pane.findings.index(f)).text.lstrip().startswith(f.location)
            # F3 selects the body's blank only; typed over, the next F3 says where the rest are.
            text_area.move_cursor((0, 0))
            await pilot.press("f3")
            assert text_area.selected_text == "**" and text_area.selection.start[0] == 1
            await pilot.press(*"12", "f3")
            await settle(pilot, app, 0.5)
            assert text_area.text.split("\n")[1] == "全年走访12家企业。"
            said = [str(n.message) for n in app._notifications]
            assert any("页眉" in m and "drafter fill" in m for m in said), said
            # Enter on a header blank in the list: the same word, never a jump into the text.
            pane.focus()
            pane.highlighted = pane.findings.index(next(f for f in pane.findings if f.location == "页眉"))
            app.clear_notifications()
            await pilot.press("enter")
            await pilot.pause()
            said = [str(n.message) for n in app._notifications]
            assert any("页眉" in m and "改不到" in m for m in said), said

    run(flow())
