"""Never lose a writer's work in the editor: the `~$` lock, a second editor read-only, a save that
finds the file changed on disk, and a draft keeping its own encoding and line endings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_helpers import SIZE, editor_of, run, settle, team_config

from drafter.draftlock import DraftLock, lock_path
from drafter.tui.app import DrafterApp

__all__ = ["team_config"]

pytestmark = pytest.mark.usefixtures("team_config")


def test_the_editor_holds_the_lock_and_a_second_editor_opens_read_only(tmp_path: Path) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n一、部分\n正文。\n", encoding="utf-8")

    async def first_holds_it() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor_of(app)
            assert lock_path(draft).is_file()
            await pilot.press("ctrl+q")
            await settle(pilot, app)
        assert not lock_path(draft).exists()

    run(first_holds_it())
    other = DraftLock.acquire(draft)  # another live editor (this process) has it open

    async def second_asks() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            question = str(app.screen.query_one(".question").render())
            assert "正由" in question and "编辑" in question
            await pilot.click("#answer-read-only")
            await settle(pilot, app)
            editor = editor_of(app)
            assert editor.read_only
            text_area = editor.query_one("#editor", TextArea)
            text_area.focus()
            await pilot.press(*"改动")
            await pilot.pause(0.1)
            told = [n.message for n in app._notifications if "不能修改" in n.message]
            assert len(told) == 1  # said once for the burst, not once a key
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert text_area.text == "讲话\n\n一、部分\n正文。\n"
        assert draft.read_text(encoding="utf-8") == "讲话\n\n一、部分\n正文。\n"
        assert other.still_held()

    run(second_asks())
    other.release()


@pytest.mark.parametrize("choice", ["copy", "overwrite"])
def test_saving_over_a_file_changed_on_disk_asks_and_keeps_both(tmp_path: Path, choice: str) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n一、部分\n正文。\n", encoding="utf-8")
    theirs = "讲话\n\n一、部分\n同事改过的正文。\n"

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text_area = editor_of(app).query_one("#editor", TextArea)
            text_area.move_cursor((3, 0))
            await pilot.press(*"我的")
            draft.write_text(theirs, encoding="utf-8")  # check --fix, or a colleague, meanwhile
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert "改过" in str(app.screen.query_one(".question").render())
            assert draft.read_text(encoding="utf-8") == theirs  # nothing written yet
            await pilot.click(f"#answer-{choice}")
            await settle(pilot, app)

    run(flow())
    mine = "讲话\n\n一、部分\n我的正文。\n"
    if choice == "copy":
        assert draft.read_text(encoding="utf-8") == theirs
        assert (tmp_path / "讲话（我的修改）.txt").read_text(encoding="utf-8") == mine
    else:
        assert draft.read_text(encoding="utf-8") == mine
        assert (tmp_path / "讲话.txt.bak").read_text(encoding="utf-8") == theirs


def test_a_gbk_draft_with_crlf_is_saved_as_gbk_with_crlf(tmp_path: Path) -> None:
    draft = tmp_path / "旧稿.txt"
    draft.write_bytes("讲话\r\n\r\n一、部分\r\n正文。\r\n".encode("gbk"))

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            text_area = editor_of(app).query_one("#editor", TextArea)
            text_area.move_cursor((3, 0))
            await pilot.press(*"新的")
            await pilot.press("ctrl+s")
            await settle(pilot, app)

    run(flow())
    assert draft.read_bytes() == "讲话\r\n\r\n一、部分\r\n新的正文。\r\n".encode("gbk")


def test_a_live_editors_recovery_copy_is_not_offered_to_a_second_editor(tmp_path: Path) -> None:
    """The first editor writes its recovery copy every few seconds; a second editor on the same
    draft must be asked about the lock, not offered (and invited to discard) that copy."""
    from drafter.session import DraftSession

    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n一、部分\n正文。\n", encoding="utf-8")
    live = DraftSession(draft, "讲话\n\n一、部分\n正文，还没保存。\n", "讲话\n\n一、部分\n正文。\n", "utf-8")
    live.write_recovery()
    other = DraftLock.acquire(draft)

    async def second_asks() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            question = str(app.screen.query_one(".question").render())
            assert "正由" in question and "恢复" not in question
            await pilot.click("#answer-read-only")
            await settle(pilot, app)
            assert editor_of(app).read_only

    run(second_asks())
    from drafter.session import recovery_path

    assert recovery_path(draft).is_file()  # still there for the editor that owns it
    other.release()
    live.drop_recovery()


def test_a_recovery_copy_of_an_editor_still_running_is_not_a_crash_to_recover(tmp_path: Path) -> None:
    """Opening the same draft a second time and choosing 仍要编辑 offered the first editor's
    unsaved text as if a crash had left it (QA round 4). Only a copy whose editor is gone is."""
    import subprocess
    import sys

    from drafter.session import DraftSession, recovery_path

    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n一、部分\n正文。\n", encoding="utf-8")
    first = DraftSession(draft, "讲话\n\n一、部分\n正文，还没保存。\n", "讲话\n\n一、部分\n正文。\n", "utf-8")
    first.write_recovery()
    second = DraftSession(draft, "讲话\n\n一、部分\n正文。\n", "讲话\n\n一、部分\n正文。\n", "utf-8")
    assert second.pending_recovery() == "讲话\n\n一、部分\n正文，还没保存。\n"  # written by this process

    copy = recovery_path(draft)
    payload = json.loads(copy.read_text(encoding="utf-8"))
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        copy.write_text(json.dumps({**payload, "pid": running.pid}, ensure_ascii=False), encoding="utf-8")
        assert second.pending_recovery() is None  # that editor is still open
    finally:
        running.kill()
        running.wait()
    assert second.pending_recovery() == "讲话\n\n一、部分\n正文，还没保存。\n"  # now it is gone: a crash's
    legacy = {k: v for k, v in payload.items() if k not in ("pid", "host")}
    copy.write_text(json.dumps(legacy, ensure_ascii=False), encoding="utf-8")
    assert second.pending_recovery() == "讲话\n\n一、部分\n正文，还没保存。\n"  # an older copy: offered


def test_a_draft_made_read_only_opens_read_only_and_says_so(tmp_path: Path) -> None:
    import os

    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n一、部分\n正文。\n", encoding="utf-8")
    os.chmod(draft, 0o444)

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            assert editor.read_only
            assert any("文件设为只读" in n.message for n in app._notifications)
            text_area = editor.query_one("#editor", TextArea)
            text_area.focus()
            await pilot.press(*"改动")
            await pilot.pause(0.1)
            assert any("去掉只读属性" in n.message for n in app._notifications)
            assert text_area.text == "讲话\n\n一、部分\n正文。\n"
        assert not lock_path(draft).exists()

    try:
        run(flow())
    finally:
        os.chmod(draft, 0o644)
    assert draft.read_text(encoding="utf-8") == "讲话\n\n一、部分\n正文。\n"
