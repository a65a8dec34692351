"""Closing the terminal window under a running editor (SIGHUP): the text typed since the last
autosave goes to the recovery copy, offered at the next open, and the `~$` lock is released, so a
colleague on another machine is not told for good that the draft is being edited. A real drafter
process in a pseudo-terminal, hung up as a closed window hangs it up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from drafter.draftlock import lock_path
from drafter.session import recovery_path

pytestmark = pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="a POSIX pseudo-terminal")


def _wait(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_hung_up_editor_keeps_the_text_and_releases_the_lock(tmp_path: Path) -> None:
    import fcntl
    import pty
    import signal
    import struct
    import termios

    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n同志们：\n今天开会。\n", encoding="utf-8")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    child = subprocess.Popen(
        [sys.executable, "-m", "drafter", "edit", str(draft)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    # The screen must be read, or the editor blocks writing it.
    screen = bytearray()
    drain = threading.Thread(target=lambda: _drain(master, screen), daemon=True)
    drain.start()
    try:
        assert _wait(lock_path(draft).is_file, 60), "the editor did not open the draft"
        # The first paint, then the keys reach the text area: waited for on the screen, not by a
        # fixed sleep (a loaded machine took longer than a second).
        assert _wait(lambda: "今天开会".encode() in screen, 60), "the editor did not paint the draft"
        time.sleep(0.5)  # the key reader
        os.write(master, "补一句".encode())
        assert _wait(lambda: "补一句".encode() in screen, 60), "the typed text did not appear"
        time.sleep(0.3)
        child.send_signal(signal.SIGHUP)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert not lock_path(draft).exists()
    copy = recovery_path(draft)
    assert copy.is_file()
    assert "补一句" in json.loads(copy.read_text(encoding="utf-8"))["text"]
    assert draft.read_text(encoding="utf-8") == "讲话\n\n同志们：\n今天开会。\n"  # the draft untouched


def _drain(fd: int, screen: bytearray | None = None) -> None:
    try:
        while chunk := os.read(fd, 65536):
            if screen is not None:
                screen.extend(chunk)
    except OSError:
        pass


@pytest.mark.parametrize("how", ["hang-up", "exit"])
def test_a_lock_taken_before_the_recovery_question_is_released(tmp_path: Path, how: str) -> None:
    """The lock is taken before the editor asks whether to restore a recovery copy: ending
    drafter at that question (a closed window, or any exit) left it beside the draft."""
    from tui_helpers import SIZE, run, settle

    from drafter.session import DraftSession
    from drafter.tui.app import DrafterApp

    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n同志们：\n", encoding="utf-8")
    DraftSession(draft, "讲话\n\n同志们：\n没保存的一句。\n", "讲话\n\n同志们：\n", "utf-8").write_recovery()

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert "恢复" in str(app.screen.query_one(".question").render())
            assert lock_path(draft).is_file()
            if how == "hang-up":
                app.hang_up()
            else:
                app.exit()
            await pilot.pause()
        assert not lock_path(draft).exists()

    run(flow())
    assert recovery_path(draft).is_file()  # not answered: still there for the next open
