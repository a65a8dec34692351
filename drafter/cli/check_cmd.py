"""`drafter check PATH...`: report unfilled blanks (and, as rule families arrive, the rest)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HELP = "检查未填写的占位符、引错的规范表述、数目与序号、标点"
DESCRIPTION = """\
检查 .txt、.md、.docx 文稿（或文件夹中的所有这类文件；用 - 表示标准输入），
报告每一个未填写的占位符：**、＊＊、XX/XXX、××、某某、○○/〇〇、□□、___、
未渲染的 {{ … }} / {% … %}、【请填写…】，以及本单位在配置文件中约定的写法。

.docx 会读全文：正文、表格（含嵌套表格）、页眉、页脚、脚注、尾注和文本框；
被 Word 拆成几段（run）或一半加粗的 ** 只算一处。
.md 文件中的 **文字** 是 Markdown 加粗，不算占位符；.txt 中的 ** 一律算。

此外还检查：规范表述的错误写法、并列要素的顺序与缺漏、搭配动词（formulation）；误重复的字词
（repetition）；宣布的数目与条目是否相符、一是二是是否跳号（enumeration）；标题序号（numbering）；
引号括号成对、半角标点、日期写法（punctuation）。--fix 自动改正有把握的问题；--annotate 把问题写成
Word 批注（--revisions 把改正写成修订）。"""

EPILOG = """\
退出码：0 没有“错误”级别的问题；1 有“错误”级别的问题；2 参数错误或有文件无法读取。

配置文件（TOML，后者覆盖前者）：
  用户配置：%(user)s
  项目配置：从当前目录向上找到的第一个 drafter.toml 或 .drafter.toml
  命令行：  --config 文件

