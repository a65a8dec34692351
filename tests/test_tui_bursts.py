"""Keys handed over in one burst (tmux, a fast typist, an IME) land in the order they were typed in
every input box, not only in the text area (QA round 4: the phrase search kept `dangjian` after
`dangjian`, four Backspaces and `feng` typed at once)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input
from tui_helpers import SIZE, run, settle

from drafter.tui.app import DrafterApp


def test_a_burst_with_backspaces_in_the_phrase_search_keeps_its_order(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、部分\n正文。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("ctrl+f")
            await pilot.pause(0.2)
            keys = [(c, c) for c in "dangjian"] + [("backspace", None)] * 4 + [(c, c) for c in "feng"]
            keys += [("left", None), ("left", None), ("x", "x")]
            for key, char in keys:  # posted at once, as the terminal hands a burst over
                app.post_message(events.Key(key, char))
            await settle(pilot, app, 0.3)
            assert app.screen.query_one("#phrase-query", Input).value == "dangfexng"

    run(flow())


def test_ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_draft(tmp_path: Path) -> None:
    from drafter.tui.widgets.draft_text import DraftText

    draft = tmp_path / "d.txt"
    body = "".join(f"第{i}段正文，内容若干。\n" for i in range(200))
    draft.write_text("讲话\n\n一、部分\n" + body, encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            area = app.screen.query_one(DraftText)
            area.focus()
            area.move_cursor((5, 2))
            await pilot.press("ctrl+end")
            await pilot.pause(0.1)
            assert area.cursor_location == area.document.end
            assert area.scroll_offset.y > 0  # the end is on screen, not only the cursor moved
            await pilot.press("ctrl+shift+home")
            await pilot.pause(0.1)
            assert area.cursor_location == (0, 0)
            assert area.selected_text == area.text  # selected from the end back to the start
            await pilot.press("ctrl+end", "ctrl+home")
            await pilot.pause(0.1)
            assert area.cursor_location == (0, 0) and area.selected_text == ""

    run(flow())
