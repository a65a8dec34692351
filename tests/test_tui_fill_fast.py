"""Typing into the fill screen faster than it redraws: a terminal delivers `11⏎22⏎33⏎` in one burst
when the writer types quickly or the machine is loaded. Every character must land in the blank that
was current when it was typed and Enter must move on in order; the saved .docx is read back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import docx
from textual import events

from drafter.checks import build_engine
from drafter.readers.docx import read_docx
from drafter.tui.fill import FillApp


def build(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("全年完成**项，其中**项同比增长**％。")
    d.add_paragraph("中心组学习**次；完成**个党支部换届。")
    d.save(path)
    return path


def burst(app: FillApp, keys: list[str]) -> None:
    """Queue every key at once, as a terminal does with a fast typist: no wait between them."""
    for key in keys:
        char = "\r" if key == "enter" else key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


def keys_for(values: list[str]) -> list[str]:
    return [k for v in values for k in (*v, "enter")]


def test_burst_of_values_lands_in_order(tmp_path: Path) -> None:
    path = build(tmp_path / "总结.docx")

    async def go() -> None:
        app = FillApp(path, build_engine(only=["placeholder"]))
        async with app.run_test(size=(100, 30)) as pilot:
            burst(app, keys_for(["11", "22", "33", "44", "55"]))
            await pilot.pause()
            await pilot.pause()
            assert app.plan.values == ["11", "22", "33", "44", "55"]
            burst(app, ["ctrl+s"])
            await pilot.pause()
            await pilot.pause()
            assert not app.dirty
            await pilot.press("ctrl+q")

    asyncio.run(go())
    text = read_docx(path.read_bytes(), "x").text
    assert "全年完成11项，其中22项同比增长33％。" in text
    assert "中心组学习44次；完成55个党支部换届。" in text


def test_pilot_press_back_to_back(tmp_path: Path) -> None:
    path = build(tmp_path / "总结.docx")

    async def go() -> None:
        app = FillApp(path, build_engine(only=["placeholder"]))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*keys_for(["12", "8", "5.6", "24", "3"]), "ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+q")

    asyncio.run(go())
    text = read_docx(path.read_bytes(), "x").text
    assert "全年完成12项，其中8项同比增长5.6％。" in text
    assert "中心组学习24次；完成3个党支部换届。" in text


def test_burst_with_corrections_and_arrows(tmp_path: Path) -> None:
    """Backspace and ↑ in the same burst act where they were typed, not after the keys behind them."""
    path = build(tmp_path / "总结.docx")

    async def go() -> None:
        app = FillApp(path, build_engine(only=["placeholder"]))
        async with app.run_test(size=(100, 30)) as pilot:
            burst(app, ["1", "9", "backspace", "2", "enter", "7", "up", "x", "enter"])
            await pilot.pause()
            await pilot.pause()
            assert app.plan.values[:2] == ["12x", "7"]
            await pilot.press("ctrl+q", "ctrl+q")

    asyncio.run(go())
