"""The editor's fast paths show what the slow ones showed: the virtualised findings list reaches
and jumps to its last finding, rows kept from before an edit are the rows of the text as it is
now, and analyses asked for while one runs coalesce into one, with stale results dropped."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea, Tree
from tui_helpers import SIZE, editor_of, run, settle

from drafter.tui.app import DrafterApp
from drafter.tui.messages import AnalysisReady
from drafter.tui.widgets.findings import FindingsPane


def _rows(text_area: TextArea, count: int) -> list[str]:
    return [text_area.render_line(y).text.rstrip() for y in range(count)]


def test_the_findings_list_reaches_its_last_of_many_findings(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    body = "".join(f"第{i}项工作请于**前报送。\n" for i in range(1, 301))
    draft.write_text("讲话\n\n一、第一部分\n" + body, encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            pane = editor.query_one("#findings", FindingsPane)
            blanks = [f for f in editor.analysis.findings if f.rule.startswith("placeholder")]
            assert len(blanks) == 300 and pane.option_count == len(editor.analysis.findings)
            await pilot.press("f6", "end")
            last = pane.findings[-1]
            assert pane.highlighted == pane.option_count - 1
            shown = [pane.render_line(y).text for y in range(pane.scrollable_content_region.height)]
            assert any(row.startswith(f"{last.line}:{last.column} ") for row in shown), shown
            await pilot.press("enter")
            text_area = editor.query_one("#editor", TextArea)
            assert text_area.cursor_location[0] == last.line - 1 and text_area.selected_text == last.text

    run(flow())


def test_rows_kept_across_edits_are_the_rows_of_the_new_text(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    lines = ["讲话", "", "一、第一部分"] + [f"第{i}段正文。" for i in range(1, 30)]
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text_area = editor_of(app).query_one("#editor", TextArea)
            assert _rows(text_area, 6) == lines[:6]  # drawn once: the rows are now kept
            text_area.move_cursor((3, 0))
            await pilot.press(*"新加", "enter")  # a line inserted: every row below moves down
            await pilot.pause()
            now = text_area.text.split("\n")
            assert now[3:5] == ["新加", "第1段正文。"]
            assert _rows(text_area, 8) == now[:8]
            text_area.move_cursor((10, 0))
            await pilot.press("backspace")  # a line joined: rows below move up
            await pilot.pause()
            assert _rows(text_area, 12) == text_area.text.split("\n")[:12]

    run(flow())


def test_checks_asked_for_while_one_runs_coalesce_and_stale_results_are_dropped(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n要把责任抗在肩上。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            first = editor.analysis
            assert first is not None
            for _ in range(5):
                editor.run_checks()
            running = [w for w in app.workers if w.group == "checks" and w.is_running]
            assert len(running) <= 1
            await settle(pilot, app)
            assert editor.analysis is not None and editor.analysis.text == editor.session.text
            text_area = editor.query_one("#editor", TextArea)
            text_area.insert("再加一句。")
            await pilot.pause()
            editor.on_analysis_ready(AnalysisReady(first))  # a result for the text before that
            assert editor.analysis is not first
            assert editor.query_one("#findings", FindingsPane).findings == list(editor.analysis.findings)
            await settle(pilot, app, 0.6)
            assert editor.analysis.text == text_area.text

    run(flow())


def test_a_retitled_heading_is_relabelled_in_place(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n正文。\n二、第二部分\n正文。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            tree = editor.query_one("#outline", Tree)
            nodes = list(tree.root.children)
            second = next(node for node in nodes if "第二部分" in str(node.label))
            text_area = editor.query_one("#editor", TextArea)
            text_area.move_cursor((4, len("二、第二")))
            await pilot.press(*"重点")
            await settle(pilot, app, 0.6)
            assert list(tree.root.children) == nodes  # the same nodes, not a rebuilt tree
            assert "第二重点部分" in str(second.label) and second.data == 5

    run(flow())
