"""`drafter edit FILE`: open a draft in the full-screen editor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from drafter.tui.actions import keys_help

    p = subparsers.add_parser(
        "edit",
        help="在全屏编辑界面中编辑文稿",
        description="打开全屏编辑界面：左边是文稿结构，中间是正文，右边是词库；"
        "F3 跳到下一处待填，Ctrl+S 保存，Ctrl+E 导出，Ctrl+P 列出所有命令。",
        epilog="例：drafter edit 讲话稿.txt\n"
        "    drafter edit 讲话稿.docx   （直接改 Word 文件：保存时只改动改过的字，其余格式不动；"
        "要转成文稿请用 drafter import）\n\n"
        + keys_help(),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="文稿（不存在时会先问是否新建，第一次保存时才创建）")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from drafter.errors import DrafterError

    path: Path = args.file
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise DrafterError("drafter edit 需要在终端中运行（现在没有终端）；要检查文稿请用 drafter check")
    if path.is_dir():
        raise DrafterError(f"{path}: 这是一个文件夹，不是文稿")
    if path.exists():
        from drafter.readers import read_path

        read_path(path)  # unreadable input is one line and exit 2, before the screen opens
    from drafter.tui.app import run as run_tui

    return run_tui(path)
