"""Messages a blind user test found confusing: English from argparse, the fill screen's footer,
a --help example that plants a blank, an order message quoting text the draft does not have."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import docx

from drafter.checks import build_engine
from drafter.document import Document
from drafter.tui.fill import FillApp


def test_a_bad_number_is_reported_in_chinese(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "x.txt"
    draft.write_text("标题\n\n正文。\n", encoding="utf-8")
    result = run_cli("check", "--year", "abc", str(draft))
    assert result.status == 2
    last = result.err.strip().splitlines()[-1]
    assert "invalid" not in result.err and "应为整数" in last and "'abc'" in last


def test_new_help_example_plants_no_blank(run_cli) -> None:
    out = run_cli("new", "--help").out
    example = re.search(r"--set unit=(\S+)", out)
    assert example is not None
    findings = build_engine(only=["placeholder"]).check(Document("t.txt", "text", example.group(1) + "\n"))
    assert list(findings) == []


def test_order_message_quotes_the_draft() -> None:
    engine = build_engine(only=["formulation"])
    found = [f for f in engine.check(Document("t.txt", "text", "坚持不敢腐、不想腐、不能腐一体推进。\n"))]
    order = [f for f in found if f.rule == "formulation.order"]
    assert order and order[0].message.startswith("“不敢腐、不想腐、不能腐”")


def test_fill_footer_names_the_palette_in_chinese(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("全年完成**项。")
    path = tmp_path / "a.docx"
    d.save(path)

    async def go() -> str:
        app = FillApp(path, build_engine(only=["placeholder"]))
        async with app.run_test(size=(100, 20)) as pilot:
            await pilot.pause()
            text = app.export_screenshot()
            await pilot.press("ctrl+q")
            return text

    footer = asyncio.run(go())
    assert "palette" not in footer and "命令" in footer
