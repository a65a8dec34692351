"""A lock beside a draft, as Word's `~$` owner file is, so that two editors never silently
overwrite each other's work on a shared folder.

The lock file `~$<name>` holds small JSON naming who holds it (user, machine, process, since
when). It is created atomically with its content (a hard link of a finished temp file, which
fails if a lock exists), so a reader never sees a half-written lock. A lock left by a process
that died on this machine is taken over; one held from another machine is never taken over
silently, because drafter cannot tell whether that process lives.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from drafter.errors import DrafterError, os_reason
from drafter.fileio import pid_alive

LOCK_PREFIX = "~$"
_MAX_LOCK_BYTES = 4096


def lock_path(draft: str | os.PathLike[str]) -> Path:
    """Where the lock of a draft sits: `讲话稿.txt` → `~$讲话稿.txt` in the same folder."""
    draft = Path(draft)
    return draft.with_name(LOCK_PREFIX + draft.name)


class DraftLockedError(DrafterError):
    """Another live editor holds the draft; `holder` names it (张三@PC-01, 进程 1234, 自 14:02)."""

    def __init__(self, path: str | os.PathLike[str], holder: str) -> None:
        self.path = os.fspath(path)
        self.holder = holder
        super().__init__(f"{self.path}: 正由 {holder} 编辑（锁文件 {lock_path(path).name}）")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service, a container): still lock, just unnamed
        return "未知用户"


def _host() -> str:
    try:
        return socket.gethostname() or "未知计算机"
    except OSError:
        return "未知计算机"


def this_host() -> str:
    """The host name locks and recovery copies record (public for drafter.session)."""
    return _host()


def describe(info: dict[str, Any]) -> str:
    """The holder as the writer reads it: 张三@PC-01, 进程 1234, 自 14:02."""
    user = str(info.get("user") or "未知用户")[:40]
    host = str(info.get("host") or "未知计算机")[:60]
    pid = info.get("pid")
    since = info.get("since")
    parts = [f"{user}@{host}"]
    if isinstance(pid, int):
        parts.append(f"进程 {pid}")
    if isinstance(since, (int, float)):
        parts.append(time.strftime("自 %H:%M", time.localtime(since)))
    return ", ".join(parts)


def read_lock(draft: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The lock's content, {} when the file is there but unreadable/foreign, None when there is none."""
    try:
        with open(lock_path(draft), "rb") as fh:
            raw = fh.read(_MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        info = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _is_stale(info: dict[str, Any]) -> bool:
    """A lock of this machine whose process is gone. Foreign or unreadable locks are never stale."""
    if not info or info.get("app") != "drafter":
        return False
    pid = info.get("pid")
    return info.get("host") == _host() and isinstance(pid, int) and not pid_alive(pid)


class DraftLock:
    """The lock on one draft, held by this process until released (use as a context manager)."""

    def __init__(self, draft: Path, lock: Path, info: dict[str, Any]) -> None:
        self.draft = draft
        self.path = lock
        self.info = info
        self.held = True

    @property
    def holder(self) -> str:
        return describe(self.info)

    @classmethod
    def acquire(cls, draft: str | os.PathLike[str], *, force: bool = False) -> DraftLock:
        """Take the lock on `draft`, or raise DraftLockedError naming who holds it.

        A stale lock (its process died on this machine) is taken over; `force=True` takes over
        any lock (the writer chose to, having been told who holds it).
        """
        draft = Path(draft)
        lock = lock_path(draft)
        info = {
            "app": "drafter",
            "user": _user(),
            "host": _host(),
            "pid": os.getpid(),
            "since": time.time(),
            "token": secrets.token_hex(8),
            "draft": draft.name,
        }
        payload = json.dumps(info, ensure_ascii=False).encode("utf-8")
        for _attempt in range(3):
            if _create_exclusive(lock, payload):
                return cls(draft, lock, info)
            current = read_lock(draft)
            if current is None:
                continue  # released meanwhile: try again
            if not (force or _is_stale(current)):
                holder = describe(current) if current else "另一个程序（无法识别的锁文件）"
                raise DraftLockedError(draft, holder)
            _replace(lock, payload)
            # Two takers of one stale lock: the last rename wins, the other sees its token gone.
            if (read_lock(draft) or {}).get("token") == info["token"]:
                return cls(draft, lock, info)
        current = read_lock(draft) or {}
        raise DraftLockedError(draft, describe(current) if current else "另一个程序")

    def still_held(self) -> bool:
        """Whether the lock file on disk is still ours (nobody forced it away)."""
        return self.held and (read_lock(self.draft) or {}).get("token") == self.info["token"]

    def release(self) -> None:
        """Remove the lock file if it is still ours; idempotent."""
        if not self.held:
            return
        self.held = False
        if (read_lock(self.draft) or {}).get("token") == self.info["token"]:
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def __enter__(self) -> DraftLock:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def _temp_beside(lock: Path, payload: bytes) -> Path:
    tmp = lock.with_name(f".{lock.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
    return tmp


def _create_exclusive(lock: Path, payload: bytes) -> bool:
    """Create the lock with its content in one step; False if a lock already exists."""
    try:
        tmp = _temp_beside(lock, payload)
    except OSError as exc:
        raise DrafterError(f"{lock}: 无法创建锁文件（{os_reason(exc)}）") from None
    try:
        try:
            os.link(tmp, lock)
            return True
        except FileExistsError:
            return False
        except OSError:
            # No hard links here (some network shares): exclusive create, then write.
            try:
                fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:
                return False
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _replace(lock: Path, payload: bytes) -> None:
    tmp = _temp_beside(lock, payload)
    try:
        os.replace(tmp, lock)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise DrafterError(f"{lock}: 无法接管锁文件（{os_reason(exc)}）") from None
