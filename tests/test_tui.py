"""The TUI driven as a writer drives it, with Textual's Pilot: every flow of the issue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea
from tui_helpers import SIZE, editor_of, run, settle, team_config

from drafter.services.drafts import import_word_file, open_draft
from drafter.session import recovery_path
from drafter.tui.app import DrafterApp
from drafter.tui.editor import EditorScreen
from drafter.tui.widgets.findings import FindingsPane

__all__ = ["team_config"]  # the fixture every flow here runs under

pytestmark = pytest.mark.usefixtures("team_config")


def test_new_from_template_fill_blank_phrase_move_save_export_reopen(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def flow() -> None:
        app = DrafterApp()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("n")  # start screen: new from template
            await settle(pilot, app)
            genres = app.screen.query_one("#genre-list", OptionList)
            index = next(i for i in range(genres.option_count) if genres.get_option_at_index(i).id == "review-speech")
            genres.highlighted = index
            await pilot.press("enter")
            await settle(pilot, app)
            unit = app.screen.query_one("#var-unit", Input)
            unit.value = "长江集团"
            app.screen.query_one("#var-year", Input).value = "2024"
            app.screen.query_one("#target", Input).value = str(tmp_path / "讲话.txt")
            await pilot.press("ctrl+s")
            await settle(pilot, app, 0.6)
            editor = editor_of(app)
            text_area = editor.query_one("#editor", TextArea)
            assert "长江集团" in text_area.text and (tmp_path / "讲话.drafter.json").is_file()
            blanks_before = editor.analysis.blanks
            assert blanks_before > 0

            # Jump to the next blank: it is selected, typing replaces it.
            await pilot.press("f3")
            selected = text_area.selected_text
            assert selected == "**"
            await pilot.press(*"十二")
            await settle(pilot, app, 0.6)
            assert editor.analysis.blanks == blanks_before - 1

            # Insert a phrase by its initials at the cursor.
            await pilot.press("ctrl+f")
            await pilot.press(*"lgql")
            await settle(pilot, app, 0.2)
            await pilot.press("enter")
            await settle(pilot, app)
            assert "深刻领悟“两个确立”的决定性意义" in text_area.text

            # Move the first section down: headings are renumbered at once.
            first = editor.analysis.draft.sections[0]
            text_area.move_cursor((first.line - 1, 0))
            await pilot.press("alt+down")
            await settle(pilot, app, 0.6)
            sections = editor.analysis.draft.sections
            assert [s.heading.marker for s in sections] == ["一、", "二、", "三、"]
            assert sections[1].heading.title == first.heading.title

            # Save, then export (blanks remain: allowed with highlights).
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            saved = (tmp_path / "讲话.txt").read_text(encoding="utf-8")
            assert saved == text_area.text and not editor.session.dirty
            await pilot.press("ctrl+e")
            await settle(pilot, app)
            app.screen.query_one("#allow").value = True
            await pilot.click("#ok")
            await settle(pilot, app, 0.3)
            assert (tmp_path / "讲话.docx").is_file()

        # Reopen: the same text, and the app remembers it as a recent draft.
        app2 = DrafterApp(tmp_path / "讲话.txt")
        async with app2.run_test(size=SIZE) as pilot:
            await settle(pilot, app2)
            assert editor_of(app2).query_one("#editor", TextArea).text == saved

    run(flow())


def test_export_refuses_blanks_like_the_cli(tmp_path: Path, seed: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_bytes(seed.read_bytes())

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("ctrl+e")
            await settle(pilot, app)
            await pilot.click("#ok")
            await settle(pilot, app, 0.3)
            assert not (tmp_path / "d.docx").exists()
            assert any("49 处未填写" in str(n.message) for n in app._notifications)

    run(flow())


def test_crash_recovery_offers_the_unsaved_text(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n正文。\n", encoding="utf-8")
    session = open_draft(draft)
    session.text += "崩溃前写下的一段。\n"
    session.write_recovery()  # what the autosave leaves behind when the terminal is killed
    assert recovery_path(draft).is_file()

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert "上次未保存" in str(app.screen.query_one(".question").render())
            await pilot.click("#yes")
            await settle(pilot, app)
            editor = editor_of(app)
            assert editor.query_one("#editor", TextArea).text.endswith("崩溃前写下的一段。\n")
            assert editor.session.dirty

    run(flow())
    assert json.loads(recovery_path(draft).read_text(encoding="utf-8"))["text"].endswith("崩溃前写下的一段。\n")


def test_autosave_writes_recovery_and_save_clears_it(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            editor.query_one("#editor", TextArea).insert("新的内容")
            await settle(pilot, app)
            editor.autosave()
            assert recovery_path(draft).is_file()
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert not recovery_path(draft).exists()
            assert draft.read_text(encoding="utf-8").startswith("新的内容")
            assert (tmp_path / "d.txt.bak").read_text(encoding="utf-8") == "讲话\n"

    run(flow())


def test_quit_with_unsaved_changes_asks(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor_of(app).query_one("#editor", TextArea).insert("改动")
            await settle(pilot, app)
            await pilot.press("ctrl+q")
            await settle(pilot, app)
            assert "未保存" in str(app.screen.query_one(".question").render())
            await pilot.click("#answer-cancel")
            await settle(pilot, app)
            assert isinstance(app.screen, EditorScreen) and app.is_running
            await pilot.press("ctrl+q")
            await settle(pilot, app)
            await pilot.click("#answer-discard")
            await settle(pilot, app)
        assert draft.read_text(encoding="utf-8") == "讲话\n"

    run(flow())


def test_findings_jump_and_apply_suggestion(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、第一部分\n要把责任抗在肩上。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            findings = editor.query_one("#findings", FindingsPane)
            assert findings.option_count == 1
            findings.focus()
            findings.highlighted = 0
            await pilot.press("enter")  # jump there
            text_area = editor.query_one("#editor", TextArea)
            assert text_area.selected_text == "抗在肩上"
            await pilot.press("f4")  # apply the suggestion
            await settle(pilot, app, 0.6)
            assert "扛在肩上" in text_area.text and editor.query_one("#findings", FindingsPane).option_count == 0

    run(flow())


def test_bad_team_bank_is_reported_not_fatal(tmp_path: Path, monkeypatch) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "bad.yaml").write_text("entries:\n  - id: x\n    txt: 错\n", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_BANK_PATH", str(team))

    async def flow() -> None:
        app = DrafterApp()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            notes = str(app.screen.query_one("#start-notes").render())
            assert "bad.yaml" in notes and "未知的键 'txt'" in notes
            assert app.bank is not None and len(app.bank) > 800

    run(flow())


def test_unreadable_draft_is_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)

    async def flow() -> None:
        app = DrafterApp(bad)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            # The refusal is posted from the loading worker; under load it can land a few frames
            # after the workers are done, so wait for it (bounded) rather than for a fixed time.
            for _ in range(100):
                if any(".docx" in str(n.message) for n in app._notifications):
                    break
                await pilot.pause(0.05)
            assert any(".docx" in str(n.message) for n in app._notifications)
            assert not isinstance(app.screen, EditorScreen)

    run(flow())


def test_keys_can_be_remapped(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("讲话\n\n一、部分\n请于**前报送。\n", encoding="utf-8")

    async def flow() -> None:
        app = DrafterApp(draft, keymap={"next_blank": "f9"})
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("f9")
            assert editor_of(app).query_one("#editor", TextArea).selected_text == "**"

    run(flow())


def test_form_validation_is_a_message(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def flow() -> None:
        app = DrafterApp()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("n")
            await settle(pilot, app)
            genres = app.screen.query_one("#genre-list", OptionList)
            genres.highlighted = next(
                i for i in range(genres.option_count) if genres.get_option_at_index(i).id == "review-speech"
            )
            await pilot.press("enter")
            await settle(pilot, app)
            await pilot.press(*"今年", "tab")  # not a number (二〇二四 is one now)
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert any("非负整数" in str(n.message) for n in app._notifications)
            assert not list(tmp_path.glob("*.txt"))

    run(flow())


def test_role_filter_follows_the_section_under_the_cursor(tmp_path: Path, seed: Path) -> None:
    from textual.widgets import Checkbox

    from drafter.draft.roles import roles_for_heading

    assert roles_for_heading("正确看待当前存在的问题") == ["problem"]
    draft = tmp_path / "seed.txt"
    draft.write_bytes(seed.read_bytes())

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            editor.query_one("#editor", TextArea).move_cursor((11, 0))  # in 二、正确看待……问题
            editor.query_one("#role-filter", Checkbox).value = True
            await settle(pilot, app, 0.2)
            hits = editor.query_one("#right").hits
            assert hits and all(h.entry.role == "problem" for h in hits)

    run(flow())


def test_command_palette_starts_a_genre(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def flow() -> None:
        app = DrafterApp()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            app.new_from_template("duty-report")
            await settle(pilot, app)
            assert app.screen.template is not None and app.screen.template.id == "duty-report"
            assert app.screen.query_one("#var-name", Input) is not None

    run(flow())


def test_bad_team_template_is_reported_not_fatal(tmp_path: Path, monkeypatch, run_cli) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "broken.txt.j2").write_text("没有元数据\n", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_TEMPLATE_PATH", str(team))
    draft = tmp_path / "讲话.txt"
    made = run_cli("new", "review-speech", "-o", str(draft), "--allow-missing")
    assert made.status == 0 and "broken.txt.j2" in made.err  # the CLI says it too, and goes on

    async def flow() -> None:
        app = DrafterApp()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            notes = str(app.screen.query_one("#start-notes").render())
            assert "broken.txt.j2" in notes
            assert "review-speech" in app.catalog.templates
            # A draft of a built-in genre keeps its skeleton: Ctrl+N offers the genre's parts.
            app.open_draft(draft)
            await settle(pilot, app)
            editor = editor_of(app)
            assert [s.heading for s in editor.session.template_sections if s.level == 1]
            await pilot.press("ctrl+n")
            await settle(pilot, app)
            labels = [str(o.prompt) for o in app.screen.query_one("#choices", OptionList).options]
            assert len(labels) > 1 and labels[-1] == "新的一级标题"

    run(flow())


def test_command_palette_finds_commands_sections_and_phrases(tmp_path: Path, seed: Path) -> None:
    from drafter.tui.commands import DrafterCommands

    draft = tmp_path / "seed.txt"
    draft.write_bytes(seed.read_bytes())

    async def flow() -> None:
        app = DrafterApp(draft)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            provider = DrafterCommands(app.screen, None)

            async def texts(query: str) -> list[str]:
                return [str(hit.text or hit.match_display) async for hit in provider.search(query)]

            assert any("重排序号" in t for t in await texts("重排"))
            assert any("正确看待" in t for t in await texts("正确看待"))
            assert any("两个确立" in t for t in await texts("lgql"))
            assert any("述职报告" in t for t in await texts("述职报告"))

    run(flow())


def test_importing_a_docx_never_overwrites_a_draft(tmp_path: Path, seed: Path) -> None:
    import docx as python_docx

    source = tmp_path / "去年.docx"
    d = python_docx.Document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    d.save(source)
    existing = tmp_path / "去年.txt"
    existing.write_text("已有的文稿\n", encoding="utf-8")
    session = import_word_file(source)
    assert session.path == tmp_path / "去年（导入1）.txt" and session.dirty
    assert session.text.startswith("在2023年企业党组织书记抓基层党建工作述职评议会上的讲话\n\n同志们：")
    session.save()
    assert existing.read_text(encoding="utf-8") == "已有的文稿\n"
