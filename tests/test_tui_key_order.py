"""Keys that read or change the text run in the order they were typed. A terminal delivers a fast
typist's keys (or an IME's commit) in one burst; a priority binding ran as the app received its
key, before the text area had taken the characters typed just before it: Ctrl+S saved the draft
without them, F4 looked for a finding where the cursor had been, Ctrl+Q asked nothing and lost them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import TextArea
from tui_helpers import SIZE, editor_of, run, settle, team_config

from drafter.tui.app import DrafterApp

__all__ = ["team_config"]

pytestmark = pytest.mark.usefixtures("team_config")


def burst(app: DrafterApp, keys: list[str]) -> None:
    """All `keys` queued at once, as a terminal sends them: no wait between them."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


async def _ready(pilot, app: DrafterApp, row: int, column: int) -> TextArea:  # type: ignore[no-untyped-def]
    await settle(pilot, app)
    text_area = editor_of(app).query_one("#editor", TextArea)
    text_area.focus()
    text_area.move_cursor((row, column))
    await pilot.pause()
    return text_area


def test_ctrl_s_right_after_typing_saves_what_was_typed(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n内容。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await _ready(pilot, app, 3, 0)
            burst(app, [*"长江集团", "ctrl+s"])
            await settle(pilot, app, 0.2)
            assert draft.read_text(encoding="utf-8") == "讲话\n\n一、第一部分\n长江集团内容。\n"
            assert not editor_of(app).session.dirty

    run(flow())


def test_f4_right_after_moving_the_cursor_applies_the_suggestion_there(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n要把责任抗在肩上。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            text_area = await _ready(pilot, app, 3, 0)
            burst(app, ["end", "left", "left", "left", "f4"])
            await settle(pilot, app, 0.2)
            assert text_area.text.split("\n")[3] == "要把责任扛在肩上。"

    run(flow())


def test_ctrl_r_right_after_typing_a_heading_renumbers_it_too(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n内容。\n三、第二部分\n内容。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            text_area = await _ready(pilot, app, 5, 3)
            burst(app, ["end", "enter", *"五、第三部分", "ctrl+r"])
            await settle(pilot, app, 0.2)
            lines = text_area.text.split("\n")
            assert lines[4] == "二、第二部分" and lines[6] == "三、第三部分", lines

    run(flow())


def test_ctrl_q_right_after_typing_asks_before_losing_it(tmp_path: Path) -> None:
    from drafter.tui.dialogs import Choice

    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n内容。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await _ready(pilot, app, 3, 0)
            burst(app, [*"长江", "ctrl+q"])
            await settle(pilot, app, 0.2)
            assert isinstance(app.screen, Choice)  # 文稿有未保存的修改: save, discard or cancel
            assert app.is_running

    run(flow())
