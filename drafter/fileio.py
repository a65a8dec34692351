"""Writing files so that nothing is ever lost.

The order matters, because a kill or a full disk can strike between any two steps:

1. the new content goes to a temp file beside the target and is fsynced (a full disk fails here,
   before anything the writer had is touched);
2. the previous file becomes the `.bak` by a hard link (or, where links are not supported, a
   complete fsynced copy) renamed over the old `.bak` — so the `.bak` is always a whole good file;
3. the temp file is renamed over the target, so at every instant the target is the old or the new
   file, never a mixture.

Temp files carry the writing process's id, so a leftover from a killed run is recognised and
removed at the next write. A draft that is a symbolic link is written through to its target. A
`FileStamp` taken when the file was read lets a writer refuse to overwrite changes made on disk
since (by a colleague, another editor, a sync client).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat as stat_mod
import time
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError, os_reason

BACKUP_SUFFIX = ".bak"
_TMP_SUFFIX = ".tmp"
# A temp file of ours: `.<name>.<pid>-<random>.tmp` (or the older mkstemp form `.<name>.<random>.tmp`).
_TMP_RE = r"\.{name}\.(?:(?P<pid>\d+)-)?[A-Za-z0-9_]{{6,16}}\.tmp"
# A leftover without a live owner we can recognise is removed once it is this old (seconds).
_STALE_TMP_AGE = 600.0


class _Any:
    """The `expect=ANY` sentinel: write whatever is on disk now."""

    _instance: _Any | None = None

    def __new__(cls) -> _Any:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ANY"


ANY = _Any()


@dataclass(frozen=True, eq=False)
class FileStamp:
    """What a file was when it was read: size, modification time and SHA-256 of its bytes.

    Two stamps are equal when size and content are; a different mtime alone (a `touch`, a sync
    client restoring times) is not a change anybody could lose.
    """

    size: int
    mtime_ns: int
    digest: str

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileStamp):
            return NotImplemented
        return self.size == other.size and self.digest == other.digest

    def __hash__(self) -> int:
        return hash((self.size, self.digest))

    @property
    def stamp(self) -> FileStamp:
        """The plain stamp (a WriteResult is also one)."""
        return FileStamp(self.size, self.mtime_ns, self.digest)


@dataclass(frozen=True, eq=False)
class WriteResult(FileStamp):
    """The stamp of a text file just written, and the encoding it was written in.

    `encoding` differs from `wanted` when the text could not be encoded in the draft's own
    encoding (a GBK draft that now holds a character GBK lacks); `note` says so in Chinese.
    """

    encoding: str = "utf-8"
    wanted: str = "utf-8"

    @property
    def reencoded(self) -> bool:
        return _canonical(self.encoding) != _canonical(self.wanted)

    @property
    def note(self) -> str:
        if not self.reencoded:
            return ""
        return f"原编码 {self.wanted.upper()} 容纳不下文中的某些字符，已改存为 UTF-8"


class ChangedOnDiskError(DrafterError):
    """The file changed on disk since it was read; the new content was not written."""

    def __init__(self, path: str | os.PathLike[str], reason: str = "") -> None:
        self.path = os.fspath(path)
        reason = reason or "读取之后已被其他程序或他人修改"
        super().__init__(f"{self.path}: {reason}，为免覆盖对方的修改，本次没有写入（磁盘上的文件保持原样）")


def stamp_bytes(data: bytes, mtime_ns: int) -> FileStamp:
    """The stamp of bytes just read (use the same bytes, not a second read, to avoid a race)."""
    return FileStamp(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


def stamp(path: str | os.PathLike[str]) -> FileStamp | None:
    """The stamp of the file now on disk (symlinks followed); None when it does not exist."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat_mod.S_ISREG(st.st_mode):
                raise DrafterError(f"{os.fspath(path)}: 不是普通文件")
            data = fh.read()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    except OSError as exc:
        raise DrafterError(f"{os.fspath(path)}: 无法读取（{os_reason(exc)}）") from None
    return stamp_bytes(data, st.st_mtime_ns)


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept: `讲话稿.txt` → `讲话稿.txt.bak`."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def resolve_target(path: Path) -> Path:
    """The file a write to `path` really changes: a symlinked draft is written through to its target."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def check_expected(path: Path, expect: FileStamp | object | None) -> None:
    """Raise ChangedOnDiskError unless the file on disk is what `expect` says it should be."""
    if expect is ANY:
        return
    current = stamp(path)
    if expect is None:
        if current is not None:
            raise ChangedOnDiskError(path, "文件已存在")
        return
    if not isinstance(expect, FileStamp):
        raise TypeError(f"expect must be ANY, None or a FileStamp, not {expect!r}")
    if current is None:
        raise ChangedOnDiskError(path, "读取之后已被删除或移走")
    if current != expect:
        raise ChangedOnDiskError(path)


def atomic_write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    backup: bool = True,
    expect: FileStamp | object | None = ANY,
) -> FileStamp:
    """Replace `path` with `data` atomically, the previous file kept as `path.bak`.

    `expect=ANY` writes whatever is on disk; `expect=None` requires that the file does not exist;
    a FileStamp requires that it is still exactly what was read (else ChangedOnDiskError, and
    nothing is written). Returns the stamp of the new file.
    """
    shown = Path(path)
    target = resolve_target(shown)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DrafterError(f"{shown}: 文件夹不存在")
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise DrafterError(f"{shown}: 无法写入（{os_reason(exc)}）") from None
    if st is not None and not stat_mod.S_ISREG(st.st_mode):
        raise DrafterError(f"{shown}: 不是普通文件，不能写入")
    if st is not None and not st.st_mode & 0o222:
        # Renaming over a file needs only the folder's permission, and root passes every check:
        # a file its owner made read-only (chmod 444, Windows' 只读 box) would be replaced all the same.
        raise DrafterError(f"{shown}: 文件设为只读，没有改写（确需修改请先去掉只读属性）")
    check_expected(target, expect)
    clean_leftovers(target)
    tmp = _temp_name(target)
    try:
        _write_temp(tmp, data, None if st is None else stat_mod.S_IMODE(st.st_mode))
        if backup and st is not None:
            _make_backup(target)
        # Re-check just before the switch: the window for a lost update is now only a rename long.
        check_expected(target, expect)
        os.replace(tmp, target)
        _fsync_dir(folder)
        new = os.stat(target)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise DrafterError(f"{shown}: 无法写入（{os_reason(exc)}）") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return stamp_bytes(data, new.st_mtime_ns)


def write_draft_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    encoding: str | None = "utf-8",
    newline: str | None = "\n",
    backup: bool = True,
    expect: FileStamp | object | None = ANY,
) -> WriteResult:
    """Write a draft in its own encoding and line endings (as the reader reported them).

    A GBK/GB18030 draft stays so unless the text holds a character that encoding lacks; then it
    is written as UTF-8 and the result's `note` says so. `text` uses '\\n' internally.
    """
    wanted = encoding or "utf-8"
    data, used = encode_text(text, wanted, newline or "\n")
    st = atomic_write_bytes(path, data, backup=backup, expect=expect)
    return WriteResult(st.size, st.mtime_ns, st.digest, encoding=used, wanted=wanted)


def encode_text(text: str, encoding: str, newline: str = "\n") -> tuple[bytes, str]:
    """Encode `text` for writing: (bytes, encoding actually used). Falls back to UTF-8 only when needed."""
    if newline != "\n":
        text = text.replace("\n", newline)
    try:
        return text.encode(encoding), encoding
    except UnicodeEncodeError:
        return text.encode("utf-8"), "utf-8"
    except LookupError:
        return text.encode("utf-8"), "utf-8"


def atomic_write_utf8(path: str | os.PathLike[str], text: str, *, backup: bool = True) -> FileStamp:
    """Write UTF-8 text atomically (for drafter's own files; drafts use write_draft_text)."""
    return atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def clean_leftovers(target: Path) -> list[Path]:
    """Remove temp files an earlier, interrupted write of `target` left behind; returns them.

    A temp file whose process is still alive (a concurrent writer) is left alone.
    """
    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(_TMP_RE.format(name=re.escape(target.name)))
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    for name in names:
        m = pattern.fullmatch(name)
        if m is None:
            continue
        leftover = folder / name
        pid = m.group("pid")
        if pid is not None:
            if int(pid) != os.getpid() and pid_alive(int(pid)):
                continue
        else:
            try:
                if now - leftover.lstat().st_mtime < _STALE_TMP_AGE:
                    continue
            except OSError:
                continue
        _unlink_quietly(leftover)
        removed.append(leftover)
    return removed


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (never sends it a signal on Windows)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{_TMP_SUFFIX}")


def _write_temp(tmp: Path, data: bytes, mode: int | None) -> None:
    """Create `tmp` exclusively, write and fsync it. A new file gets 0666 less the umask (as any
    editor would give it); a replaced file keeps its own permissions."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp, mode)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _make_backup(target: Path) -> None:
    """Make the current file the `.bak`, atomically: hard link (same bytes, no copy) renamed over
    the old backup. Without hard links, a complete fsynced copy is renamed over it instead."""
    bak = backup_path(target)
    staging = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{_TMP_SUFFIX}")
    try:
        try:
            os.link(target, staging)
        except OSError:
            _copy_synced(target, staging)
        os.replace(staging, bak)
        # rename() between two links of one file does nothing (POSIX): the .bak already was the
        # current file (a run killed just before its last rename); drop the spare link.
        if staging.exists():
            _unlink_quietly(staging)
    except BaseException:
        _unlink_quietly(staging)
        raise


def _copy_synced(source: Path, dest: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with open(source, "rb") as src:
        fd = os.open(dest, flags, 0o666)
        with os.fdopen(fd, "wb") as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    with contextlib.suppress(OSError):
        os.chmod(dest, stat_mod.S_IMODE(os.stat(source).st_mode))


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "nt":  # pragma: no cover
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _canonical(encoding: str) -> str:
    import codecs

    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


DATA_LIMIT = 64 * 2**20  # the whole built-in phrase bank is under 2 MB


def read_data_file(path: str | os.PathLike[str], limit: int = DATA_LIMIT) -> bytes:
    """The bytes of a data file (bank, preset, rules, template, config) from a team folder.

    A FIFO, device or socket there would hang or flood every writer of the team, so it is refused
    before opening (a symlink is followed only to a regular file), as is a file over `limit`.
    Raises OSError with a Chinese `strerror`, which the callers already turn into one line."""
    import errno

    st = os.stat(path)
    if not stat_mod.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "不是普通文件（文件夹、命名管道、设备或套接字），不读取")
    if st.st_size > limit:
        raise OSError(errno.EFBIG, f"文件过大（{st.st_size // 2**20} MB），不像是数据文件")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat_mod.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(errno.EINVAL, "不是普通文件，不读取")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"文件过大（超过 {limit // 2**20} MB），不像是数据文件")
    return data
