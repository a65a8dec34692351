"""The fill screen of `drafter fill X.docx`, driven with Pilot: type, Enter, same value for alike
blanks, save; the .docx read back holds exactly the values typed, and a snapshot shows the screen."""

from __future__ import annotations

import asyncio
from pathlib import Path

import docx
from docx_builder import add_runs

from drafter.checks import build_engine
from drafter.readers.docx import read_docx
from drafter.tui.fill import FillApp


def build(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("在集团2026年度工作会议上的讲话")
    add_runs(
        d.add_paragraph(),
        [("全年走访", False), ("**", True), ("企业，覆盖", False), ("**", False), ("个项目。", False)],
    )
    d.add_paragraph("其中民营**企业占一半，国有**企业占一半。")
    d.add_paragraph("请**企业于月底前报送。")
    d.save(path)
    return path


def engine():
    return build_engine(only=["placeholder"])


def test_type_enter_alike_and_save(tmp_path: Path) -> None:
    path = build(tmp_path / "讲话.docx")

    async def go() -> None:
        app = FillApp(path, engine())
        async with app.run_test(size=(100, 30)) as pilot:
            assert app.plan.remaining == 5
            await pilot.press(*"12", "enter")  # 1st: 走访**企业
            await pilot.press(*"36", "enter")  # 2nd: 覆盖**个
            assert app.current == 2
            await pilot.press(*"A")
            await pilot.press("ctrl+a")  # 民营**企业 has the same context as nobody else
            await pilot.press(*"B", "enter")
            assert app.plan.values == ["12", "36", "A", "B", None]
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not app.dirty
            await pilot.press("ctrl+q")

    asyncio.run(go())
    text = read_docx(path.read_bytes(), "x").text
    assert "全年走访12企业，覆盖36个项目。" in text
    assert "其中民营A企业占一半，国有B企业占一半。" in text
    assert "请**企业于月底前报送。" in text
    assert (tmp_path / "讲话.docx.bak").exists()


def test_same_value_for_every_blank_sharing_its_context(tmp_path: Path) -> None:
    d = docx.Document()
    for unit in ("一", "二", "三"):
        d.add_paragraph(f"第{unit}批：**企业完成改制。")
    path = tmp_path / "改制.docx"
    d.save(path)

    async def go() -> None:
        app = FillApp(path, engine())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"省属", "ctrl+a")
            assert app.plan.values == ["省属", "省属", "省属"] and app.plan.remaining == 0
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+q")

    asyncio.run(go())
    assert read_docx(path.read_bytes(), "x").text.count("省属企业完成改制") == 3


def test_quit_with_unsaved_values_asks_first(tmp_path: Path) -> None:
    path = build(tmp_path / "讲话.docx")
    original = path.read_bytes()

    async def go() -> None:
        app = FillApp(path, engine())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"9", "enter", "ctrl+q")
            await pilot.pause()
            assert app.is_running
            await pilot.press("ctrl+q")

    asyncio.run(go())
    assert path.read_bytes() == original


def test_fill_screen_snapshot(snap_compare, tmp_path: Path) -> None:
    path = build(tmp_path / "讲话.docx")

    async def first_value(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press(*"12", "enter")
        await pilot.pause()
        pilot.app.set_focus(None)

    assert snap_compare(FillApp(path, engine()), terminal_size=(100, 24), run_before=first_value)


def test_keys_pressed_at_once_after_typing_act_on_what_was_typed(tmp_path: Path) -> None:
    """An IME commits a word at once and the writer presses Ctrl+A or Ctrl+S straight after."""
    d = docx.Document()
    for unit in ("一", "二"):
        d.add_paragraph(f"第{unit}批：**企业完成改制；**项目开工。")
    path = tmp_path / "改制.docx"
    d.save(path)

    async def go() -> None:
        app = FillApp(path, engine())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"省属国有", "ctrl+a", *"重点", "ctrl+a", "ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+q")

    asyncio.run(go())
    text = read_docx(path.read_bytes(), "x").text
    assert text.count("省属国有企业完成改制；重点项目开工。") == 2


def test_command_palette_speaks_chinese_and_runs_the_fill_commands(tmp_path: Path) -> None:
    """Ctrl+P showed Textual's own commands in English (Theme, Quit, Keys, Screenshot...), its box
    said "Search for commands…" and the footer "Exit the command palette"."""
    import re

    from textual.command import CommandInput, CommandList, CommandPalette

    path = build(tmp_path / "讲话.docx")

    async def go() -> None:
        app = FillApp(path, engine())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"12")
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            assert isinstance(app.screen, CommandPalette)
            box = app.screen.query_one(CommandInput)
            shown = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
            assert shown and all(re.search(r"[\u4e00-\u9fff]", s) for s in shown), shown
            assert re.search(r"[\u4e00-\u9fff]", str(box.placeholder)), box.placeholder
            keys = [b.binding.description for b in app.screen.active_bindings.values() if b.binding.show]
            assert keys and all(re.search(r"[\u4e00-\u9fff]", k) for k in keys), keys
            await pilot.press(*"保存")
            await pilot.pause(0.3)
            shown = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
            assert shown and shown[0].startswith("保存"), shown
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert not isinstance(app.screen, CommandPalette)
            assert not app.dirty  # the palette's 保存 wrote the value typed before it
            await pilot.press("ctrl+q")

    asyncio.run(go())
    assert "全年走访12企业" in read_docx(path.read_bytes(), "x").text
