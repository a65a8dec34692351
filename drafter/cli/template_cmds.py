"""`drafter templates list|show` and `drafter new TEMPLATE`: starting a draft from a genre."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add `templates` and `new`."""
    t = subparsers.add_parser(
        "templates",
        help="列出和查看文种模板",
        description="文种模板分层加载：内置 < 用户模板（用户数据目录下的 templates/） < 团队模板（环境变量"
        " DRAFTER_TEMPLATE_PATH） < --templates 文件夹；后者按编号覆盖前者。",
    )
    sub = t.add_subparsers(dest="templates_command", title="子命令", metavar="<子命令>")
    t.set_defaults(run=lambda args: _help(t))
    lst = sub.add_parser("list", help="列出所有模板", description="列出所有模板的编号、名称和说明。")
    lst.add_argument("--format", choices=("human", "json"), default="human", help="输出格式")
    lst.add_argument("--templates", action="append", default=[], metavar="DIR", help="再加一个模板文件夹")
    lst.set_defaults(run=run_list)
    show = sub.add_parser(
        "show", help="查看一个模板的变量和结构", description="显示模板的说明、变量（含默认值）和结构。"
    )
    show.add_argument("id", metavar="ID", help="模板编号（见 drafter templates list）")
    show.add_argument("--format", choices=("human", "json"), default="human", help="输出格式")
    show.add_argument("--templates", action="append", default=[], metavar="DIR", help="再加一个模板文件夹")
    show.set_defaults(run=run_show)

    n = subparsers.add_parser(
        "new",
        help="用文种模板新建文稿",
        description="用模板生成一篇完整的文稿骨架。在终端中会逐项询问每一个未给出的变量，方括号里是默认值"
        "（直接回车则使用默认值，没有默认值的必填项留下 ** 待填）；"
        "加 --allow-missing 或不在终端中运行时，缺少的变量一律留下 **，之后可用 drafter check 找出。",
        epilog="例：drafter new review-speech --set unit=长江能源集团 --set year=2024 -o 述职评议会讲话.txt\n"
        "    drafter new review-speech --set 'measures=加强政治建设|抓好问题整改|建强基层组织'",
    )
    n.add_argument("template", metavar="TEMPLATE", help="模板编号（见 drafter templates list）")
    n.add_argument("-o", "--output", type=Path, metavar="FILE", help="输出文稿（默认：模板名称.txt；- 表示输出到屏幕）")
    n.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="给出变量的值（可重复；列表用 | 分隔）"
    )
    n.add_argument("--allow-missing", action="store_true", help="不询问，缺少的变量留下 ** 待填")
    n.add_argument("--force", action="store_true", help="输出文件已存在时覆盖（原文件备份为 .bak）")
    n.add_argument("--templates", action="append", default=[], metavar="DIR", help="再加一个模板文件夹")
    n.add_argument("--edit", action="store_true", help="生成后直接在全屏编辑界面中打开")
    n.set_defaults(run=run_new)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _catalog(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The catalogue; skipped broken templates are said on stderr, the rest is listed."""
    from drafter.services.templates import load_catalog

    catalog = load_catalog(args.templates)
    for note in catalog.notes:
        print(f"drafter: {note}", file=sys.stderr)
    return catalog


def run_list(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    templates = catalog.templates
    status = 2 if catalog.notes else 0  # like check with an unreadable file: the rest, and exit 2
    if args.format == "json":
        json.dump([t.to_json() for t in templates.values()], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return status
    for t in templates.values():
        layer = "" if t.layer == "内置" else f"（{t.layer}）"
        print(f"{t.id:<30} {t.title}{layer}")
        if t.description:
            print(f"{'':<30} {t.description}")
    return status


def run_show(args: argparse.Namespace) -> int:
    from drafter.draft.roles import role_label

    t = _catalog(args).get(args.id)
    if args.format == "json":
        json.dump(t.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"{t.title}（{t.id}）")
    if t.description:
        print(t.description)
    print(f"来源：{t.source}")
    print("\n变量：")
    for v in t.variables:
        default = v.default if v.type != "list" or v.default is None else " | ".join(v.default)
        detail = f"默认：{default}" if v.default is not None else ("必填，缺省时留下 **" if v.required else "可省略")
        choices = f"；可选：{'、'.join(v.choices)}" if v.choices else ""
        print(f"  {v.name:<16} {v.label}（{v.type}；{detail}{choices}）")
    if t.sections:
        print("\n结构：")
        for s in t.sections:
            roles = "、".join(role_label(r) for r in s.roles)
            print(f"  {'  ' * max(s.level - 1, 0)}{s.heading}" + (f"（适用词条：{roles}）" if roles else ""))
    return 0


def _parse_sets(items: list[str]) -> dict[str, str]:
    from drafter.errors import DrafterError

    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise DrafterError(f"--set 的写法应是 名称=值，而不是 '{item}'")
        values[name.strip()] = value
    return values


def run_new(args: argparse.Namespace) -> int:
    from drafter.services.templates import create_draft

    template = _catalog(args).get(args.template)
    given = _parse_sets(args.set)
    to_screen = args.output is not None and str(args.output) == "-"
    target = None if to_screen else (args.output or Path(f"{template.title}.txt"))
    interactive = not args.allow_missing and sys.stdin.isatty() and not to_screen
    made = create_draft(template, given, target, ask=_ask if interactive else None, force=args.force)
    if target is None:
        sys.stdout.write(made.text)
        return 0
    blanks = made.blanks
    note = f"；{len(blanks)} 个变量留作 ** 待填（{'、'.join(blanks)}）" if blanks else ""
    print(f"已生成 {target}（模板 {template.id}）{note}。用 drafter check {target} 查看待填内容。")
    if args.edit:
        from drafter.tui.app import run as run_tui

        return run_tui(target)
    return 0


def _ask(variable: Any) -> str | None:
    default = variable.default
    if isinstance(default, list):
        default = " | ".join(default)
    if default is not None:
        hint = f" [{default}]"
    else:
        hint = " [回车留作 **]" if variable.required else " [可省略]"
    choices = f"（{'/'.join(variable.choices)}）" if variable.choices else ""
    if variable.type == "list":
        # One line of input here (the editor's form takes one item a line): the label says what
        # an item is, this says how to give several.
        choices += "（多项用 | 分隔）"
    from drafter.errors import DrafterError
    from drafter.services.templates import check_value

    while True:
        try:
            answer = input(f"{variable.label}{choices}{hint}：").strip()
        except EOFError:
            return None
        if not answer:
            return None
        # Checked as it is typed: a wrong value found after the last question ended the run and
        # every answer had to be typed again.
        try:
            check_value(variable, answer)
        except DrafterError as exc:
            print(f"  {exc}，请重新输入", file=sys.stderr)
            continue
        return answer
