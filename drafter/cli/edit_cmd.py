"""`drafter edit FILE`: open a draft in the full-screen editor."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "edit",
        help="在全屏编辑界面中编辑文稿",
        description="打开全屏编辑界面：左边是文稿结构，中间是正文，右边是词库；"
        "F3 跳到下一处待填，Ctrl+S 保存，Ctrl+E 导出。",
        epilog="例：drafter edit 讲话稿.txt\n    drafter edit 去年讲话.docx   （先导入为同名 .txt 文稿）",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="文稿（不存在时会新建一个空文稿）")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from drafter.errors import DrafterError
    from drafter.fileio import atomic_write_utf8

    path: Path = args.file
    if path.is_dir():
        raise DrafterError(f"{path}: 这是一个文件夹，不是文稿")
    if not path.exists():
        atomic_write_utf8(path, "", backup=False)
    from drafter.readers import read_path

    read_path(path)  # unreadable input is one line and exit 2, before the screen opens
    from drafter.tui.app import run as run_tui

    return run_tui(path)
