"""The `drafter` command: a thin layer over the library.

Each subcommand lives in its own module with `register(subparsers)` (subparsers make
ChineseArgumentParser parsers) and a `run(args) -> int` set as the parser's default; a new command
is a new module added to COMMANDS. Command modules keep their heavy imports inside `run`, so
`drafter check` starts fast, and do their work through `drafter.services`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from drafter import __version__
from drafter.cli import archive_cmd, check_cmd, draft_cmds, edit_cmd, export_cmd, fill_cmd, phrases_cmd, template_cmds
from drafter.errors import DrafterError

COMMANDS = (edit_cmd, check_cmd, fill_cmd, phrases_cmd, template_cmds, draft_cmds, export_cmd, archive_cmd)

DESCRIPTION = """\
drafter：讲话稿、述职报告、工作总结的写作助手。
在交给领导之前，找出每一个没填的 ** 和每一处引错的规范表述，并导出合乎 GB/T 9704 的 Word 文件。"""

EPILOG = """\
常用：
  drafter                            打开全屏编辑界面（最近的文稿、从模板新建、打开文件）
  drafter edit 讲话稿.txt             直接编辑一篇文稿（也可省去 edit：drafter 讲话稿.txt）
  drafter check 讲话稿.docx          检查未填写的占位符（**、XX、某某……）和引错的规范表述等
  drafter check 讲话稿.docx --annotate  把问题写成 Word 批注，供领导和同事在 Word 里看
  drafter check 文件夹/ --format json  检查文件夹中所有 .txt/.md/.docx，输出 JSON
  drafter check --list-rules         列出所有检查规则
  drafter phrases search lgql        在词库中查找“两个确立”（汉字、拼音、首字母均可）
  drafter templates list             列出文种模板
  drafter new review-speech          用模板新建一篇述职评议会讲话
  drafter outline 讲话稿.txt          各部分的字数、占位符和讲话时长
  drafter renumber 讲话稿.txt         调整段落后按顺序重排标题序号
  drafter import 去年讲话.docx        把 Word 讲话稿转成文稿
  drafter export 讲话稿.txt           导出为公文格式（GB/T 9704）的 Word 文件
  drafter fill 讲话稿.docx            在 Word 文件里逐处填写 **，其余格式不动
  drafter archive add 往年材料/       把往年材料收进本机资料库，再用 archive search 查找

用 drafter <命令> --help 查看每个命令的用法。"""


_ARGPARSE_WORDS = (
    ("unrecognized arguments:", "无法识别的参数："),
    ("the following arguments are required:", "缺少参数："),
    ("invalid choice:", "无效的取值"),
    ("invalid int value:", "应为整数，不是"),
    ("invalid float value:", "应为数字，不是"),
    ("choose from", "可选"),
    ("expected one argument", "需要一个值"),
    ("argument ", "参数 "),
)


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's fixed English words, in Chinese, for writers who read Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """Usage errors and help in Chinese, exit status 2 for mistakes, as drafter's other messages."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = "选项"
        self._positionals.title = "参数"
        self.add_argument("-h", "--help", action="help", help="显示本帮助后退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in _ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 参数错误：{message}（用 {self.prog} --help 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    """The full parser, all subcommands registered."""
    parser = ChineseArgumentParser(
        prog="drafter",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}", help="显示版本号后退出")
    subparsers = parser.add_subparsers(dest="command", title="命令", metavar="<命令>")
    for module in COMMANDS:
        module.register(subparsers)
    parser.command_names = frozenset(subparsers.choices)  # type: ignore[attr-defined]
    return parser


DRAFT_SUFFIXES = (".txt", ".md", ".docx")


def route(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """`drafter 讲话稿.docx` opens the draft as `drafter edit 讲话稿.docx` does: writers type the
    file after the program's name, as they would open it with any editor. Only a first word that
    is no command and no option and names a draft (by its ending, or an existing file) is routed."""
    if not argv or argv[0].startswith("-"):
        return argv
    first = argv[0]
    if first in getattr(parser, "command_names", ()):
        return argv
    if first.lower().endswith(DRAFT_SUFFIXES) or Path(first).is_file():
        return ["edit", *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(route(sys.argv[1:] if argv is None else list(argv), parser))
    if args.command is None:
        if not sys.stdin.isatty() or not sys.stdout.isatty():
            parser.print_help()  # no terminal to draw on: say what drafter can do instead
            return 0
        from drafter.tui.app import run

        return run()
    try:
        return int(args.run(args))
    except DrafterError as exc:
        from drafter.report import escape_terminal

        print(f"drafter: {escape_terminal(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("drafter: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`| head`). A check whose report was cut short cannot say
        # the draft is clean, so it does not exit 0 (scripts with pipefail rely on that).
        return 1 if args.command == "check" else 0
    except OSError as exc:  # the system refused (permissions, a full disk): the writer's to fix
        from drafter.errors import os_message
        from drafter.report import escape_terminal

        print(f"drafter: {escape_terminal(os_message(exc))}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: one line for the writer, the traceback with DRAFTER_DEBUG=1
        import os

        if os.environ.get("DRAFTER_DEBUG"):
            raise
        print(
            f"drafter: 内部错误（{type(exc).__name__}: {exc}）。"
            "请把这行信息报告给维护者；设置 DRAFTER_DEBUG=1 可看到详细信息",
            file=sys.stderr,
        )
        return 70
