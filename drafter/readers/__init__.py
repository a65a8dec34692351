"""Turning what the writer names (files, folders, `-`) into Documents.

One reader for every check: rules never open files, so adding a rule never touches input handling.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from drafter.document import Document
from drafter.errors import InputError, os_reason
from drafter.textio import decode_draft

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}
LEGACY_SUFFIXES = {".doc", ".wps", ".dot", ".wpt"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | DOCX_SUFFIXES
STDIN = "-"
MAX_BYTES = 256 * 1024 * 1024
# A 100 MB speech corpus has under a million lines; 100 MB of bare newlines would be a hundred
# million, and every rule's per-line bookkeeping would take gigabytes.
MAX_LINES = 2_000_000


def read_bytes(data: bytes, path: str, suffix: str = "") -> Document:
    """Build a Document from raw bytes; the suffix picks the format, content breaks ties."""
    suffix = suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        raise InputError(path, "旧版 Word/WPS 格式无法读取：请在 Word 或 WPS 中另存为 .docx 后再试")
    if suffix in DOCX_SUFFIXES or (suffix not in TEXT_SUFFIXES | MARKDOWN_SUFFIXES and data.startswith(b"PK\x03\x04")):
        from drafter.readers.docx import read_docx

        return read_docx(data, path)
    decoded = decode_draft(data, path)
    lines = decoded.text.count("\n")
    if lines > MAX_LINES:
        raise InputError(path, f"行数过多（{lines} 行，上限 {MAX_LINES}），不像是一篇讲话稿")
    fmt = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    return Document(path=path, format=fmt, text=decoded.text, encoding=decoded.encoding, newline=decoded.newline)


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read one file (or standard input for `-`), recording its stamp for safe writing back."""
    name = os.fspath(path)
    if name == STDIN:
        return read_bytes(_read_bounded(sys.stdin.buffer, "<stdin>"), "<stdin>")
    data, st = read_regular_file(name)
    from drafter.fileio import stamp_bytes

    doc = read_bytes(data, name, Path(name).suffix)
    doc.stamp = stamp_bytes(data, st.st_mtime_ns)
    return doc


def special_kind(mode: int) -> str | None:
    """What a non-regular file is, in the writer's words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return "这是命名管道（FIFO），不是普通文件，不读取"
    if stat.S_ISSOCK(mode):
        return "这是套接字（socket），不是普通文件，不读取"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是设备文件，不是普通文件，不读取"
    return "不是普通文件，不读取"


def read_regular_file(name: str) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, refused before opening when it is a FIFO, device or socket
    (a symlink is followed only to a regular file), and refused when larger than MAX_BYTES."""
    try:
        st = os.stat(name)
        kind = special_kind(st.st_mode)
        if kind:
            raise InputError(name, kind)
        if st.st_size > MAX_BYTES:
            raise InputError(name, f"文件过大（{st.st_size // 2**20} MB），不像是一篇讲话稿")
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open does not hang.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            kind = special_kind(st.st_mode)
            if kind:
                raise InputError(name, kind)
            data = _read_bounded(fh, name)
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except PermissionError:
        raise InputError(name, "没有读取权限") from None
    except IsADirectoryError:
        raise InputError(name, "这是一个文件夹，不是文件") from None
    except OSError as exc:
        raise InputError(name, f"无法读取（{os_reason(exc)}）") from None
    return data, st


def _read_bounded(fh: BinaryIO, name: str) -> bytes:
    """Read at most MAX_BYTES, whatever the file claims its size is (a growing file, a pipe)."""
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(name, f"文件过大（超过 {MAX_BYTES // 2**20} MB），不像是一篇讲话稿")
    return data


REVIEW_SUFFIX = ".审校.docx"


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Yield the files to check: files as given, folders searched (sorted, recursively) for
    .txt/.md/.docx, skipping hidden folders, Word's `~$` lock files and drafter's review copies."""
    for name in paths:
        if name == STDIN:
            yield name
            continue
        p = Path(name)
        if not p.is_dir():
            yield name
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in files:
                # `~$` is Word's lock file; `*.审校.docx` is drafter's own review copy (check
                # --annotate), which a second run over the folder must not count as a draft.
                if f.startswith(("~$", ".")) or f.endswith(REVIEW_SUFFIX):
                    continue
                if Path(f).suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(Path(root) / f)
        yield from (str(f) for f in sorted(found))
