"""Safe writes: backup first, temp files cleaned, symlinks written through, umask honoured,
encoding and line endings kept, and changes on disk detected before they are overwritten."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.draftlock import DraftLock, DraftLockedError, lock_path, read_lock
from drafter.errors import DrafterError
from drafter.fileio import (
    ANY,
    ChangedOnDiskError,
    FileStamp,
    atomic_write_bytes,
    backup_path,
    clean_leftovers,
    stamp,
    write_draft_text,
)
from drafter.readers import read_path

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions and signals")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_previous_file_becomes_the_backup_and_no_temp_is_left(tmp_path: Path) -> None:
    target = tmp_path / "稿.txt"
    atomic_write_bytes(target, b"v1")
    assert not backup_path(target).exists()
    atomic_write_bytes(target, b"v2")
    assert target.read_bytes() == b"v2"
    assert backup_path(target).read_bytes() == b"v1"
    atomic_write_bytes(target, b"v3")
    assert backup_path(target).read_bytes() == b"v2"
    assert leftovers(tmp_path) == []


def test_backup_is_in_place_before_the_new_file_is_renamed_in(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "稿.txt"
    target.write_bytes(b"old")
    backup_path(target).write_bytes(b"older")
    seen: list[tuple[bytes, bytes]] = []
    real_replace = os.replace

    def watching_replace(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst) == target:
            # At the instant the new file goes in, the .bak already holds the previous good file.
            seen.append((target.read_bytes(), backup_path(target).read_bytes()))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", watching_replace)
    atomic_write_bytes(target, b"new")
    assert seen == [(b"old", b"old")]
    assert target.read_bytes() == b"new"


def test_a_full_disk_leaves_draft_and_backup_untouched(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "稿.txt"
    target.write_bytes(b"good")
    backup_path(target).write_bytes(b"previous good")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(DrafterError, match=r"稿\.txt: 无法写入"):
        atomic_write_bytes(target, b"new content")
    monkeypatch.undo()
    assert target.read_bytes() == b"good"
    assert backup_path(target).read_bytes() == b"previous good"
    assert leftovers(tmp_path) == []


def test_without_hard_links_the_backup_is_a_whole_copy(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "稿.txt"
    target.write_bytes(b"old" * 1000)

    def no_links(*args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    atomic_write_bytes(target, b"new")
    assert backup_path(target).read_bytes() == b"old" * 1000
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


WRITER = r"""
import sys
from drafter.fileio import atomic_write_bytes
target = sys.argv[1]
i = 0
print("ready", flush=True)
while True:
    i += 1
    atomic_write_bytes(target, (b"%08d\n" % i) * 20000)
