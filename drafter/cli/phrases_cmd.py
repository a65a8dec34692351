"""`drafter phrases …`: search, show, list and lint the phrase bank from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

HELP = "查找、查看、列出和检查词库（规范表述与常用语句）"
DESCRIPTION = """\
词库由多层 YAML 文件组成，后一层按编号覆盖前一层（disabled: true 可隐藏条目）：
  内置词库 < 用户词库（%(user)s） < 团队词库（环境变量 DRAFTER_BANK_PATH，多个文件夹用 %(sep)s 分隔） < --bank 文件夹

查找支持汉字、全拼（liangge、liang ge que li）、首字母（lgql）、混合（两个ql），也容忍错字（两个确力）。"""

EPILOG = """\
例：
  drafter phrases search 两个确立
  drafter phrases search lgql --limit 5
  drafter phrases search 安全 --category 安全生产 --role measure
  drafter phrases show formula.four-consciousnesses
  drafter phrases list --category 规范表述 --format json
  drafter phrases lint 团队词库/"""


def register(subparsers: Any) -> None:
    """Add `phrases` and its sub-commands."""
    import os

    from drafter.services.bank import user_bank_folder as user_bank_dir

    p = subparsers.add_parser(
        "phrases",
        help=HELP,
        description=DESCRIPTION % {"user": user_bank_dir(), "sep": os.pathsep},
        epilog=EPILOG,
    )
    sub = p.add_subparsers(dest="phrases_command", title="子命令", metavar="<子命令>")
    p.set_defaults(run=lambda args: _no_sub(p))

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("--bank", action="append", default=[], metavar="DIR", help="再加一个词库文件夹（最后一层）")

    s = sub.add_parser(
        "search",
        help="查找条目（汉字、拼音、首字母）",
        description="按汉字、全拼、首字母或混合输入查找条目，容忍一个错字。",
    )
    s.add_argument("query", metavar="QUERY", help="查找内容")
    s.add_argument("--category", metavar="C", help="只在此类别中查找")
    s.add_argument("--tag", action="append", default=[], metavar="T", help="只查找带此标签的条目（可重复）")
    s.add_argument("--role", metavar="R", help="只查找用于讲话此部分的条目（opening、measure……）")
    s.add_argument("--genre", metavar="G", help="只查找适用于此文种的条目（review-speech……）")
    s.add_argument("--limit", type=int, default=20, metavar="N", help="最多显示 N 条（默认 20）")
    s.add_argument("--format", choices=("human", "json"), default="human", help="输出格式")
    common(s)
    s.set_defaults(run=run_search)

    show = sub.add_parser(
        "show",
        help="显示一个条目的全部内容",
        description="显示条目的全文、类别、要素、搭配、常见错误、起止年份、偏差的严重程度和说明。",
    )
    show.add_argument("id", metavar="ID", help="条目编号")
    show.add_argument("--format", choices=("human", "json"), default="human", help="输出格式")
    common(show)
    show.set_defaults(run=run_show)

    lst = sub.add_parser("list", help="列出条目", description="按词库顺序列出条目，可按类别、角色、文种筛选。")
    lst.add_argument("--category", metavar="C", help="只列出此类别")
    lst.add_argument("--role", metavar="R", help="只列出此角色")
    lst.add_argument("--genre", metavar="G", help="只列出适用于此文种的条目")
    lst.add_argument("--categories", action="store_true", help="只列出类别及条目数")
    lst.add_argument("--format", choices=("human", "json"), default="human", help="输出格式")
    common(lst)
    lst.set_defaults(run=run_list)

    lint = sub.add_parser(
        "lint",
        help="检查词库文件的格式",
        description="检查词库文件夹（默认：所有层）中的每个文件，报告全部问题；有问题时退出码为 2。",
    )
    lint.add_argument("dirs", nargs="*", metavar="DIR", help="要检查的文件夹或文件（默认：所有层）")
    lint.set_defaults(run=run_lint)


def _no_sub(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from drafter.services.bank import load_bank

    loaded = load_bank(*args.bank)
    for note in loaded.notes:
        print(f"drafter: {note}", file=sys.stderr)
    return loaded.bank


def _colour() -> bool:
    from drafter.report import use_colour

    return use_colour("auto", sys.stdout)


def _mark(text: str, spans: list[tuple[int, int]], colour: bool) -> str:
    if not colour or not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(f"\x1b[1;33m{text[start:end]}\x1b[0m")
        last = end
    out.append(text[last:])
    return "".join(out)


def run_search(args: argparse.Namespace) -> int:
    if not args.query.split():  # "" would list the whole bank at score 0, as if it matched
        from drafter.errors import DrafterError

        raise DrafterError("查找内容为空：请给出要查找的词语（汉字、全拼或首字母）")
    bank = _load(args)
    hits = bank.search(
        args.query,
        limit=args.limit,
        category=args.category,
        tags=args.tag or None,
        role=args.role,
        genre=args.genre,
    )
    if args.format == "json":
        rows = [
            {**h.entry.to_json(), "score": h.score, "match": h.how, "spans": [list(s) for s in h.spans]} for h in hits
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not hits:
        print(f"没有找到与“{args.query}”相符的条目")
        return 0
    colour = _colour()
    for h in hits:
        e = h.entry
        label = "/".join(x for x in (e.category, e.role) if x)
        print(f"{h.score:5.1f}  {e.id}  [{label}]")
        print(f"       {_mark(e.text, h.spans, colour)}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from drafter.errors import DrafterError

    bank = _load(args)
    entry = bank.get(args.id)
    if entry is None:
        import difflib

        close = difflib.get_close_matches(args.id, [e.id for e in bank], n=3, cutoff=0.6)
        hint = f"（相近的编号：{'、'.join(close)}）" if close else ""
        raise DrafterError(f"词库中没有编号为 '{args.id}' 的条目{hint}")
    if args.format == "json":
        json.dump(entry.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(entry.text)
    print()
    rows = [
        ("编号", entry.id),
        ("类别", entry.category),
        ("类型", entry.kind),
        ("角色", entry.role or ""),
        ("文种", "、".join(entry.genres)),
        ("标签", "、".join(entry.tags)),
        ("要素（按顺序）", "、".join(entry.items)),
        ("搭配", entry.collocation or ""),
        ("常见错误", "；".join(entry.misquotes)),
        ("起用年份", str(entry.since or "")),
        ("截止年份", f"{entry.until}（此后不应写成正在进行）" if entry.until else ""),
        ("偏差的严重程度", _severity_text(entry)),
        ("说明", entry.note or ""),
        ("来源", f"{entry.source}:{entry.line}"),
    ]
    for label, value in rows:
        if value:
            print(f"{label}：{value}")
    return 0


def _severity_text(entry: Any) -> str:
    """How sure a deviation from the entry is, in the writer's words (错误 unless the entry says)."""
    from drafter.checks.model import Severity

    parts = []
    for form, level in entry.severity:
        label = Severity(level).label
        parts.append(f"{form}：{label}" if form else f"全部偏差：{label}")
    return "；".join(parts)


def run_list(args: argparse.Namespace) -> int:
    bank = _load(args)
    entries = bank.filter(category=args.category, role=args.role, genre=args.genre)
    if args.categories:
        from collections import Counter

        counts = Counter(e.category for e in entries)
        if args.format == "json":
            json.dump([{"category": c, "count": n} for c, n in counts.items()], sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            for category, n in counts.items():
                print(f"{category}\t{n}")
        return 0
    if args.format == "json":
        json.dump([{**e.to_json(), "score": None} for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for e in entries:
        print(f"{e.id}\t{e.category}\t{e.text}")
    return 0


def run_lint(args: argparse.Namespace) -> int:
    from drafter.services.bank import lint_bank

    problems, files, entries = lint_bank(args.dirs)
    for problem in problems:
        print(f"drafter: {problem}", file=sys.stderr)
    summary = f"检查了 {files} 个词库文件、{entries} 个条目"
    if problems:
        print(f"发现 {len(problems)} 处问题：{summary}")
        return 2
    print(f"未发现问题：{summary}")
    return 0
