"""Writing files so that nothing is ever lost: temp file in the same folder, fsync, rename over
the target, and a backup of what was replaced. A crash mid-write leaves the old file intact."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from drafter.errors import DrafterError

BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept: `讲话稿.txt` → `讲话稿.txt.bak`."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Replace `path` with `data` atomically; keep the old content in `path.bak` if asked."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise DrafterError(f"{path}: 文件夹不存在")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise DrafterError(f"{path}: 无法写入（{exc.strerror or exc}）") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            shutil.copy2(path, backup_path(path))
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DrafterError(f"{path}: 无法写入（{exc.strerror or exc}）") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_utf8(path: Path, text: str, *, backup: bool = True) -> None:
    """Write UTF-8 text atomically (drafts are always UTF-8, whatever they were read as)."""
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
