"""The file side of working in a .docx: read it, change it, write it back safely (or to `-o`).

The original is never overwritten with a change it did not read: its stamp (size, time, content
hash) is taken before it is read, and the write is refused if the file no longer matches it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter.checks.engine import CheckEngine
from drafter.docxedit.inplace import EditResult, fill_docx, fix_docx
from drafter.errors import DrafterError, InputError, os_reason
from drafter.textio import decode_text


def read_values(path: Path) -> list[str | None]:
    """One value a line (UTF-8 or GB18030); an empty line leaves its blank as it is."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"无法读取（{os_reason(exc)}）") from None
    text, _ = decode_text(data, str(path))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.strip() or None for line in lines]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "文件不存在") from None
    except OSError as exc:
        raise InputError(str(path), f"无法读取（{os_reason(exc)}）") from None


def _change_file(path: Path, output: Path | None, change: Callable[[bytes], EditResult]) -> EditResult:
    from drafter.fileio import atomic_write_bytes, stamp

    target = output or path
    before = stamp(target)  # what is there now may be replaced; a change made since is not overwritten
    data = _read(path)
    result = change(data)
    if not result.applied and output is None:
        return result
    atomic_write_bytes(target, result.data, backup=before is not None, expect=before)
    return result


def fill_file(path: Path, engine: CheckEngine, values: list[str | None], output: Path | None = None) -> EditResult:
    """Fill the blanks of a .docx in place (keeping `.bak`) or into `output`."""
    return _change_file(
        path, output, lambda data: _check_count(path, fill_docx(data, str(path), engine, values), values)
    )


def _check_count(path: Path, result: EditResult, values: list[str | None]) -> EditResult:
    total = len(result.applied) + len(result.left)
    if len(values) > total:
        raise DrafterError(f"{path}: 给了 {len(values)} 个值，但文件中只有 {total} 处待填，没有写入（请核对值文件）")
    return result


def fix_file(path: Path, engine: CheckEngine, output: Path | None = None, *, revisions: bool = False) -> EditResult:
    """Apply the sure fixes inside a .docx (as tracked changes with `revisions`)."""
    return _change_file(path, output, lambda data: fix_docx(data, str(path), engine, revisions=revisions))
