"""What a draft needs beyond its text (the template it came from, the values given) lives in a
sidecar file beside it, `讲话稿.drafter.json`, so the draft stays the speech's own text: readable in
any editor, printable as it is, and never carrying markup the leader could see."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from drafter.errors import DataFileError
from drafter.fileio import atomic_write_utf8

SUFFIX = ".drafter.json"


def sidecar_path(draft: Path) -> Path:
    """`讲话稿.txt` → `讲话稿.drafter.json`."""
    return draft.with_name(draft.stem + SUFFIX)


def read_sidecar(draft: Path) -> dict[str, Any]:
    """The draft's metadata, or {} when it has none."""
    path = sidecar_path(draft)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise DataFileError(str(path), f"草稿信息文件已损坏（{exc.__class__.__name__}）", line) from None
    return data if isinstance(data, dict) else {}


def write_sidecar(draft: Path, data: dict[str, Any]) -> None:
    atomic_write_utf8(sidecar_path(draft), json.dumps(data, ensure_ascii=False, indent=2) + "\n", backup=False)