"""


@posix_only
def test_kill_at_any_moment_keeps_a_whole_draft_and_a_whole_backup(tmp_path: Path) -> None:
    """A writer is killed (SIGKILL) at random moments; after each kill the draft and the .bak are
    whole versions, and the next write removes the temp files the killed one left."""
    target = tmp_path / "稿.txt"
    atomic_write_bytes(target, (b"%08d\n" % 0) * 20000)
    atomic_write_bytes(target, (b"%08d\n" % 0) * 20000)

    def whole(data: bytes) -> bool:
        return len(data) == 9 * 20000 and data == data[:9] * 20000

    for k in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE)
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(0.01 + (k % 5) * 0.013)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert whole(target.read_bytes())
        assert whole(backup_path(target).read_bytes())
    atomic_write_bytes(target, b"final")
    assert leftovers(tmp_path) == []
    assert whole(backup_path(target).read_bytes())


def test_leftover_temp_files_are_recognised_and_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "稿.txt"
    target.write_bytes(b"x")
    dead = tmp_path / ".稿.txt.999999999-abcdef12.tmp"  # a pid that cannot be alive
    old_style = tmp_path / ".稿.txt.k3j4h5g6.tmp"  # mkstemp's form, from before
    other = tmp_path / ".另一篇.txt.999999999-abcdef12.tmp"
    live = tmp_path / f".稿.txt.{os.getppid()}-abcdef12.tmp"  # a concurrent writer's
    for p in (dead, old_style, other, live):
        p.write_bytes(b"partial")
    old = time.time() - 3600
    os.utime(old_style, (old, old))
    removed = clean_leftovers(target)
    assert sorted(p.name for p in removed) == sorted([dead.name, old_style.name])
    assert other.exists() and live.exists()


def test_a_symlinked_draft_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "共享" / "稿.txt"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "稿.txt"
    try:
        link.symlink_to(real)
    except OSError:
        pytest.skip("no symlinks here")
    atomic_write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert backup_path(real).read_bytes() == b"old"


@posix_only
def test_new_files_honour_the_umask_and_old_files_keep_their_mode(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        new = tmp_path / "新稿.txt"
        atomic_write_bytes(new, b"x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        os.umask(0o002)
        shared = tmp_path / "共享稿.txt"
        atomic_write_bytes(shared, b"x")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
        os.chmod(new, 0o640)
        atomic_write_bytes(new, b"y")
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
    finally:
        os.umask(previous)


def test_a_read_only_draft_is_not_replaced_even_by_root(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "只读稿.txt"
    draft.write_text("同志们:\n今天开会。\n", encoding="utf-8")
    os.chmod(draft, 0o444)
    try:
        with pytest.raises(DrafterError, match="只读"):
            atomic_write_bytes(draft, b"changed")
        result = run_cli("check", str(draft), "--fix")
        assert result.status == 2 and "只读" in result.err and "Traceback" not in result.err
        assert draft.read_text(encoding="utf-8") == "同志们:\n今天开会。\n"
        assert not backup_path(draft).exists() and leftovers(tmp_path) == []
    finally:
        os.chmod(draft, 0o644)


@pytest.mark.parametrize(
    ("raw", "encoding", "newline"),
    [
        ("同志们：\r\n今天开会。\r\n".encode("gbk"), "gbk", "\r\n"),
        ("同志们𠀀：\n今天开会。\n".encode("gb18030"), "gb18030", "\n"),
        ("\ufeff同志们：\r\n今天开会。\r\n".encode(), "utf-8-sig", "\r\n"),
        ("同志们：\r今天开会。\r".encode("utf-16"), "utf-16", "\r"),
    ],
)
def test_a_draft_keeps_its_encoding_and_line_endings(tmp_path: Path, raw: bytes, encoding: str, newline: str) -> None:
    path = tmp_path / "稿.txt"
    path.write_bytes(raw)
    doc = read_path(path)
    assert (doc.encoding, doc.newline) == (encoding, newline)
    result = write_draft_text(path, doc.text, encoding=doc.encoding, newline=doc.newline, expect=doc.stamp)
    assert path.read_bytes() == raw
    assert not result.reencoded and result.note == ""


def test_a_gbk_draft_that_needs_more_becomes_utf8_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "稿.txt"
    path.write_bytes("同志们：\r\n".encode("gbk"))
    doc = read_path(path)
    result = write_draft_text(path, doc.text + "刘䶮同志\n", encoding=doc.encoding, newline=doc.newline)
    assert result.reencoded and result.encoding == "utf-8"
    assert "GBK" in result.note and "UTF-8" in result.note
    assert path.read_bytes().decode("utf-8") == "同志们：\r\n刘䶮同志\r\n"


def test_change_on_disk_is_detected_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "稿.txt"
    path.write_bytes(b"mine")
    seen = stamp(path)
    assert isinstance(seen, FileStamp) and seen.size == 4
    path.write_bytes(b"colleague's")
    with pytest.raises(ChangedOnDiskError, match=r"稿\.txt: 读取之后已被"):
        atomic_write_bytes(path, b"new", expect=seen)
    assert path.read_bytes() == b"colleague's"
    assert not backup_path(path).exists()


def test_same_size_change_is_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "稿.txt"
    path.write_bytes(b"aaaa")
    seen = stamp(path)
    assert seen is not None
    path.write_bytes(b"bbbb")
    os.utime(path, ns=(seen.mtime_ns, seen.mtime_ns))
    with pytest.raises(ChangedOnDiskError):
        atomic_write_bytes(path, b"new", expect=seen)


def test_expect_none_means_the_file_must_not_exist_and_stamps_chain(tmp_path: Path) -> None:
    path = tmp_path / "稿.txt"
    first = atomic_write_bytes(path, b"one", expect=None)
    with pytest.raises(ChangedOnDiskError, match="文件已存在"):
        atomic_write_bytes(path, b"two", expect=None)
    second = atomic_write_bytes(path, b"two", expect=first)
    assert second == stamp(path)
    path.unlink()
    with pytest.raises(ChangedOnDiskError, match="删除"):
        atomic_write_bytes(path, b"three", expect=second)
    atomic_write_bytes(path, b"anyway", expect=ANY)
    assert path.read_bytes() == b"anyway"


def test_a_touch_alone_is_not_a_change(tmp_path: Path) -> None:
    path = tmp_path / "稿.txt"
    seen = atomic_write_bytes(path, b"same")
    os.utime(path, (time.time() + 100, time.time() + 100))
    atomic_write_bytes(path, b"next", expect=seen)


def test_the_lock_names_its_holder_and_a_second_editor_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "稿.txt"
    draft.write_text("x", encoding="utf-8")
    with DraftLock.acquire(draft):
        assert lock_path(draft).name == "~$稿.txt"
        info = read_lock(draft)
        assert info is not None and info["pid"] == os.getpid()
        with pytest.raises(DraftLockedError) as caught:
            DraftLock.acquire(draft)
        assert f"进程 {os.getpid()}" in caught.value.holder
        assert "@" in caught.value.holder and "自 " in caught.value.holder
        assert "稿.txt: 正由" in str(caught.value)
    assert not lock_path(draft).exists()
    DraftLock.acquire(draft).release()


@posix_only
def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    draft = tmp_path / "稿.txt"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from drafter.draftlock import DraftLock; DraftLock.acquire(sys.argv[1])",
            str(draft),
        ],
        check=True,
    )
    assert proc.returncode == 0
    assert lock_path(draft).exists()  # the process died without releasing
    lock = DraftLock.acquire(draft)
    assert lock.still_held()
    lock.release()


def test_a_foreign_or_unreadable_lock_is_not_taken_over_unless_forced(tmp_path: Path) -> None:
    draft = tmp_path / "稿.docx"
    lock_path(draft).write_bytes(b"\x05Word owner file\x00\x00")
    with pytest.raises(DraftLockedError, match="另一个程序"):
        DraftLock.acquire(draft)
    lock = DraftLock.acquire(draft, force=True)
    assert lock.still_held()
    lock.release()
    assert not lock_path(draft).exists()


def test_releasing_a_lock_someone_forced_away_leaves_theirs(tmp_path: Path) -> None:
    draft = tmp_path / "稿.txt"
    mine = DraftLock.acquire(draft)
    theirs = DraftLock.acquire(draft, force=True)
    assert not mine.still_held()
    mine.release()
    assert theirs.still_held()
    theirs.release()
