"""F3 on a freshly opened draft whose first blank stands at line 1, column 1 (a title `XX公司…`):
the first F3 selects that blank, the next one moves on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_helpers import SIZE, editor_of, run, settle, team_config

from drafter.tui.app import DrafterApp

__all__ = ["team_config"]

pytestmark = pytest.mark.usefixtures("team_config")


def test_first_f3_selects_a_blank_at_the_very_start(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("XX公司2026年工作会议讲话\n\n同志们：\n全年完成**项。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text_area = editor_of(app).query_one("#editor", TextArea)
            text_area.move_cursor((0, 0))
            await pilot.press("f3")
            assert text_area.selected_text == "XX"
            await pilot.press("f3")
            assert text_area.selected_text == "**"
            await pilot.press("f3")
            assert text_area.selected_text == "XX"  # wraps around to the start

    run(flow())
