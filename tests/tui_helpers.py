"""What the TUI tests share: running a flow, waiting for the workers, and a team's configuration
that every flow also runs under (a team blank form, a severity, a team template folder)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from drafter.tui.app import DrafterApp
from drafter.tui.editor import EditorScreen

SIZE = (120, 40)

TEAM_TOML = """\
[check.severity]
"repetition" = "warning"

[[placeholder]]
id = "pending"
pattern = "待补充"
title = "待补充"
message = "未填写：本单位约定的待补充标记“{text}”"
"""


def run(coro) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(coro)


async def settle(pilot, app, seconds: float = 0.0) -> None:  # type: ignore[no-untyped-def]
    """Wait `seconds` (debounces), then until every worker has finished and its result is drawn."""
    await pilot.pause(seconds)
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.engine is not None and not any(w.is_running for w in app.workers):
            break
        await pilot.pause(0.02)
    await pilot.pause()


def editor_of(app: DrafterApp) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen), type(screen)
    return screen


def write_team_config(*folders: Path) -> None:
    for folder in folders:
        (folder / "drafter.toml").write_text(TEAM_TOML, encoding="utf-8")


@pytest.fixture(params=["without-team-config", "with-team-config"])
def team_config(request: pytest.FixtureRequest, tmp_path: Path, isolated: Path) -> bool:
    """Run the test twice: as a lone writer, and inside a team's folder with its drafter.toml
    (found from the working folder, whichever of the two the test works in)."""
    if request.param == "with-team-config":
        write_team_config(tmp_path, isolated)
        return True
    return False
