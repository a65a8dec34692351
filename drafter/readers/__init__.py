"""Turning what the writer names (files, folders, `-`) into Documents.

One reader for every check: rules never open files, so adding a rule never touches input handling.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from drafter.document import Document
from drafter.errors import InputError
from drafter.textio import decode_text

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}
LEGACY_SUFFIXES = {".doc", ".wps", ".dot", ".wpt"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | DOCX_SUFFIXES
STDIN = "-"
MAX_BYTES = 256 * 1024 * 1024


def read_bytes(data: bytes, path: str, suffix: str = "") -> Document:
    """Build a Document from raw bytes; the suffix picks the format, content breaks ties."""
    suffix = suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        raise InputError(path, "旧版 Word/WPS 格式无法读取：请在 Word 或 WPS 中另存为 .docx 后再试")
    if suffix in DOCX_SUFFIXES or (suffix not in TEXT_SUFFIXES | MARKDOWN_SUFFIXES and data.startswith(b"PK\x03\x04")):
        from drafter.readers.docx import read_docx

        return read_docx(data, path)
    text, encoding = decode_text(data, path)
    fmt = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    return Document(path=path, format=fmt, text=text, encoding=encoding)


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read one file (or standard input for `-`)."""
    name = os.fspath(path)
    if name == STDIN:
        return read_bytes(sys.stdin.buffer.read(), "<stdin>")
    p = Path(name)
    if p.is_dir():
        raise InputError(name, "这是一个文件夹，不是文件")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(name, f"文件过大（{size // 2**20} MB），不像是一篇讲话稿")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except PermissionError:
        raise InputError(name, "没有读取权限") from None
    except OSError as exc:
        raise InputError(name, f"无法读取（{exc.strerror or exc}）") from None
    return read_bytes(data, name, p.suffix)


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Yield the files to check: files as given, folders searched (sorted, recursively) for
    .txt/.md/.docx, skipping hidden folders and Word's `~$` lock files."""
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
                if f.startswith(("~$", ".")):
                    continue
                if Path(f).suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(Path(root) / f)
        yield from (str(f) for f in sorted(found))