例：
  drafter check 讲话稿.docx
  drafter check 稿件/ --format json > 结果.json
  drafter check 讲话稿.txt --disable placeholder.mou
  type 讲话稿.txt | drafter check -"""


def register(subparsers: Any) -> None:
    """Add the `check` subcommand."""
    from drafter.config import user_config_path

    p = subparsers.add_parser(
        "check",
        help=HELP,
        description=DESCRIPTION,
        epilog=EPILOG % {"user": _safe_user_path(user_config_path)},
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="要检查的文件或文件夹；- 表示标准输入")
    p.add_argument("--format", choices=("human", "json"), default="human", help="输出格式（默认 human）")
    p.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="RULE",
        help="只运行这些规则（规则编号或类别，如 placeholder 或 placeholder.x；可重复或用逗号分隔）",
    )
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="不运行这些规则（同上）",
    )
    p.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="同时检查的进程数（默认用上所有 CPU 核；1 表示只用一个）"
    )
    p.add_argument("--list-rules", action="store_true", help="列出所有规则及其默认级别后退出")
    p.add_argument(
        "--annotate",
        action="store_true",
        help="把每个问题写成 Word 批注，另存为“原名.审校.docx”（原文件不变；.txt 文稿先按公文格式导出）",
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="--annotate 或 .docx 的 --fix 的输出文件（只检查一个文件时）"
    )
    p.add_argument(
        "--revisions", action="store_true", help="与 --annotate 同用：有把握的改正写成 Word 修订，可逐条接受或拒绝"
    )
    p.add_argument(
        "--fix",
        action="store_true",
        help="自动改正有把握的问题（错误写法、误重复、日期、半角标点、要素顺序），原文件备份为 .bak；"
        ".docx 在原文件里改（或写到 -o），其余格式不动；加 --revisions 写成修订",
    )
    p.add_argument(
        "--config",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="再加一个配置文件（覆盖用户配置和项目配置）",
    )
    p.add_argument("--year", type=int, metavar="YYYY", help="文稿没有日期行、标题年份时按此年份检查（currency 规则）")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="是否使用颜色（默认 auto）")
    p.set_defaults(run=run)


def _safe_user_path(fn: Any) -> str:
    try:
        return str(fn())
    except Exception:  # platformdirs cannot fail in practice; help must never crash
        return "（用户配置目录）/drafter/config.toml"


def _split(values: list[str]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def run(args: argparse.Namespace) -> int:
    """Check every file; 0 clean, 1 error-level findings, 2 usage error or unreadable input."""
    from drafter.errors import DrafterError, InputError
    from drafter.fileio import ChangedOnDiskError
    from drafter.readers import expand_paths, read_path
    from drafter.report import escape_terminal, summary_line, use_colour, write_human, write_json
    from drafter.services.checking import Severity, load_settings, make_engine, validate_selectors

    config = load_settings(args.config).config
    config.year = args.year or config.year
    only, disable = _split(args.only), _split(args.disable)
    engine = make_engine(config, only, disable, all_families=args.list_rules)
    validate_selectors(config, [*only, *disable, *config.only, *config.disable])
    if args.list_rules:
        return _list_rules(engine)
    if not args.paths:
        print("drafter check: 参数错误：请给出要检查的文件或文件夹（用 - 表示标准输入）", file=sys.stderr)
        return 2
    if (args.output or args.revisions) and not (args.annotate or args.fix):
        raise DrafterError("-o 和 --revisions 要与 --annotate 或 --fix 一起使用")
    if args.annotate and args.fix:
        raise DrafterError("--annotate 与 --fix 不能同时使用（要把改正写成修订，请用 --fix --revisions）")
    # A folder counts as the files in it: one -o for many files would write them all to one place.
    expanded = [(given, list(expand_paths([given]))) for given in args.paths] if (args.annotate or args.fix) else []
    total = sum(len(names) for _, names in expanded)
    if args.fix and args.output and total > 1:
        raise DrafterError("--fix 检查多个文件时不能用 -o")

    human = args.format == "human"
    colour = human and use_colour(args.color, sys.stdout)
    if not (args.annotate or args.fix):
        return _check_all(args, config, only, disable, engine, human, colour)
    counts: Counter[Severity] = Counter()
    collected = []
    files = unreadable = 0
    written: set[Path] = set()  # annotated copies made in this run: a second source never replaces one
    for given, names in expanded:
        if not names:
            print(f"drafter: {given}: 文件夹中没有 .txt、.md 或 .docx 文件", file=sys.stderr)
            unreadable += 1
            continue
        for name in names:
            try:
                doc = read_path(name)
            except InputError as exc:
                print(f"drafter: {escape_terminal(str(exc))}", file=sys.stderr)
                unreadable += 1
                continue
            files += 1
            if human and not doc.text.strip():
                print(f"drafter: {doc.path}: 文件是空的，没有可检查的内容", file=sys.stderr)
            if args.annotate:
                try:
                    findings = _annotate(engine, doc, name, args, total, written)
                except (InputError, ChangedOnDiskError) as exc:  # this file only; the run goes on
                    print(f"drafter: {escape_terminal(str(exc))}", file=sys.stderr)
                    unreadable += 1
                    continue
                counts.update(f.severity for f in findings)
                if human:
                    write_human(findings, sys.stdout, colour)
                else:
                    collected.extend(findings)
                continue
            findings = engine.check(doc)
            if args.fix and findings:
                try:
                    findings = _fix(engine, doc, findings, name, args)
                except (InputError, ChangedOnDiskError) as exc:  # reported, left unfixed, the run goes on
                    print(f"drafter: {escape_terminal(str(exc))}", file=sys.stderr)
                    unreadable += 1
            counts.update(f.severity for f in findings)
            if human:
                write_human(findings, sys.stdout, colour)
            else:
                collected.extend(findings)
    if human:
        print(summary_line(counts, files, unreadable, colour))
    else:
        write_json(collected, sys.stdout)
    sys.stdout.flush()
    if unreadable:
        return 2
    return 1 if counts[Severity.ERROR] else 0


def _check_all(
    args: argparse.Namespace, config: Any, only: list[str], disable: list[str], engine: Any, human: bool, colour: bool
) -> int:
    """Plain checking: every file on every core (drafter.batch), the report streamed in the order
    the files were given, so a folder of thousands keeps memory flat and JSON is one document."""
    from functools import partial

    from drafter.batch import check_big, check_files, default_jobs, engine_for_config
    from drafter.readers import expand_paths
    from drafter.report import JsonWriter, escape_terminal, summary_line, write_human
    from drafter.services.checking import Severity

    counts: Counter[Severity] = Counter()
    files = unreadable = 0
    names: list[str] = []
    for given in args.paths:
        found = list(expand_paths([given]))
        if not found:
            print(f"drafter: {given}: 文件夹中没有 .txt、.md 或 .docx 文件", file=sys.stderr)
            unreadable += 1
        names.extend(found)
    writer = None if human else JsonWriter(sys.stdout)
    factory = partial(engine_for_config, config, only, disable)
    jobs = default_jobs() if args.jobs is None else max(1, args.jobs)
    for group in _groups(names):
        if isinstance(group, str):  # one file that may be big: read here, checked in parts if so
            result = check_big(group, engine, factory, jobs, human, colour)
            if result.error is not None:
                print(f"drafter: {escape_terminal(result.error)}", file=sys.stderr)
                unreadable += 1
                continue
            if result.parts is not None:
                files += 1
                for part in result.parts:
                    counts.update({Severity(k): n for k, n in part.counts.items()})
                    if writer is not None:
                        writer.add_encoded(part.pieces)
                    else:
                        sys.stdout.write("".join(part.pieces))
                continue
            results: Any = [result]
        else:
            results = check_files(group, factory, jobs, engine=engine, report=args.format, colour=colour)
        for result in results:
            if result.error is not None:
                print(f"drafter: {escape_terminal(result.error)}", file=sys.stderr)
                unreadable += 1
                continue
            files += 1
            if human and result.empty:
                print(f"drafter: {escape_terminal(result.name)}: 文件是空的，没有可检查的内容", file=sys.stderr)
            if result.encoded is not None:  # encoded by the worker that checked it
                if result.counts:
                    counts.update({Severity(k): n for k, n in result.counts.items()})
                if writer is not None:
                    writer.add_encoded(result.encoded)
                elif result.encoded:
                    sys.stdout.write("".join(result.encoded))
                continue
            counts.update(f.severity for f in result.findings)
            if writer is not None:
                writer.add(result.findings)
            else:
                write_human(result.findings, sys.stdout, colour)
    if writer is not None:
        writer.close()
    else:
        print(summary_line(counts, files, unreadable, colour))
    sys.stdout.flush()
    if unreadable:
        return 2
    return 1 if counts[Severity.ERROR] else 0


def _groups(names: list[str]) -> list[Any]:
    """The files in order, as runs of small files (checked a file a worker) and, alone, each file
    that may be big enough to be checked in parts (a single file, standard input, or at least
    batch.BIG_BYTES on disk)."""
    import os

    from drafter.batch import BIG_BYTES

    if len(names) == 1:
        return [names[0]]
    groups: list[Any] = []
    run: list[str] = []
    for name in names:
        try:
            big = name == "-" or os.stat(name).st_size >= BIG_BYTES
        except OSError:
            big = False  # reported by the reader, with the others
        if big:
            if run:
                groups.append(run)
                run = []
            groups.append(name)
        else:
            run.append(name)
    if run:
        groups.append(run)
    return groups


def _fix(engine: Any, doc: Any, findings: list[Any], name: str, args: argparse.Namespace) -> list[Any]:
    """Apply the sure fixes to a text draft; returns what is left for the writer."""
    from drafter.errors import DrafterError
    from drafter.fileio import write_draft_text
    from drafter.services.checking import apply_sure_fixes

    if name == "-":
        raise DrafterError("--fix 需要文件，不能用标准输入")
    if doc.format == "docx":
        from drafter.docxedit.files import fix_file

        return _report_docx_fix(fix_file(Path(name), engine, args.output, revisions=args.revisions), name, args)
    if args.revisions:
        raise DrafterError(f"{doc.path}: --revisions 只用于 Word 文件；文本文稿的改正直接写入（保留 .bak）")
    result = apply_sure_fixes(engine, doc, findings)
    if not result.applied:
        return findings
    from drafter.fileio import ANY, stamp

    target = args.output or Path(name)
    expect = doc.stamp if args.output is None else (stamp(target) if target.exists() else None)
    written = write_draft_text(target, result.text, encoding=doc.encoding, newline=doc.newline, expect=expect or ANY)
    for f in result.applied:
        print(f"{f.path}:{f.line}:{f.column}: 已改正 {_shown(f)} [{f.rule}]", file=sys.stderr)
    print(
        f"drafter: {doc.path}: 已自动改正 {len(result.applied)} 处（原文件备份为 {Path(name).name}.bak），"
        f"下面 {len(result.left)} 处需要你来处理",
        file=sys.stderr,
    )
    if written.note:
        print(f"drafter: {doc.path}: {written.note}", file=sys.stderr)
    return result.left


def _shown(f: Any) -> str:
    """`“old” → “new”` as the writer should see it: the invisible characters a fix deletes shown."""
    from drafter.report import escape_terminal

    return f"“{escape_terminal(f.text)}” → “{escape_terminal(f.suggestion or '')}”"


def _report_docx_fix(result: Any, name: str, args: argparse.Namespace) -> list[Any]:
    target = args.output or Path(name)
    how = "修订" if args.revisions else "改正"
    for f in result.applied:
        print(f"{f.path}:{f.line}:{f.column}: 已{how} {_shown(f)} [{f.rule}]", file=sys.stderr)
    if result.applied:
        backup = "" if args.output else f"（原文件备份为 {Path(name).name}.bak）"
        print(
            f"drafter: 已在 {target} 中{how} {len(result.applied)} 处{backup}，下面 {len(result.left)} 处需要你来处理",
            file=sys.stderr,
        )
    return result.left


def _annotate(
    engine: Any, doc: Any, name: str, args: argparse.Namespace, given: int, written: set[Path]
) -> list[Any]:
    """Write the annotated copy of one file; returns its findings (for the report and exit status).
    讲话.docx, 讲话.md and 讲话.txt in one folder would all be 讲话.审校.docx: the first (in sorted order,
    so the Word file) keeps that name and the others are named with their own suffix
    (讲话.md.审校.docx), so no review copy of this run replaces another."""
    from drafter.errors import DrafterError
    from drafter.fileio import atomic_write_bytes, stamp
    from drafter.review.annotate import annotate_docx, default_output

    if name == "-":
        raise DrafterError("--annotate 需要文件，不能用标准输入")
    source = Path(name)
    if args.output is not None and given > 1:
        raise DrafterError("检查多个文件时不能用 -o，批注文件会分别存为“原名.审校.docx”")
    target = args.output or default_output(source)
    if args.output is None and target.resolve() in written:
        target = source.with_name(f"{source.name}.审校.docx")
    if target.resolve() == source.resolve():
        raise DrafterError(f"{target}: 批注文件不能覆盖原文件，请用 -o 换一个文件名")
    before = stamp(target)  # whatever is there now may be replaced, nothing written since
    if doc.format == "docx":
        data = source.read_bytes()
    else:
        from drafter.draft import parse_draft
        from drafter.export.docx_writer import build_docx
        from drafter.export.presets import load_preset

        data = build_docx(parse_draft(doc.text), load_preset("gbt9704"))
    result = annotate_docx(data, str(source), engine, revisions=args.revisions)
    atomic_write_bytes(target, result.data, expect=before)
    written.add(target.resolve())
    revisions = f"、{result.revisions} 处修订" if result.revisions else ""
    print(f"drafter: 已写出 {target}：{result.comments} 条批注{revisions}", file=sys.stderr)
    return result.findings


def _list_rules(engine: Any) -> int:
    for rule in engine.rules():
        state = "" if engine.is_active(rule.id) else "（已停用）"
        fix = "（可自动改正）" if rule.fixable else ""
        print(f"{rule.id:<24} {engine.severity(rule.id).label}  {rule.title}{fix}{state}")
    return 0
