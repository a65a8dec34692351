"""The editor's rough edges, each as a writer met it: stale positions, the outline's cursor, F6,
the phrase search's highlight, structure edits and undo, the new-draft form, remapped keys in the
footer, the action table in the palette, the README and --help. Every flow with and without a
team's configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea, Tree
from tui_helpers import SIZE, editor_of, run, settle, team_config, write_team_config

from drafter.tui.app import DrafterApp
from drafter.tui.widgets.findings import FindingsPane

__all__ = ["team_config"]

pytestmark = pytest.mark.usefixtures("team_config")

ROOT = Path(__file__).resolve().parent.parent


def _blanks_draft(path: Path, n: int) -> Path:
    lines = ["讲话", "", "同志们：", "一、第一部分"]
    lines += [f"第{i}项：活动**次，**家企业参加。" for i in range(n)]
    lines += ["二、第二部分", "内容**。"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_typing_and_f3_without_a_pause_fills_every_blank_exactly(tmp_path: Path) -> None:
    draft = _blanks_draft(tmp_path / "d.txt", 12)

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text_area = editor_of(app).query_one("#editor", TextArea)
            text_area.move_cursor((0, 0))
            values = [str(10 + i) for i in range(25)]
            for value in values:  # no pause: each F3 comes before the debounced analysis
                await pilot.press("f3", *value)
            await settle(pilot, app, 0.5)
            expected = _blanks_draft(tmp_path / "e.txt", 12).read_text(encoding="utf-8")
            for value in values:
                expected = expected.replace("**", value, 1)
            assert text_area.text == expected
            assert editor_of(app).analysis.blanks == 0

    run(flow())


def test_undo_after_fast_fills_never_reaches_into_the_fill_before(tmp_path: Path) -> None:
    """Typed back to back, Textual batched the end of one fill with the next: one Ctrl+Z took the
    2 of 12 and all of 34 (found under tmux). Now undo stays inside the last fill, and one Ctrl+Z
    takes back the whole fill: Textual kept typing over a selection and typing on as two steps, so
    the first Ctrl+Z left 3 where the blank had been, no longer a blank any check could see."""
    draft = _blanks_draft(tmp_path / "d.txt", 3)

    def filled(*values: str) -> list[str]:
        text = _blanks_draft(tmp_path / "e.txt", 3).read_text(encoding="utf-8")
        for value in values:
            text = text.replace("**", value, 1)
        return text.split("\n")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text_area = editor_of(app).query_one("#editor", TextArea)
            text_area.move_cursor((0, 0))
            for value in ("长江", "12", "34"):  # no pause between the fills
                await pilot.press("f3", *value)
            await pilot.press("ctrl+z")
            assert text_area.text.split("\n") == filled("长江", "12")
            await pilot.press("ctrl+z")
            assert text_area.text.split("\n") == filled("长江")
            await pilot.press("ctrl+y")  # redo brings the fill back whole
            assert text_area.text.split("\n") == filled("长江", "12")

    run(flow())


def test_a_burst_of_f3_and_typing_fills_each_blank_in_turn(tmp_path: Path) -> None:
    """As a terminal delivers a fast typist's keys: all queued at once, no wait between them
    (under tmux, 长江 F3 12 F3 34 put 1234 into one blank)."""
    from textual import events

    draft = _blanks_draft(tmp_path / "d.txt", 3)

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text_area = editor_of(app).query_one("#editor", TextArea)
            text_area.focus()
            text_area.move_cursor((0, 0))
            await pilot.pause()
            for key in ["f3", *"长江", "f3", *"12", "f3", *"34"]:
                event = events.Key(key, key if len(key) == 1 else None)
                event.set_sender(app)
                app._driver.send_message(event)  # type: ignore[union-attr]
            await settle(pilot, app, 0.5)
            expected = _blanks_draft(tmp_path / "e.txt", 3).read_text(encoding="utf-8")
            for value in ("长江", "12", "34"):
                expected = expected.replace("**", value, 1)
            assert text_area.text == expected, text_area.text

    run(flow())


def test_apply_suggestion_uses_the_text_as_it_is_now(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n要把责任抗在肩上。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            text_area = editor.query_one("#editor", TextArea)
            text_area.move_cursor((3, 0))
            await pilot.press(*"我们")  # the analysis is now two characters behind
            text_area.move_cursor((3, 7))  # inside 抗在肩上 as it is now
            await pilot.press("f4")
            assert text_area.text.split("\n")[3] == "我们要把责任扛在肩上。"

    run(flow())


def test_outline_keeps_its_cursor_and_f7_lands_on_the_cursors_section(tmp_path: Path, seed: Path) -> None:
    draft = tmp_path / "seed.txt"
    draft.write_bytes(seed.read_bytes())

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            text_area = editor.query_one("#editor", TextArea)
            second = editor.analysis.draft.sections[1]
            text_area.move_cursor((second.line + 1, 0))
            await pilot.press("f7")
            tree = editor.query_one("#outline", Tree)
            assert "二、" in str(tree.cursor_node.label)
            await pilot.press("down")
            here = tree.cursor_line
            editor.run_checks()  # a re-analysis while the writer is in the outline
            await settle(pilot, app)
            assert tree.cursor_line == here
            await pilot.press("enter")
            third = editor.analysis.draft.sections[2]
            assert text_area.cursor_location[0] == third.line - 1 and text_area.has_focus
            labels = [str(node.label) for node in tree.root.children]
            assert any("字" in label and "空" in label for label in labels)

    run(flow())


def test_f6_focuses_the_findings_and_enter_jumps(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n要把责任抗在肩上，请于**前报送。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            await pilot.press("f6")
            findings = editor.query_one("#findings", FindingsPane)
            assert findings.has_focus and findings.display
            await pilot.press("f6")  # again: still there, still focused (not toggled away)
            assert findings.has_focus and findings.display
            await pilot.press("enter")
            assert editor.query_one("#editor", TextArea).selected_text == "抗在肩上"

    run(flow())


def test_down_in_the_phrase_search_moves_the_highlight_and_enter_inserts_it(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            await pilot.press("ctrl+f", *"sige")
            await settle(pilot, app, 0.2)
            panel = editor.query_one("#right")
            assert len(panel.hits) >= 3
            await pilot.press("down", "down")
            assert editor.query_one("#phrase-query", Input).has_focus
            assert editor.query_one("#phrase-results", OptionList).highlighted == 2
            chosen = panel.hits[2].entry.text
            await pilot.press("up")
            await pilot.press("down", "enter")
            assert chosen in editor.query_one("#editor", TextArea).text
            assert panel.hits[0].entry.text not in editor.query_one("#editor", TextArea).text or chosen == (
                panel.hits[0].entry.text
            )

    run(flow())


def test_structure_edits_and_renumbering_are_one_undo_step(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    original = "讲话\n\n一、甲部分\n甲的内容。\n二、乙部分\n乙的内容。\n四、丙部分\n丙的内容。\n"
    draft.write_text(original, encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            text_area = editor.query_one("#editor", TextArea)
            text_area.move_cursor((2, 0))
            await pilot.press("alt+down")
            await settle(pilot, app)
            assert text_area.text.startswith("讲话\n\n一、乙部分\n乙的内容。\n二、甲部分")
            await pilot.press("ctrl+z")
            assert text_area.text == original
            await pilot.press("ctrl+r")
            assert "三、丙部分" in text_area.text
            await pilot.press("ctrl+z")
            assert text_area.text == original
            text_area.move_cursor((4, 0))
            await pilot.press("f8")
            await settle(pilot, app)
            await pilot.click("#yes")
            await settle(pilot, app)
            assert "乙部分" not in text_area.text
            text_area.focus()
            await pilot.press("ctrl+z")
            assert text_area.text == original

    run(flow())


async def _open_form(pilot, app, genre: str = "review-speech") -> None:  # type: ignore[no-untyped-def]
    await settle(pilot, app)
    await pilot.press("n")
    await settle(pilot, app)
    genres = app.screen.query_one("#genre-list", OptionList)
    genres.highlighted = next(i for i in range(genres.option_count) if genres.get_option_at_index(i).id == genre)


def test_new_draft_form_keeps_defaults_lists_and_fast_keys(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def flow() -> None:
        app = DrafterApp()
        async with app.run_test(size=SIZE) as pilot:
            await _open_form(pilot, app)
            await pilot.press("enter", *"2024")  # typed at once: lands in the first field
            screen = app.screen
            assert screen.query_one("#var-year", Input).value == "2024"
            await pilot.press("tab", *"长江集团")
            assert screen.query_one("#var-unit", Input).value == "长江集团"
            meeting = screen.query_one("#var-meeting", Input)
            default = meeting.value
            assert default
            await pilot.press("tab", *"扩大")  # Tab, then typing: appended, the default kept
            assert meeting.value == default + "扩大"
            achievements = screen.query_one("#var-achievements", TextArea)
            assert len(achievements.text.split("\n")) >= 2  # a list is one item a line
            achievements.text = "第一条成绩\n第二条成绩"
            screen.query_one("#target", Input).value = str(tmp_path / "讲话.txt")
            await pilot.press("ctrl+s")
            await settle(pilot, app, 0.3)
            text = (tmp_path / "讲话.txt").read_text(encoding="utf-8")
            assert "第一条成绩" in text and "第二条成绩" in text and "评议会扩大" in text

    run(flow())


def test_escape_in_the_form_asks_before_discarding(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def flow() -> None:
        app = DrafterApp()
        async with app.run_test(size=SIZE) as pilot:
            await _open_form(pilot, app)
            await pilot.press("enter", *"2024")
            form = app.screen
            await pilot.press("escape")
            await settle(pilot, app)
            assert "放弃" in str(app.screen.query_one(".question").render())
            await pilot.click("#no")
            await settle(pilot, app)
            assert app.screen is form and form.query_one("#var-year", Input).value == "2024"
            await pilot.press("escape")
            await settle(pilot, app)
            await pilot.click("#yes")
            await settle(pilot, app)
            assert app.screen is not form

    run(flow())


def test_remapped_keys_show_in_the_footer_and_every_action_is_in_the_palette(tmp_path: Path) -> None:
    from drafter.tui.actions import EDITOR, actions_of
    from drafter.tui.commands import DrafterCommands

    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、部分\n请于**前报送。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft, keymap={"next_blank": "f9", "toggle_findings": "f10"})
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            footer = [(item.key_display, item.description) for item in app.screen.query("FooterKey")]
            keys = {description: key for key, description in footer}
            assert keys.get("下一空", "").lower() == "f9" and keys.get("问题", "").lower() == "f10"
            await pilot.press("f10")  # an earlier binding id still remaps
            assert app.screen.query_one("#findings").has_focus
            provider = DrafterCommands(app.screen, None)
            for action in actions_of(EDITOR):
                listed = [str(hit.text) async for hit in provider.search(action.label)]
                assert any(action.label in text for text in listed), action.id
            hits = [hit async for hit in provider.search("下一空")]
            assert hits and "F9" in (hits[0].help or "")

    run(flow())


def test_the_editor_palette_speaks_chinese(tmp_path: Path) -> None:
    """Ctrl+P listed Textual's own commands (Theme, Quit, Keys, Screenshot...) in English, and its
    box said "Search for commands…"."""
    import re

    from textual.command import CommandInput, CommandList, CommandPalette

    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、部分\n请于**前报送。\n", encoding="utf-8")
    cjk = re.compile(r"[\u4e00-\u9fff]")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("ctrl+p")
            await settle(pilot, app, 0.3)
            assert isinstance(app.screen, CommandPalette)
            assert cjk.search(str(app.screen.query_one(CommandInput).placeholder))
            shown = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
            assert any(s.startswith("保存") for s in shown), shown
            assert all(cjk.search(s) for s in shown), shown
            app.screen.query_one(CommandInput).value = "§§§"
            await settle(pilot, app, 1.5)
            shown = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
            assert len(shown) == 1 and "没有匹配的命令" in shown[0], shown

    run(flow())


def test_no_english_in_the_select_menu_and_roles_in_chinese(tmp_path: Path, seed: Path) -> None:
    draft = tmp_path / "seed.txt"
    draft.write_bytes(seed.read_bytes())

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            editor.query_one("#category").focus()
            await pilot.press("enter")  # open the category menu
            await settle(pilot, app)
            descriptions = [str(item.description) for item in app.screen.query("FooterKey")]
            assert "关闭菜单" in descriptions and not any("Dismiss" in d for d in descriptions)
            await pilot.press("escape")
            editor.query_one("#phrase-query", Input).value = "同志们"
            await settle(pilot, app, 0.2)
            preview = str(editor.query_one("#phrase-preview").render())
            assert "salutation" not in preview and "opening" not in preview

    run(flow())


def test_a_team_blank_form_refuses_the_editors_export(tmp_path: Path, team_config: bool) -> None:
    write_team_config(tmp_path, Path.cwd())
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、部分\n今年完成投资待补充亿元。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert editor_of(app).analysis.blanks == 1
            await pilot.press("ctrl+e")
            await settle(pilot, app)
            await pilot.click("#ok")
            await settle(pilot, app, 0.3)
            assert not (tmp_path / "d.docx").exists()
            assert any("1 处未填写" in str(n.message) for n in app._notifications)

    run(flow())


def test_keys_table_of_readme_and_help_come_from_the_action_table(run_cli) -> None:
    from drafter.tui.actions import keys_markdown, remappable_ids

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert keys_markdown() in readme
    help_text = run_cli("edit", "--help").out
    assert all(binding_id in help_text for binding_id in remappable_ids())


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (100, 30)])
def test_a_notice_shows_every_character_over_the_panel_border(tmp_path: Path, size: tuple[int, int]) -> None:
    import html
    import re

    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、部分\n" + "正文很长很长的一段话，" * 40 + "\n", encoding="utf-8")
    message = "鑫淼焱垚犇骉羴猋驫"  # characters found nowhere else on the screen

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot, app)
            app.notify(message, title="提示")
            await pilot.pause(0.3)
            svg = app.export_screenshot()
            shown = html.unescape("".join(re.findall(r">([^<]*)</text>", svg)))
            assert [ch for ch in message if ch not in shown] == []

    run(flow())
