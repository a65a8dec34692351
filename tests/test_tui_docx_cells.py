"""A .docx with a table opened in the editor: a cell's paragraph is a bare line, so the status
line names the cell the cursor is in (表格1 第2行第3列), also after lines were added above it and
after a save; the body says nothing. The cells come from the file itself (docxedit.edit)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from textual.widgets import TextArea
from tui_helpers import SIZE, editor_of, run, settle, team_config

from drafter.docxedit.edit import open_docx_text
from drafter.tui.app import DrafterApp

__all__ = ["team_config"]

pytestmark = pytest.mark.usefixtures("team_config")


def build(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("2026年度安全生产工作总结")
    d.add_paragraph("全年排查隐患**项。")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["指标", "目标", "完成"], ["隐患整改", "100%", "**"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    inner = table.cell(0, 0).add_table(rows=1, cols=2)
    inner.cell(0, 1).text = "内表"
    d.add_paragraph("二、存在问题")
    d.save(path)
    return path


def test_cells_are_read_from_the_file(tmp_path: Path) -> None:
    text = open_docx_text(build(tmp_path / "总结.docx"))
    by_line = dict(zip(text.lines, text.cells, strict=True))
    assert by_line["2026年度安全生产工作总结"] == "" and by_line["二、存在问题"] == ""
    assert by_line["指标"] == "表格1 第1行第1列"
    assert by_line["100%"] == "表格1 第2行第2列"
    assert by_line["内表"] == "表格2 第1行第2列"  # a nested table is counted in reading order
    # Edited: a line added inside a cell is in that cell; a line above shifts nothing.
    lines = ["新的一段", *text.lines]
    i = lines.index("100%")
    lines.insert(i + 1, "（按季度）")
    cells = text.cells_of(lines)
    assert cells[0] == "" and cells[i] == "表格1 第2行第2列" and cells[i + 1] == "表格1 第2行第2列"


def test_status_line_names_the_cell_under_the_cursor(tmp_path: Path) -> None:
    path = build(tmp_path / "总结.docx")

    async def flow() -> None:
        app = DrafterApp(path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            area = editor.query_one("#editor", TextArea)
            lines = area.text.split("\n")
            area.move_cursor((lines.index("100%"), 0))
            await settle(pilot, app, 0.2)
            assert "光标在表格1 第2行第2列" in str(editor.status_bar.render())
            area.move_cursor((0, 0))
            await settle(pilot, app, 0.2)
            assert "光标在" not in str(editor.status_bar.render())
            # A line typed above the table: the cells follow their lines once the text is checked.
            await pilot.press("end", "enter", *"补充一句")
            await settle(pilot, app, 1.0)
            area.move_cursor((area.text.split("\n").index("**"), 0))
            await settle(pilot, app, 0.2)
            assert "光标在表格1 第2行第3列" in str(editor.status_bar.render())
            await pilot.press("ctrl+s")
            await settle(pilot, app, 0.5)
            assert not editor.session.dirty
            assert "光标在表格1 第2行第3列" in str(editor.status_bar.render())

    run(flow())
