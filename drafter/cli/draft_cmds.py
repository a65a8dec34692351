"""`drafter outline`, `drafter renumber`, `drafter import`: working on a draft's structure."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the three draft commands."""
    p = subparsers.add_parser(
        "outline",
        help="显示文稿的层次结构、字数、占位符和讲话时长",
        description="显示文稿的标题层次（一、（一）1.（1）），每一部分的字数和未填写的占位符数，以及按语速估算的讲话时长。",
        epilog="例：drafter outline 讲话稿.txt --rate 200\n语速也可在配置文件中设置：[speech] rate = 200",
    )
    p.add_argument("file", metavar="FILE", help="文稿（.txt、.md 或 .docx）")
    p.add_argument("--rate", type=int, metavar="N", help="语速，每分钟字数（默认 220，或配置文件中的 speech.rate）")
    p.add_argument("--format", choices=("human", "json"), default="human", help="输出格式")
    p.add_argument("--config", action="append", default=[], type=Path, metavar="FILE", help="再加一个配置文件")
    p.set_defaults(run=run_outline)

    r = subparsers.add_parser(
        "renumber",
        help="按顺序重排各级标题序号",
        description="移动或删除段落后，把各级标题序号（一、（一）1.（1））按顺序重新编排，并统一为标准写法"
        "（如 1、改为 1.）。原文件先备份为 .bak，再以原子方式写入。",
        epilog="例：drafter renumber 讲话稿.txt\n"
        "    drafter renumber 讲话稿.txt --check   只报告，不修改（需要修改时退出码为 1）",
    )
    r.add_argument("file", metavar="FILE", help="文稿（.txt）")
    r.add_argument("--check", action="store_true", help="只报告需要修改的序号，不写文件")
    r.set_defaults(run=run_renumber)

    i = subparsers.add_parser(
        "import",
        help="把 Word 文件或旧文本转成文稿（.txt）",
        description="把现有的讲话稿（.docx，或 GBK 等编码的 .txt）转成 drafter 文稿：一段一行，保留标题序号"
        "（包括 Word 自动编号），去掉缩进，UTF-8 编码。页眉、页脚、脚注和文本框不属于讲话正文，不导入。",
        epilog="例：drafter import 去年讲话.docx -o 今年讲话.txt",
    )
    i.add_argument("file", metavar="FILE", help="要导入的 .docx、.txt 或 .md")
    i.add_argument("-o", "--output", type=Path, metavar="OUT", help="输出文稿（默认：同名 .txt；- 表示输出到屏幕）")
    i.add_argument("--force", action="store_true", help="输出文件已存在时覆盖（原文件备份为 .bak）")
    i.set_defaults(run=run_import)


def _read_draft(name: str):  # type: ignore[no-untyped-def]
    from drafter.draft import parse_draft
    from drafter.readers import read_path

    doc = read_path(name)
    return doc, parse_draft(doc.text)


def display_width(text: str) -> int:
    """Columns a terminal gives `text` (Hanzi and full-width punctuation take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1 and used + w > width:
            break
        out.append(ch)
        used += w
    if "".join(out) != text:
        while out and used + 1 > width:
            used -= display_width(out.pop())
        out.append("…")
        used += 1
    return "".join(out) + " " * max(0, width - used)


def run_outline(args: argparse.Namespace) -> int:
    from drafter.draft.outline import count_chars, outline, speaking_time
    from drafter.services.checking import check_text, load_settings, make_engine

    config = load_settings(args.config).config
    rate = args.rate or config.speech_rate
    if rate <= 0:
        raise_usage("--rate 应是正整数")
    from drafter.draft import parse_draft
    from drafter.readers import read_path

    doc = read_path(args.file)
    engine = make_engine(config, only=["placeholder"])
    blanks = [f.line for f in check_text(engine, doc.path, doc.text.lstrip("\ufeff"))]
    # Sections and 字数 count the speech; a Word file's footer or footnote is not read aloud (its
    # blanks still count among those left to fill).
    draft = parse_draft(doc.spoken_text())
    rows = outline(draft, [line for line in blanks if line <= len(draft.lines)])
    total_chars = count_chars(draft.text())
    if args.format == "json":
        json.dump(
            {
                "path": doc.path,
                "chars": total_chars,
                "blanks": len(blanks),
                "rate": rate,
                "minutes": round(total_chars / rate, 2),
                "sections": [r.to_json() for r in rows],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    width = 56
    print(f"{_fit('结构', width)} {'字数':>6} {'占位符':>5}")

    def show(row, depth: int) -> None:  # type: ignore[no-untyped-def]
        label = "  " * depth + row.label
        blanks_text = str(row.blanks) if row.blanks else "-"
        print(f"{_fit(label, width)} {row.chars:>8,} {blanks_text:>7}")
        for child in row.children:
            show(child, depth + 1)

    for row in rows:
        show(row, max(row.level - 1, 0))
    print(
        f"合计 {total_chars:,} 字，未填写的占位符 {len(blanks)} 处；"
        f"按每分钟 {rate} 字，讲话{speaking_time(total_chars, rate)}"
    )
    return 0


def raise_usage(message: str) -> None:
    from drafter.errors import DrafterError

    raise DrafterError(message)


def run_renumber(args: argparse.Namespace) -> int:
    from drafter.draft.edit import renumber
    from drafter.errors import DrafterError
    from drafter.fileio import backup_path, write_draft_text
    from drafter.readers import DOCX_SUFFIXES

    path = Path(args.file)
    if path.suffix.lower() in DOCX_SUFFIXES:
        raise DrafterError(f"{path}: renumber 只修改文本文稿；请先用 drafter import 把 .docx 转成 .txt")
    doc, draft = _read_draft(args.file)
    new, changes = renumber(draft)
    if not changes:
        print(f"{path}: 标题序号已经连续、规范，无需修改")
        return 0
    for c in changes:
        print(f"{path}:{c.line}: {c.old} → {c.new}  {c.title}")
    if args.check:
        print(f"需要修改 {len(changes)} 处标题序号（去掉 --check 即可修改）")
        return 1
    written = write_draft_text(path, new.text(), encoding=doc.encoding, newline=doc.newline, expect=doc.stamp)
    note = f"，原文件已备份为 {backup_path(path).name}" if doc.encoding else ""
    if written.note:
        note += f"（{written.note}）"
    print(f"已修改 {len(changes)} 处标题序号{note}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from drafter.draft.importer import import_document
    from drafter.errors import DrafterError
    from drafter.fileio import atomic_write_bytes, stamp

    source = Path(args.file)
    if not source.exists():
        raise DrafterError(f"{source}: 文件不存在")
    text = import_document(source)
    if not text.strip():
        raise DrafterError(f"{source}: 没有可导入的正文")
    if args.output is not None and str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    target = args.output or source.with_suffix(".txt")
    if target.resolve() == source.resolve():
        raise DrafterError(f"{target}: 输出会覆盖输入文件，请用 -o 指定另一个文件名")
    before = stamp(target)
    if before is not None and not args.force:
        raise DrafterError(f"{target}: 文件已存在；要覆盖请加 --force（原文件会备份为 .bak）")
    atomic_write_bytes(target, text.encode("utf-8"), expect=before)
    from drafter.draft import parse_draft

    draft = parse_draft(text)
    headings = sum(1 for _ in draft.walk())
    print(f"已导入到 {target}：{len(draft.lines)} 行，{headings} 个标题")
    return 0
