"""The editor screen: outline · text · phrase panel · findings, and the status bar.

The screen owns the draft session and the workers; the panes (drafter.tui.widgets) subscribe to
the analyses it publishes and post messages when the writer picks something. Every action that
uses a position (F3, F4, a finding chosen) first re-derives it against the text as it is now, so
a stale analysis can never select or replace the wrong characters."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.signal import Signal
from textual.timer import Timer
from textual.widgets import Footer, TextArea
from textual.widgets.text_area import Selection

from drafter.draft import Draft, Section, parse_draft
from drafter.draft.roles import roles_at
from drafter.errors import DrafterError, os_message, os_reason
from drafter.services.checking import Finding, check_text
from drafter.services.drafts import ChangedOnDiskError, DraftLock, blanks_outside_text, save_copy, save_draft
from drafter.services.exporting import BlanksLeftError, ExportRequest, available_presets, export_draft
from drafter.session import Analysis, DraftSession, analyze_text, next_blank
from drafter.tui.actions import EDITOR, bindings
from drafter.tui.context import drafter_app
from drafter.tui.dialogs import Choice, Confirm, ExportDialog, PickOne
from drafter.tui.inorder import in_text_order
from drafter.tui.messages import AnalysisReady, DataLoaded
from drafter.tui.widgets.draft_text import DraftText
from drafter.tui.widgets.findings import FindingsPane
from drafter.tui.widgets.outline import OutlinePane
from drafter.tui.widgets.phrases import PhrasePanel
from drafter.tui.widgets.status import StatusBar

CHECK_DELAY = 0.4  # seconds of quiet typing before the checks run
NARROW = 100  # columns below which the side panels shrink


class EditorScreen(Screen[None]):
    """Editing one draft."""

    BINDINGS = bindings(EDITOR)
    DEFAULT_CSS = """
    EditorScreen #main { height: 1fr; }
    EditorScreen #center { width: 1fr; }
    """

    def __init__(
        self,
        session: DraftSession,
        *,
        read_only: bool = False,
        lock: DraftLock | None = None,
        read_only_reason: str = "另一个编辑器正在编辑它",
    ) -> None:
        super().__init__()
        self.session = session
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.lock = lock  # the `~$` lock beside the draft while this editor has it open
        self.analysis: Analysis | None = None
        self.analysis_signal: Signal[Analysis] = Signal(self, "analysis")
        self._check_timer: Timer | None = None
        self._fresh: Analysis | None = None  # computed on demand for the text as it is now
        self._checking = False  # an analysis is running in its worker
        self._wanted = False  # the checks were asked for while one ran: run again when it lands
        self._outside: list[Finding] | None = None  # a Word file's blanks outside its text, found once

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield OutlinePane(id="left")
            with Vertical(id="center"):
                yield DraftText(
                    self.session.text, id="editor", read_only=self.read_only, read_only_reason=self.read_only_reason
                )
                yield FindingsPane(id="findings")
            yield PhrasePanel(self.current_roles, id="right")
        yield StatusBar(id="status")
        yield Footer(compact=True)

    @property
    def text_area(self) -> DraftText:
        return self.query_one("#editor", DraftText)

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    def on_mount(self) -> None:
        app = drafter_app(self)
        self.title = f"drafter — {self.session.path.name}" + ("（只读）" if self.read_only else "")
        self.session.rate = app.rate
        self.text_area.focus()
        self.status_bar.read_only = self.read_only
        self.status_bar.set_dirty(self.session.dirty)
        self._layout_for(self.size.width, self.size.height)
        app.data_signal.subscribe(self, self._data_loaded)
        if app.engine is not None:
            # After the first paint: the text shows first, the worker's analysis would share the
            # GIL with that paint.
            self.call_after_refresh(self.run_checks)

    def on_unmount(self) -> None:
        if self.lock is not None:
            self.lock.release()

    def on_resize(self) -> None:
        self._layout_for(self.size.width, self.size.height)

    def _layout_for(self, width: int, height: int) -> None:
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        self.query_one(OutlinePane).set_class(narrow, "-narrow")
        self.query_one(PhrasePanel).set_class(narrow, "-narrow")
        self.query_one(FindingsPane).set_class(height < 30, "-short")

    def _data_loaded(self, message: DataLoaded) -> None:
        self.session.rate = message.rate
        self.run_checks()

    # -- analysis ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _text_changed(self, event: TextArea.Changed) -> None:
        self.sync_text()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)

    def sync_text(self) -> None:
        """The session's text as the text area holds it now (an action queued behind the keys
        typed before it runs ahead of their Changed messages)."""
        text = self.text_area.text
        if text != self.session.text:
            self.session.text = text
        self.status_bar.set_dirty(self.session.dirty)

    def run_checks(self) -> None:
        """Analyse the text as it is now, in a worker. Requests coalesce: never two analyses at
        once (two would share the GIL with the UI thread and each other), and one asked for while
        another runs starts when that one lands, on the text as it is then."""
        if drafter_app(self).engine is None:
            return  # DataLoaded starts the checks when the engine is ready
        if self._checking:
            self._wanted = True
            return
        self._checking, self._wanted = True, False
        self._analyse(self.session.text)

    @work(thread=True, group="checks")
    def _analyse(self, text: str) -> None:
        engine = drafter_app(self).engine
        analysis: Analysis | None = None
        try:
            analysis = analyze_text(engine, self.session.path, text, self.session.rate) if engine else None
            if analysis is not None:
                analysis.outside = self.outside_blanks()
                analysis.cells = self.session.cells_of(text)
        finally:
            self.post_message(AnalysisReady(analysis))

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self._checking = False
        analysis = message.analysis
        # A result for text the writer has changed since is dropped (the panes keep the last
        # one): a newer analysis is already asked for, by the typing timer or `_wanted`.
        fresh = analysis is not None and analysis.text == self.session.text
        if analysis is not None and (fresh or self.analysis is None):
            self.analysis = analysis
            self.analysis_signal.publish(analysis)
            self._show_cell(self.text_area.cursor_location[0])
        if self._wanted:
            self.run_checks()

    def current_analysis(self) -> Analysis | None:
        """An analysis of the text as it is now: the last one if the text has not changed since,
        else computed here and then (a few milliseconds), never a stale one."""
        text = self.text_area.text
        for candidate in (self.analysis, self._fresh):
            if candidate is not None and candidate.text == text:
                return candidate
        engine = drafter_app(self).engine
        if engine is None:
            return None
        self._fresh = analyze_text(engine, self.session.path, text, self.session.rate)
        self._fresh.outside = self.outside_blanks()
        self._fresh.cells = self.session.cells_of(text)
        return self._fresh

    def outside_blanks(self) -> list[Finding]:
        """The blanks of a Word file in its headers, footers, text boxes and notes: shown in the
        findings list, skipped by F3 (the editor edits the body and its tables in place, and
        writes those parts back untouched). Read once: nothing in the editor changes them."""
        if self._outside is None:
            engine = drafter_app(self).blank_engine
            if engine is None:
                return []
            self._outside = blanks_outside_text(self.session, engine)
        return self._outside

    def current_blanks(self) -> list[Finding]:
        """The placeholder findings of the text as it is now (F3 must never select stale spans)."""
        text = self.text_area.text
        for candidate in (self.analysis, self._fresh):
            if candidate is not None and candidate.text == text:
                return [f for f in candidate.findings if f.rule.startswith("placeholder")]
        engine = drafter_app(self).blank_engine
        if engine is None:
            return []
        return check_text(engine, self.session.path, text)

    # -- blanks and findings ----------------------------------------------------------------

    def _jump(self, backwards: bool) -> None:
        editor = self.text_area
        row, column = editor.cursor_location
        if backwards and editor.selection.start != editor.selection.end:
            row, column = min(editor.selection.start, editor.selection.end)
        bare = editor.selection.start == editor.selection.end
        target = next_blank(self.current_blanks(), row, column, backwards, at_cursor=bare)
        if target is None:
            outside = self.outside_blanks()
            if outside:
                places = "、".join(dict.fromkeys(f.location for f in outside))
                self.notify(
                    f"正文里没有未填写的占位符了；{places}还有 {len(outside)} 处，编辑器里改不到"
                    f"（用 drafter fill {self.session.path.name} 填写，或在 Word 中改）",
                    title="待填",
                )
                return
            self.notify("没有未填写的占位符了", title="待填")
            return
        r, c, length = target
        editor.focus()
        # Each blank filled is its own undo step: typing fast, Textual would batch the end of one
        # fill with the start of the next, and Ctrl+Z took back half of each (found under tmux).
        editor.history.checkpoint()
        editor.selection = Selection((r, c), (r, c + length))
        editor.scroll_cursor_visible(center=True)

    def action_next_blank(self) -> None:
        self._jump(False)

    def action_prev_blank(self) -> None:
        self._jump(True)

    def _refind(self, finding: Finding) -> Finding | None:
        """The same finding in the analysis of the text as it is now (nearest of its rule and
        text), or None when the writer has already changed it."""
        analysis = self.current_analysis()
        if analysis is None:
            return None
        same = [f for f in analysis.findings if f.rule == finding.rule and f.text == finding.text]
        if not same:
            return None
        return min(same, key=lambda f: (abs(f.line - finding.line), abs(f.column - finding.column)))

    def _select(self, f: Finding) -> None:
        editor = self.text_area
        editor.focus()
        editor.selection = Selection((f.line - 1, f.column - 1), (f.line - 1, f.column - 1 + len(f.text)))
        editor.scroll_cursor_visible(center=True)

    @on(FindingsPane.Jump)
    def _finding_chosen(self, event: FindingsPane.Jump) -> None:
        if event.finding in self.outside_blanks():
            self.notify(
                f"这处占位符在{event.finding.location}里，不在正文中，编辑器里改不到："
                f"请用 drafter fill {self.session.path.name} 填写，或在 Word 中改",
                title="问题",
            )
            return
        found = self._refind(event.finding)
        if found is None:
            self.notify("这处问题已经改掉了", title="问题")
            return
        self._select(found)

    @in_text_order
    def action_apply_suggestion(self) -> None:
        """Replace the finding under the cursor (or highlighted in the list) with its suggestion,
        positions taken from the text as it is now."""
        if not self._writable():
            return
        pane = self.query_one(FindingsPane)
        chosen: Finding | None = None
        if pane.has_focus:
            listed = pane.chosen()
            chosen = self._refind(listed) if listed is not None else None
        else:
            analysis = self.current_analysis()
            row, col = self.text_area.cursor_location
            for f in analysis.findings if analysis else []:
                if f.line - 1 == row and f.column - 1 <= col <= f.column - 1 + len(f.text):
                    chosen = f
                    break
        if chosen is None or chosen.suggestion is None:
            self.notify("这里没有可以采纳的建议", severity="warning")
            return
        start = (chosen.line - 1, chosen.column - 1)
        self.text_area.replace(chosen.suggestion, start, (start[0], start[1] + len(chosen.text)))
        self.text_area.focus()
        self.notify(f"已改为“{chosen.suggestion}”" if chosen.suggestion else f"已删去“{chosen.text}”")

    def action_focus_findings(self) -> None:
        pane = self.query_one(FindingsPane)
        pane.display = True
        pane.focus()
        if pane.highlighted is None and pane.option_count:
            pane.highlighted = 0

    def action_focus_outline(self) -> None:
        self.query_one(OutlinePane).focus_section(self.text_area.cursor_location[0] + 1)

    def action_focus_editor(self) -> None:
        self.text_area.focus()

    def action_undo(self) -> None:
        self.text_area.undo()

    @on(OutlinePane.Jump)
    def _section_chosen(self, event: OutlinePane.Jump) -> None:
        self.goto_line(event.line)

    # -- phrases -----------------------------------------------------------------------------

    def action_find_phrase(self) -> None:
        box = self.query_one("#phrase-query")
        if box.has_focus:  # a second Ctrl+F: the other tab (词库 / 往年资料)
            self.query_one(PhrasePanel).switch_source()
        box.focus()

    @on(TextArea.SelectionChanged, "#editor")
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        """The phrase panel shows the past passages closest to the paragraph under the cursor."""
        row = event.selection.end[0]
        document = self.text_area.document
        if row < document.line_count:
            self.query_one(PhrasePanel).cursor_paragraph(document.get_line(row))
        self._show_cell(row)

    def _show_cell(self, row: int) -> None:
        """In a Word file the status line names the table cell the cursor is in: a cell's
        paragraph is a bare line here, and 100% or ** alone says nothing of where it sits."""
        cells = self.analysis.cells if self.analysis is not None else []
        self.status_bar.show_place(cells[row] if row < len(cells) else "")

    def current_roles(self) -> list[str]:
        """The phrase-bank roles of the part the cursor is in (the core decides, from the
        template's skeleton or the heading's words)."""
        analysis = self.analysis
        if analysis is None:
            return []
        row = self.text_area.cursor_location[0] + 1
        return roles_at(analysis.draft, row, self.session.template_sections)

    @on(PhrasePanel.Insert)
    def _insert_phrase(self, event: PhrasePanel.Insert) -> None:
        text = event.text
        if event.from_archive:  # a past passage is a paragraph: its own line, after the cursor's
            row = self.text_area.cursor_location[0]
            line = self.text_area.document.get_line(row)
            if line.strip():
                self.text_area.move_cursor((row, len(line)))
                text = "\n" + text
        self.insert_text(text)
        self.notify("已插入往年段落：其中的数字、日期、名称已换成 ** 待填" if event.from_archive else "已插入词条")

    def goto_line(self, line: int) -> None:
        editor = self.text_area
        editor.move_cursor((line - 1, 0), center=True)
        editor.focus()

    def insert_text(self, text: str) -> None:
        if not self._writable():
            return
        editor = self.text_area
        editor.insert(text)
        editor.focus()

    # -- structure ---------------------------------------------------------------------------

    def _writable(self) -> bool:
        """False, with a word to the writer, when the draft is open read-only."""
        if self.read_only:
            self.notify(f"这篇文稿以只读方式打开（{self.read_only_reason}）", severity="warning")
        return not self.read_only

    def _section_or_warn(self) -> tuple[Draft, Section | None]:
        draft, section = self._section_at_cursor()
        if section is None:
            self.notify("光标不在任何标题之下", severity="warning")
        return draft, section

    def _replace_all(self, text: str, cursor_line: int | None = None) -> None:
        """A structure edit: one undoable step, then the checks at once."""
        editor = self.text_area
        editor.replace_whole(text)
        if cursor_line is not None:
            editor.move_cursor((cursor_line - 1, 0), center=True)
        self.session.text = editor.text
        self.status_bar.set_dirty(self.session.dirty)
        self.run_checks()

    def _section_at_cursor(self) -> tuple[Draft, Section | None]:
        draft = parse_draft(self.text_area.text)
        row = self.text_area.cursor_location[0] + 1
        inside = [s for s in draft.walk() if s.line <= row < s.end]
        return draft, (inside[-1] if inside else None)

    @in_text_order
    def action_move_section(self, delta: int) -> None:
        from drafter.draft.edit import move_section, renumber

        if not self._writable():
            return
        draft, section = self._section_or_warn()
        if section is None:
            return
        moved = move_section(draft, section, delta)
        if moved.lines == draft.lines:
            self.notify("已经到头了", severity="warning")
            return
        fixed, _ = renumber(moved)
        title = section.heading.title
        target = next((s for s in fixed.walk() if s.heading.title == title), None)
        self._replace_all(fixed.text(), target.line if target is not None else None)

    @in_text_order
    def action_delete_section(self) -> None:
        from drafter.draft.edit import delete_section, renumber

        if not self._writable():
            return
        draft, section = self._section_or_warn()
        if section is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                fixed, _ = renumber(delete_section(draft, section))
                self._replace_all(fixed.text())
                self.notify("已删除；按 Ctrl+Z 可撤销")

        self.app.push_screen(
            Confirm(f"删除“{section.heading.marker}{section.heading.title}”这一部分（含下级内容）？", "删除"), done
        )

    @in_text_order
    def action_add_section(self) -> None:
        from drafter.draft.edit import insert_lines, renumber
        from drafter.numerals import heading_marker

        if not self._writable():
            return
        specs = [s for s in self.session.template_sections if s.level == 1]
        labels = [s.heading for s in specs] + ["新的一级标题"]

        def done(index: int | None) -> None:
            if index is None:
                return
            draft = parse_draft(self.text_area.text)
            at = draft.back_start if draft.sections else len(draft.lines) + 1
            line = f"{heading_marker(1, len(draft.sections) + 1)}{labels[index]}"
            fixed, _ = renumber(insert_lines(draft, at, [line, "**"]))
            self._replace_all(fixed.text(), at)

        self.app.push_screen(PickOne("从文种结构中添加一部分", labels), done)

    @in_text_order
    def action_renumber(self) -> None:
        from drafter.draft.edit import renumber

        if not self._writable():
            return
        fixed, changes = renumber(parse_draft(self.text_area.text))
        if not changes:
            self.notify("标题序号已经连续、规范")
            return
        self._replace_all(fixed.text())
        self.notify(f"已重排 {len(changes)} 处标题序号（Ctrl+Z 可撤销）")

    # -- files -------------------------------------------------------------------------------

    @in_text_order
    def action_save(self) -> None:
        self.save()

    def save(self, overwrite: bool = False) -> None:
        """Save now, the text as the text area holds it (Ctrl+S, or the writer's answer to a question)."""
        self.sync_text()
        if not self._writable():
            return
        try:
            written = save_draft(self.session, overwrite=overwrite)
        except ChangedOnDiskError:
            self._ask_changed_on_disk()
            return
        except DrafterError as exc:
            self.notify(str(exc), title="保存失败", severity="error")
            return
        except OSError as exc:  # a disk that vanished under the writer: still a message
            self.notify(f"{self.session.path}: 无法保存（{os_reason(exc)}）", title="保存失败", severity="error")
            return
        self.status_bar.set_dirty(self.session.dirty)
        if written.note:
            self.notify(f"已保存 {self.session.path.name}：{written.note}", severity="warning")
        else:
            self.notify(f"已保存 {self.session.path.name}")

    def _ask_changed_on_disk(self) -> None:
        """The file changed since it was read: keep both versions, whichever the writer picks."""
        name = self.session.path.name

        def answered(answer: str | None) -> None:
            if answer == "copy":
                try:
                    copy = save_copy(self.session)
                except DrafterError as exc:
                    self.notify(str(exc), title="保存失败", severity="error")
                    return
                self.notify(f"你的修改已另存为 {copy.name}；{name} 保持对方的版本", title="已另存")
            elif answer == "overwrite":
                self.save(overwrite=True)

        self.app.push_screen(
            Choice(
                f"{name} 在你打开之后被别人或别的程序改过。怎么保存你的修改？",
                [("copy", "另存为副本"), ("overwrite", "覆盖（对方的版本留作 .bak）"), ("cancel", "取消")],
            ),
            answered,
        )

    @in_text_order
    def action_export(self) -> None:
        analysis = self.analysis
        blanks = analysis.blanks if analysis else 0

        def done(choice: tuple[str, Path, bool] | None) -> None:
            if choice is not None:
                self.export_docx(*choice)

        self.app.push_screen(ExportDialog(available_presets(), self.session.path.with_suffix(".docx"), blanks), done)

    @work(thread=True, exclusive=True, group="export")
    def export_docx(self, preset_name: str, output: Path, allow: bool) -> None:
        app = drafter_app(self)
        notify = app.call_from_thread
        request = ExportRequest(
            source=self.session.path,
            text=self.session.text,
            target=output,
            fmt="docx",
            preset=preset_name,
            allow_placeholders=allow,
            config=app.config,
        )
        notify(self.status_bar.show_progress, f"正在导出到 {output.name} ……")
        try:
            result = export_draft(request)
        except BlanksLeftError as exc:
            notify(self.status_bar.show_progress, "")
            notify(
                self.notify,
                f"还有 {len(exc.findings)} 处未填写，未导出（按 F3 逐个跳到待填处）",
                title="导出",
                severity="error",
            )
            return
        except (DrafterError, OSError) as exc:  # a bad preset or an unwritable folder is a message
            notify(self.status_bar.show_progress, "")
            message = os_message(exc) if isinstance(exc, OSError) else str(exc)
            notify(self.notify, message, title="导出失败", severity="error")
            return
        marked = f"，{result.highlighted} 处占位符已用黄色标出" if result.highlighted else ""
        notify(self.status_bar.show_progress, "")
        notify(self.notify, f"已导出到 {result.target}{marked}", title="导出")

    @in_text_order
    def action_external_editor(self) -> None:
        """Edit the section under the cursor in $EDITOR (for terminals whose IME is poor)."""
        if not self._writable():
            return
        _, section = self._section_at_cursor()
        lines = self.text_area.text.split("\n")
        start, end = (section.line - 1, section.end - 1) if section else (0, len(lines))
        editor_cmd = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ("notepad" if os.name == "nt" else "vi")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
            fh.write("\n".join(lines[start:end]))
            temp = Path(fh.name)
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor_cmd, posix=os.name != "nt"), str(temp)], check=False)
            new = temp.read_text(encoding="utf-8").rstrip("\n").split("\n")
        except OSError as exc:
            self.notify(f"无法启动编辑器 {editor_cmd}：{os_reason(exc)}", severity="error")
            return
        except ValueError:  # an unbalanced quote in $EDITOR, or the text saved in another encoding
            self.notify(f"无法启动编辑器 {editor_cmd}：命令写法有误，或保存的不是 UTF-8 文本", severity="error")
            return
        finally:
            temp.unlink(missing_ok=True)
        self._replace_all("\n".join(lines[:start] + new + lines[end:]))

    def confirm_leave(self, then) -> None:  # type: ignore[no-untyped-def]
        """Ask before losing unsaved changes; `then()` runs when it is safe to go."""
        if not self.session.dirty or self.read_only:
            self.session.drop_recovery()
            then()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.save()
                if not self.session.dirty:
                    then()
            elif answer == "discard":
                self.session.drop_recovery()
                then()

        self.app.push_screen(
            Choice("文稿有未保存的修改。", [("save", "保存后退出"), ("discard", "不保存"), ("cancel", "取消")]),
            answered,
        )

    def hang_up(self) -> None:
        """The terminal went away: the unsaved text to the recovery copy (offered at the next
        open), and the lock released. Nothing here may wait on the screen."""
        if not self.read_only and self.session.dirty:
            self.session.text = self.text_area.text
            try:
                self.session.write_recovery()
            except OSError:
                pass
        if self.lock is not None:
            self.lock.release()

    def autosave(self) -> None:
        if self.read_only:
            return
        try:
            self.session.write_recovery()
        except OSError:
            pass
