"""`drafter archive …`: the unit's own archive of past documents (add, search, similar, info)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

HELP = "本单位往年材料资料库：收录、查找、比对（add、search、similar）"
DESCRIPTION = """\
把往年的讲话稿、述职报告、总结（.docx、.txt、.md）收进本机的资料库，按段落查找，
并比对一篇新稿与往年材料的重复程度。资料库不出本机（或本单位的服务器）。

资料库的位置（前者优先）：--archive、环境变量 DRAFTER_ARCHIVE、drafter.toml 中的
[archive] url（团队共享的 .sqlite 文件，或 postgresql://… 服务器；readonly = true 表示只读），
否则为用户数据文件夹中的 %(default)s。"""

EPILOG = """\
例：
  drafter archive add 往年材料/
  drafter archive search 隐患排查 --year 2021-2024 --role measure
  drafter archive search yhpc --format json
  drafter archive similar 讲话稿.txt
  drafter archive info"""

_YEARS = re.compile(r"^\s*(\d{4})?\s*(?:([-–~至])\s*(\d{4})?)?\s*$")


def register(subparsers: Any) -> None:
    """Add `archive` and its sub-commands."""
    p = subparsers.add_parser("archive", help=HELP, description=DESCRIPTION % {"default": _default()}, epilog=EPILOG)
    sub = p.add_subparsers(dest="archive_command", title="子命令", metavar="<子命令>")
    p.set_defaults(run=lambda args: _no_sub(p))

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("--archive", metavar="LOC", help="资料库：.sqlite 文件或 postgresql://… 地址")
        q.add_argument("--config", action="append", default=[], type=Path, metavar="FILE", help="再加一个配置文件")

    a = sub.add_parser(
        "add",
        help="收录文件夹中的往年材料（只读有改动的文件）",
        description="读入 PATH 下所有 .docx、.txt、.md，按段落收录，记下出处（文件、标题、年份、文种、所在标题）。"
        "再次运行只读有改动的文件，已删除的文件从资料库中去掉；重复的段落只存一份并记下所有出处。"
        "读不了的文件列出并跳过；中途中断时资料库保持原样。",
    )
    a.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
    common(a)
    a.set_defaults(run=run_add)

    s = sub.add_parser(
        "search",
        help="查找往年段落（汉字、拼音、首字母，容忍错字）",
        description="按汉字、全拼、首字母或混合输入查找往年段落，容忍一个错字；排序与词库相同。",
    )
    s.add_argument("query", metavar="QUERY", help="查找内容")
    s.add_argument("--year", metavar="YEARS", help="年份或范围：2023、2021-2024、2021-、-2022")
    s.add_argument("--genre", metavar="G", help="文种（review-speech、duty-report……，与模板相同）")
    s.add_argument("--role", metavar="R", help="段落作用（achievement、problem、measure……，与词库相同）")
    s.add_argument("--limit", type=int, default=10, metavar="N", help="最多显示 N 条（默认 10）")
    s.add_argument("--mask", action="store_true", help="把段落中的数字、日期、人名、单位名换成 **（便于套用）")
    s.add_argument("--format", choices=("human", "json"), default="human", help="输出格式")
    common(s)
    s.set_defaults(run=run_search)

    m = sub.add_parser(
        "similar",
        help="比对文稿与往年材料：每段最相近的往年段落和相似度",
        description="逐段找出文稿与资料库中最相近的往年段落，并汇总本稿有多少内容重复了哪些往年材料。",
    )
    m.add_argument("draft", metavar="DRAFT", help="要比对的文稿（.txt、.md、.docx）")
    m.add_argument("--threshold", type=float, default=0.8, metavar="X", help="算作重复的相似度（0–1，默认 0.8）")
    m.add_argument("--format", choices=("human", "json"), default="human", help="输出格式")
    common(m)
    m.set_defaults(run=run_similar)

    i = sub.add_parser("info", help="资料库的位置和规模", description="显示资料库的位置、文档数和段落数。")
    common(i)
    i.set_defaults(run=run_info)


def _default() -> str:
    try:
        from drafter.archive.locate import default_path

        return str(default_path())
    except Exception:  # help must never crash
        return "（用户数据文件夹）/drafter/archive/archive.sqlite"


def _no_sub(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _open(args: argparse.Namespace, create: bool = False) -> Any:
    from drafter.archive import open_archive
    from drafter.config import load_config

    return open_archive(args.archive, config=load_config(args.config), create=create)


def parse_years(text: str | None) -> tuple[int | None, int | None]:
    """`2021-2024` → (2021, 2024); `2023` → (2023, 2023); `2021-` → (2021, None)."""
    from drafter.errors import DrafterError

    if not text:
        return None, None
    m = _YEARS.match(text)
    if m is None or not (m.group(1) or m.group(3)):
        raise DrafterError(f"--year {text}: 应是年份或范围，如 2023、2021-2024、2021-")
    first = int(m.group(1)) if m.group(1) else None
    last = int(m.group(3)) if m.group(3) else None
    if not m.group(2):
        last = first
    if first and last and first > last:
        raise DrafterError(f"--year {text}: 起始年份晚于结束年份")
    return first, last


class _Bar:
    """A progress bar on the terminal (stderr); nothing when stderr is not a terminal."""

    def __init__(self) -> None:
        self.on = sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.on or total == 0:
            return
        width = 30
        filled = width * done // total
        percent = 100 * done // total
        if percent == self.last and name:
            return
        self.last = percent
        label = Path(name).name[:30] if name else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {done}/{total} {label:<30}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def run_add(args: argparse.Namespace) -> int:
    from drafter.errors import DrafterError

    for name in args.paths:
        if not Path(name).exists():
            raise DrafterError(f"{name}: 文件或文件夹不存在")
    with _open(args, create=True) as archive:
        report = archive.add(args.paths, progress=_Bar())
        documents, passages, _sources = archive.counts()
    for path, reason in report.failed:
        print(f"drafter: {path}: {reason}（已跳过）", file=sys.stderr)
    duplicates = report.paragraphs - report.new_passages
    parts = [f"收录 {report.added} 个文件（{report.paragraphs} 段，其中 {duplicates} 段与已有段落重复，只记出处）"]
    if report.unchanged:
        parts.append(f"{report.unchanged} 个未改动")
    if report.removed:
        parts.append(f"{report.removed} 个已删除的文件移出")
    if report.failed:
        parts.append(f"{len(report.failed)} 个无法读取")
    print("；".join(parts) + f"。资料库现有 {documents} 个文件、{passages} 段。")
    return 2 if report.failed else 0


def _excerpt(text: str, spans: list[tuple[int, int]], width: int = 90) -> str:
    if len(text) <= width:
        return text
    start = max(0, (spans[0][0] if spans else 0) - 20)
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def run_search(args: argparse.Namespace) -> int:
    from drafter.archive import mask_facts
    from drafter.bank.model import ROLES
    from drafter.errors import DrafterError

    if not args.query.split():  # "" or only spaces: every passage would match, or none
        raise DrafterError("查找内容为空：请给出要查找的词语（汉字、全拼或首字母）")
    year_from, year_to = parse_years(args.year)
    if args.role and args.role not in ROLES:
        raise DrafterError(f"--role {args.role}: 没有这种段落作用（可用：{'、'.join(ROLES)}）")
    if args.genre:
        from drafter.archive.rules import load_rules

        rules = load_rules()
        genres = list(dict.fromkeys([g for g, _ in rules.genres] + [g for _, g in rules.structure_genres]))
        if args.genre not in genres:
            raise DrafterError(f"--genre {args.genre}: 没有这种文种（可用：{'、'.join(genres)}）")
    with _open(args) as archive:
        hits = archive.search(
            args.query, args.limit, year_from=year_from, year_to=year_to, genre=args.genre, role=args.role
        )
    if args.mask:
        for hit in hits:
            hit.text = mask_facts(hit.text)
            hit.spans = []
    if args.format == "json":
        json.dump([h.to_json() for h in hits], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not hits:
        print(f"资料库中没有找到“{args.query}”")
        return 1
    for hit in hits:
        first = hit.sources[0] if hit.sources else None
        where = f"{first.label()} 第 {first.line} 行" if first else "（出处已删除）"
        more = f"（另有 {hit.source_count - 1} 处）" if hit.source_count > 1 else ""
        print(f"[{hit.score:5.1f}] {where}{more}")
        print(f"        {_excerpt(hit.text, hit.spans)}")
    return 0


def run_similar(args: argparse.Namespace) -> int:
    from drafter.errors import DrafterError
    from drafter.readers import read_path

    if not 0.0 < args.threshold <= 1.0:
        raise DrafterError(f"--threshold {args.threshold}: 应在 0 和 1 之间，如 0.8")
    doc = read_path(args.draft)
    with _open(args) as archive:
        result = archive.similar(doc.text, args.threshold)
    if args.format == "json":
        out = {
            "share": round(result.share, 4),
            "threshold": result.threshold,
            "paragraphs": [
                {
                    "line": m.line,
                    "similarity": round(m.similarity, 4),
                    "past": m.hit.to_json() if m.hit else None,
                }
                for m in result.matches
            ],
            "documents": [
                {"source": ref.to_json(), "paragraphs": n, "characters": chars} for ref, n, chars in result.by_document
            ],
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for m in result.matches:
        if m.hit is None:
            print(f"{doc.path}:{m.line}: 没有相近的往年段落")
            continue
        first = m.hit.sources[0] if m.hit.sources else None
        where = f"{first.label()} 第 {first.line} 行" if first else ""
        mark = "重复" if m.similarity >= result.threshold else "相近"
        print(f"{doc.path}:{m.line}: {mark} {m.similarity:.0%}  {where}")
        print(f"        {_excerpt(m.hit.text, [])}")
    print(
        f"\n本稿 {result.total_chars} 字中有 {result.repeated_chars} 字（{result.share:.0%}）"
        f"与往年材料相似度在 {result.threshold:.0%} 以上。"
    )
    for ref, paragraphs, chars in result.by_document:
        print(f"  {ref.year or '    '} {ref.title}：{paragraphs} 段，{chars} 字（{ref.path}）")
    return 0


def run_info(args: argparse.Namespace) -> int:
    with _open(args) as archive:
        documents, passages, sources = archive.counts()
        location = archive.backend.location
        kind = archive.backend.kind
    print(f"资料库：{location}（{kind}）")
    print(f"{documents} 个文件，{passages} 段不重复的段落，{sources} 处出处")
    return 0
