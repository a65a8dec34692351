"""`drafter fill 讲话稿.docx`: fill the blanks inside the Word file itself, nothing else changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "fill",
        help="在 Word 文件里逐处填写占位符（**、XX、某某……），其余格式一字不动",
        description="按 drafter check --only placeholder 列出的顺序逐处填写 .docx 中的占位符：正文、表格、"
        "文本框、页眉、页脚、脚注。填入的值沿用占位符第一个字的格式，drafter 加的黄色突出显示随之去掉；"
        "原文件备份为 .bak。在终端中不带 --values 时打开填写界面。",
        epilog="例：drafter fill 讲话稿.docx\n"
        "    drafter fill 讲话稿.docx --values 值.txt -o 讲话稿-已填.docx\n"
        "值.txt 每行一个值，顺序与 drafter check 讲话稿.docx --only placeholder 列出的一致；空行表示这一处先不填。",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="要填写的 .docx")
    p.add_argument("--values", type=Path, metavar="VALUES", help="值文件：每行一个值，空行跳过")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="另存为（默认改写原文件，保留 .bak）")
    p.add_argument("--config", action="append", default=[], type=Path, metavar="FILE", help="再加一个配置文件")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from drafter.docxedit.files import fill_file, read_values
    from drafter.errors import DrafterError
    from drafter.readers import DOCX_SUFFIXES
    from drafter.services.checking import load_settings, make_engine

    path: Path = args.file
    if path.suffix.lower() not in DOCX_SUFFIXES:
        raise DrafterError(f"{path}: drafter fill 填写 Word 文件（.docx）；文本文稿请用 drafter edit")
    engine = make_engine(load_settings(args.config).config, ["placeholder"], [])
    if args.values is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise DrafterError("没有终端可以显示填写界面：请用 --values 值文件 给出要填的值")
        from drafter.tui.fill import run_fill

        return run_fill(path, engine, args.output)
    result = fill_file(path, engine, read_values(args.values), args.output)
    target = args.output or path
    backup = "" if args.output else f"（原文件备份为 {path.name}.bak）"
    if result.applied:
        print(f"drafter: 已填写 {len(result.applied)} 处，写入 {target}{backup}", file=sys.stderr)
    else:
        print("drafter: 没有填写任何一处，文件未改动", file=sys.stderr)
    if result.left:
        print(f"drafter: 还有 {len(result.left)} 处待填", file=sys.stderr)
        for f in result.left:
            where = f"（{f.cell or f.location}）" if f.location or f.cell else ""
            print(
                f"{f.path}:{f.line}:{f.column}: {f.text} {where}{f.before[-6:]}▶{f.text}◀{f.after[:6]}", file=sys.stderr
            )
    return 1 if result.left else 0
