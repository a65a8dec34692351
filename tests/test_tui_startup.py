"""Start-up words that tell the truth: a missing draft, no terminal, unreadable files, and the
interactive `drafter new` offering every variable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import TextArea
from tui_helpers import SIZE, editor_of, run, settle

from drafter.tui.app import DrafterApp


def test_edit_without_a_terminal_is_one_line_and_exit_2(tmp_path: Path) -> None:
    draft = tmp_path / "讲话稿.txt"
    draft.write_text("讲话\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "drafter", "edit", str(draft)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "终端" in out.stderr
    assert "Traceback" not in out.stderr


def test_edit_a_missing_draft_asks_and_writes_nothing_before_the_first_save(tmp_path: Path) -> None:
    missing = tmp_path / "讲化稿.txt"

    async def declined() -> None:
        app = DrafterApp(missing)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert "不存在" in str(app.screen.query_one(".question").render())
            await pilot.click("#no")
            await settle(pilot, app)
            assert not app.is_running

    async def accepted() -> None:
        app = DrafterApp(missing)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.click("#yes")
            await settle(pilot, app)
            editor = editor_of(app)
            assert not missing.exists()
            editor.query_one("#editor", TextArea).insert("新的讲话")
            await settle(pilot, app)
            assert not missing.exists()
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert missing.read_text(encoding="utf-8") == "新的讲话"

    run(declined())
    assert not missing.exists()
    run(accepted())


def test_check_summary_never_says_no_problems_about_unread_files(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "不存在.txt"))
    assert result.status == 2
    assert "未发现问题" not in result.out and "无法读取" in result.out
    good = tmp_path / "好.txt"
    good.write_text("讲话\n", encoding="utf-8")
    both = run_cli("check", str(good), str(tmp_path / "不存在.txt"))
    assert both.status == 2 and not both.out.startswith("未发现问题") and "1 个无法读取" in both.out


def test_interactive_new_offers_every_variable_with_its_default(run_cli, tmp_path: Path, monkeypatch) -> None:
    import builtins

    from drafter.services.templates import load_catalog

    template = load_catalog().get("review-speech")
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return "长江集团" if prompt.startswith("本单位") else ""

    monkeypatch.setattr(builtins, "input", answer)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    target = tmp_path / "讲话.txt"
    result = run_cli("new", "review-speech", "-o", str(target), "--set", "year=2024")
    assert result.status == 0, result.err
    asked = [v for v in template.variables if v.name != "year"]
    assert len(prompts) == len(asked)
    for variable, prompt in zip(asked, prompts, strict=True):
        assert prompt.startswith(variable.label)
        if variable.default is not None and not isinstance(variable.default, list):
            assert f"[{variable.default}]" in prompt
    text = target.read_text(encoding="utf-8")
    assert "长江集团" in text and "持续增强" in text
