"""`drafter export DRAFT`: the Word file in the official format (or txt / md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = """\
把文稿导出为 Word 文件，默认按党政机关公文格式（GB/T 9704-2012）排版：A4 纸，上 37、下 35、左 28、
右 26 毫米，正文 3 号仿宋、首行缩进两字、固定行距，每页 22 行；标题 2 号小标宋居中；一级标题黑体、
二级标题楷体（段首标题只把标题句设为楷体）、三四级标题仿宋；页码“— 1 —”，单页居右、双页居左。
每个文字段都写明中西文字体，Word/WPS 不会出现日文字体替代。

文稿中还有未填写的占位符时拒绝导出（退出码 1，并像 drafter check 一样列出），加
--allow-placeholders 则照常导出，并把每处占位符用黄色突出显示。"""

EPILOG = """\
预设：gbt9704（默认）、speech（讲话用稿，字号加大）；也可以是自己的 YAML 文件，只写与基础预设不同的值：
  base: gbt9704
  body: {size_pt: 18, line_spacing_pt: 33}
  heading3: {bold: false}
用户预设放在用户数据目录的 presets/ 下，团队预设的文件夹写在环境变量 DRAFTER_PRESET_PATH 中。

注意：仿宋_GB2312、方正小标宋简体等公文字体连 Windows 也不自带，机关的电脑一般另行安装；没有装的电脑上
Word/WPS 和本机预览会用其他字体代替，文件本身写明的字体不变。

例：
  drafter export 讲话稿.txt                       # 生成 讲话稿.docx
  drafter export 讲话稿.txt --preset speech -o 讲话用稿.docx
  drafter export 讲话稿.txt --reference-docx 本单位模板.docx
  drafter export 讲话稿.txt --to md -o 讲话稿.md
  drafter export 讲话稿.txt --to pdf               # 经 LibreOffice 生成 讲话稿.pdf"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export", help="导出为公文格式的 Word 文件（或 txt、md）", description=DESCRIPTION, epilog=EPILOG
    )
    p.add_argument("draft", metavar="DRAFT", help="文稿（.txt，或 .md/.docx）")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="输出文件（默认：文稿同名，扩展名按 --to）")
    p.add_argument(
        "--to",
        choices=("docx", "pdf", "txt", "md"),
        default=None,
        help="输出格式（默认按 -o 的扩展名，否则 docx；pdf 需要安装 LibreOffice）",
    )
    p.add_argument("--preset", default="gbt9704", metavar="NAME|FILE", help="排版预设（默认 gbt9704）")
    p.add_argument(
        "--reference-docx", type=Path, metavar="FILE", help="采用本单位 Word 模板的样式、页面设置、页眉（如红头）和页脚"
    )
    p.add_argument(
        "--allow-placeholders", action="store_true", help="有未填写的占位符也导出，并在 Word 中用黄色突出显示"
    )
    p.add_argument("--config", action="append", default=[], type=Path, metavar="FILE", help="再加一个配置文件")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from drafter.readers import read_path
    from drafter.services.checking import load_settings
    from drafter.services.exporting import BlanksLeftError, ExportRequest, export_draft

    source = Path(args.draft)
    doc = read_path(args.draft)
    request = ExportRequest(
        source=source,
        text=doc.text,
        target=args.output,
        fmt=args.to,
        preset=args.preset,
        reference=args.reference_docx,
        allow_placeholders=args.allow_placeholders,
        config=load_settings(args.config).config,
    )
    try:
        result = export_draft(request)
    except BlanksLeftError as exc:
        _report_blanks(exc)
        return 1
    note = f"，{result.highlighted} 处占位符已用黄色标出" if result.highlighted else ""
    print(f"已导出 {result.target}{note}")
    if result.fmt in ("docx", "pdf") and sys.platform != "win32":
        print(
            "提示：仿宋_GB2312、方正小标宋简体等字体未安装时，本机预览会用其他字体代替；"
            "文件写明的字体不变，在装有这些字体的电脑上（Windows 也不自带，机关电脑一般另行安装）按原字体显示。"
        )
    return 0


def _report_blanks(exc: Any) -> None:
    from collections import Counter

    from drafter.report import summary_line, use_colour, write_human

    colour = use_colour("auto", sys.stderr)
    write_human(exc.findings, sys.stderr, colour)
    print(summary_line(Counter(f.severity for f in exc.findings), 1, 0, colour), file=sys.stderr)
    print(f"drafter: {exc}；填写后再导出，或加 --allow-placeholders", file=sys.stderr)
