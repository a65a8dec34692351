"""The editor screen: outline · text · phrase panel · findings, and the status bar."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, OptionList, Select, Static, Switch, TextArea, Tree
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection
from textual.worker import get_current_worker

from drafter.session import Analysis, DraftSession, next_blank
from drafter.tui.dialogs import Choice, Confirm, ExportDialog, PickOne

CHECK_DELAY = 0.4  # seconds of quiet typing before the checks run
# Words of a heading that tell what part of the speech it is, for the phrase panel's role filter.
_HEADING_ROLES = (
    (("原因", "根源", "剖析"), ["cause"]),
    (("问题", "不足", "差距", "短板"), ["problem"]),
    (("成绩", "成效", "成果", "肯定", "回顾", "履职", "主要工作"), ["achievement", "summary"]),
    (("打算", "措施", "下一步", "部署", "思路", "整改", "努力", "开创", "推动", "加强"), ["measure", "requirement"]),
    (("学习",), ["learning"]),
)


def roles_for_heading(title: str) -> list[str]:
    for words, roles in _HEADING_ROLES:
        if any(w in title for w in words):
            return roles
    return []


SEARCH_LIMIT = 60


class EditorScreen(Screen[None]):
    """Editing one draft."""

    BINDINGS = [
        Binding("ctrl+s", "save", "保存", id="save", priority=True),
        Binding("f3", "next_blank", "下一空", id="next_blank", priority=True),
        Binding("shift+f3", "prev_blank", "上一空", id="prev_blank", priority=True),
        Binding("ctrl+f", "find_phrase", "查词条", id="find_phrase", priority=True),
        Binding("f4", "apply_suggestion", "采纳建议", id="apply_suggestion", priority=True),
        Binding("f6", "toggle_findings", "问题", id="toggle_findings", priority=True),
        Binding("f7", "focus_outline", "结构", id="focus_outline", priority=True),
        Binding("alt+up", "move_section(-1)", "上移", id="move_up", priority=True),
        Binding("alt+down", "move_section(1)", "下移", id="move_down", priority=True),
        Binding("ctrl+n", "add_section", "加一部分", id="add_section", priority=True),
        Binding("f8", "delete_section", "删除部分", id="delete_section", priority=True),
        Binding("ctrl+r", "renumber", "重排序号", id="renumber", priority=True),
        Binding("ctrl+e", "export", "导出", id="export", priority=True),
        Binding("f2", "external_editor", "外部编辑", id="external_editor", priority=True),
        Binding("escape", "focus_editor", "回到正文", show=False),
    ]

    def __init__(self, session: DraftSession) -> None:
        super().__init__()
        self.session = session
        self.analysis: Analysis | None = None
        self._check_timer: Timer | None = None
        self._hits: list[object] = []
        self._suppress_change = False

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Label("结构", classes="panel-title")
                tree: Tree[int] = Tree("文稿", id="outline")
                tree.show_root = False
                yield tree
            with Vertical(id="center"):
                yield TextArea(self.session.text, id="editor", soft_wrap=True, show_line_numbers=False)
                yield OptionList(id="findings")
            with Vertical(id="right"):
                yield Label("词库", classes="panel-title")
                yield Input(placeholder="汉字、拼音或首字母（lgql）", id="phrase-query")
                yield Select([], prompt="全部类别", id="category")
                with Horizontal(id="role-row"):
                    yield Switch(value=False, id="role-filter")
                    yield Label("只看适合当前部分的", id="role-label")
                yield OptionList(id="phrase-results")
                yield Static("", id="phrase-preview")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"drafter — {self.session.path.name}"
        self.session.rate = self.app.rate  # type: ignore[attr-defined]
        self.query_one("#editor", TextArea).focus()
        self._update_status()
        if self.app.engine is not None:  # type: ignore[attr-defined]
            self.data_loaded()
        if self.app.bank is not None and self.app.bank.search_ready:  # type: ignore[attr-defined]
            self.bank_ready()

    def data_loaded(self) -> None:
        """The checks (and the bank's entries) are ready: analyse the draft."""
        self.session.rate = self.app.rate  # type: ignore[attr-defined]
        self.run_checks()

    def bank_ready(self) -> None:
        """The phrase bank's search index is ready: fill the category filter and the results."""
        bank = self.app.bank  # type: ignore[attr-defined]
        self.query_one("#category", Select).set_options([(c, c) for c in bank.categories()])
        self.refresh_phrases()

    # -- checks, outline and status ---------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _text_changed(self, event: TextArea.Changed) -> None:
        self.session.text = event.text_area.text
        self._update_status()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)

    @work(thread=True, exclusive=True, group="checks")
    def run_checks(self) -> None:
        worker = get_current_worker()
        engine = self.app.engine  # type: ignore[attr-defined]
        if engine is None:
            return  # the data worker calls data_loaded() when it is ready
        analysis = self.session.analyze(engine)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_analysis, analysis)

    def _show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        tree = self.query_one("#outline", Tree)
        tree.clear()

        def add(node, row) -> None:  # type: ignore[no-untyped-def]
            # Short title first, then the counts, so both fit a narrow panel.
            title = row.label if len(row.label) <= 10 else row.label[:9] + "…"
            label = Text(title, no_wrap=True, overflow="ellipsis")
            label.append(f" {row.chars}字", style="dim")
            if row.blanks:
                label.append(f" {row.blanks}空", style="bold yellow")
            child = node.add(label, data=row.line, expand=True) if row.children else node.add_leaf(label, data=row.line)
            for sub in row.children:
                add(child, sub)

        for row in analysis.outline:
            add(tree.root, row)
        findings = self.query_one("#findings", OptionList)
        options = []
        for i, f in enumerate(analysis.findings):
            label = Text(f"{f.line}:{f.column} ", style="dim")
            label.append(f"{f.severity.label} ", style="bold red" if f.severity.value == "error" else "yellow")
            label.append(f.message)
            options.append(Option(label, id=str(i)))
        findings.clear_options()
        findings.add_options(options)
        self._update_status()

    def _update_status(self) -> None:
        a = self.analysis
        saved = "未保存" if self.session.dirty else "已保存"
        if a is None:
            self.query_one("#status", Static).update(f" {saved}")
            return
        self.query_one("#status", Static).update(
            f" {a.chars:,} 字 · 讲话{a.minutes} · 待填 {a.blanks} 处 · 问题 {len(a.findings) - a.blanks} 处 · {saved}"
        )

    # -- blanks and findings ----------------------------------------------------------------

    def _jump(self, backwards: bool) -> None:
        if self.analysis is None:
            return
        editor = self.query_one("#editor", TextArea)
        row, column = editor.cursor_location
        target = next_blank(self.analysis.findings, row, column, backwards)
        if target is None:
            self.notify("没有未填写的占位符了", title="待填")
            return
        r, c, length = target
        editor.focus()
        editor.selection = Selection((r, c), (r, c + length))
        editor.scroll_cursor_visible(center=True)

    def action_next_blank(self) -> None:
        self._jump(False)

    def action_prev_blank(self) -> None:
        self._jump(True)

    @on(OptionList.OptionSelected, "#findings")
    def _finding_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.analysis is None:
            return
        f = self.analysis.findings[int(event.option.id or 0)]
        editor = self.query_one("#editor", TextArea)
        editor.focus()
        editor.selection = Selection((f.line - 1, f.column - 1), (f.line - 1, f.column - 1 + len(f.text)))
        editor.scroll_cursor_visible(center=True)

    def action_apply_suggestion(self) -> None:
        """Replace the finding under the cursor (or highlighted in the list) with its suggestion."""
        if self.analysis is None:
            return
        editor = self.query_one("#editor", TextArea)
        findings = self.query_one("#findings", OptionList)
        chosen = None
        if findings.has_focus and findings.highlighted is not None:
            chosen = self.analysis.findings[findings.highlighted]
        else:
            row, col = editor.cursor_location
            for f in self.analysis.findings:
                if f.line - 1 == row and f.column - 1 <= col <= f.column - 1 + len(f.text):
                    chosen = f
                    break
        if chosen is None or chosen.suggestion is None:
            self.notify("这里没有可以采纳的建议", severity="warning")
            return
        start = (chosen.line - 1, chosen.column - 1)
        editor.replace(chosen.suggestion, start, (start[0], start[1] + len(chosen.text)))
        editor.focus()
        self.notify(f"已改为“{chosen.suggestion}”")

    def action_toggle_findings(self) -> None:
        findings = self.query_one("#findings", OptionList)
        findings.display = not findings.display
        if findings.display:
            findings.focus()

    def action_focus_outline(self) -> None:
        self.query_one("#outline", Tree).focus()

    def action_focus_editor(self) -> None:
        self.query_one("#editor", TextArea).focus()

    @on(Tree.NodeSelected, "#outline")
    def _section_chosen(self, event: Tree.NodeSelected) -> None:
        line = event.node.data
        if isinstance(line, int):
            editor = self.query_one("#editor", TextArea)
            editor.move_cursor((line - 1, 0), center=True)
            editor.focus()

    # -- phrases -----------------------------------------------------------------------------

    def action_find_phrase(self) -> None:
        self.query_one("#phrase-query", Input).focus()

    @on(Input.Changed, "#phrase-query")
    @on(Select.Changed, "#category")
    @on(Switch.Changed, "#role-filter")
    def _query_changed(self) -> None:
        self.refresh_phrases()

    def _current_roles(self) -> list[str]:
        """The phrase-bank roles of the part the cursor is in: from the template's skeleton when
        the draft came from one, else read from the heading's words (成绩, 问题, 原因, 措施…)."""
        if self.analysis is None:
            return []
        row = self.query_one("#editor", TextArea).cursor_location[0] + 1
        draft = self.analysis.draft
        if draft.sections and row < draft.sections[0].line:
            return ["salutation", "opening"]
        if draft.sections and row >= draft.back_start:
            return ["closing", "greeting"]
        top = [s for s in draft.sections if s.line <= row]
        if not top:
            return []
        specs = [s for s in self.session.template_sections if getattr(s, "level", 1) >= 1]
        if specs and len(top) <= len(specs):
            return list(getattr(specs[len(top) - 1], "roles", ()))
        return roles_for_heading(top[-1].heading.title)

    def refresh_phrases(self) -> None:
        """Read the search box and filters here, on the UI thread; search in a worker."""
        bank = self.app.bank  # type: ignore[attr-defined]
        if bank is None or not bank.search_ready:
            return  # bank_ready() searches once the index is built
        category = self.query_one("#category", Select).value
        roles = self._current_roles() if self.query_one("#role-filter", Switch).value else []
        self.search_phrases(
            self.query_one("#phrase-query", Input).value, category if isinstance(category, str) else None, roles
        )

    @work(thread=True, exclusive=True, group="search")
    def search_phrases(self, query: str, category: str | None, roles: list[str]) -> None:
        bank = self.app.bank  # type: ignore[attr-defined]
        worker = get_current_worker()
        hits = []
        for role in roles or [None]:
            hits += bank.search(query, limit=SEARCH_LIMIT, category=category, role=role)
        if roles:
            hits.sort(key=lambda h: -h.score)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_hits, hits[:SEARCH_LIMIT])

    def _show_hits(self, hits: list[object]) -> None:
        self._hits = hits
        results = self.query_one("#phrase-results", OptionList)
        options = []
        for i, hit in enumerate(hits):
            entry = hit.entry  # type: ignore[attr-defined]
            label = Text(entry.text, no_wrap=True, overflow="ellipsis")
            for start, end in hit.spans:  # type: ignore[attr-defined]
                label.stylize("bold reverse", start, end)
            options.append(Option(label, id=str(i)))
        results.clear_options()
        results.add_options(options)  # one update, not one per result
        if hits:
            results.highlighted = 0
        self._preview(0)

    @on(OptionList.OptionHighlighted, "#phrase-results")
    def _hit_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(int(event.option.id or 0))

    def _preview(self, index: int) -> None:
        preview = self.query_one("#phrase-preview", Static)
        if not self._hits or index >= len(self._hits):
            preview.update("没有找到词条" if self.query_one("#phrase-query", Input).value else "")
            return
        e = self._hits[index].entry  # type: ignore[attr-defined]
        lines = [e.text, f"[{e.category}{'/' + e.role if e.role else ''}] {e.id}"]
        if e.items:
            lines.append("要素：" + "、".join(e.items))
        if e.note:
            lines.append(e.note)
        preview.update(Text("\n".join(lines)))

    @on(Input.Submitted, "#phrase-query")
    def _query_submitted(self) -> None:
        results = self.query_one("#phrase-results", OptionList)
        if self._hits:
            self._insert(results.highlighted or 0)

    @on(OptionList.OptionSelected, "#phrase-results")
    def _hit_chosen(self, event: OptionList.OptionSelected) -> None:
        self._insert(int(event.option.id or 0))

    def _insert(self, index: int) -> None:
        if index >= len(self._hits):
            return
        text = self._hits[index].entry.text  # type: ignore[attr-defined]
        editor = self.query_one("#editor", TextArea)
        editor.insert(text)
        editor.focus()
        self.notify("已插入词条")

    def goto_line(self, line: int) -> None:
        editor = self.query_one("#editor", TextArea)
        editor.move_cursor((line - 1, 0), center=True)
        editor.focus()

    def insert_text(self, text: str) -> None:
        editor = self.query_one("#editor", TextArea)
        editor.insert(text)
        editor.focus()

    # -- structure ---------------------------------------------------------------------------

    def _replace_all(self, text: str) -> None:
        editor = self.query_one("#editor", TextArea)
        location = editor.cursor_location
        editor.load_text(text)
        self.session.text = text
        row = min(location[0], max(len(text.split("\n")) - 1, 0))
        editor.move_cursor((row, 0))
        self._update_status()
        self.run_checks()

    def _section_at_cursor(self):  # type: ignore[no-untyped-def]
        from drafter.draft import parse_draft

        draft = parse_draft(self.session.text)
        row = self.query_one("#editor", TextArea).cursor_location[0] + 1
        inside = [s for s in draft.walk() if s.line <= row < s.end]
        return draft, (inside[-1] if inside else None)

    def action_move_section(self, delta: int) -> None:
        from drafter.draft.edit import move_section, renumber

        draft, section = self._section_at_cursor()
        if section is None:
            self.notify("光标不在任何标题之下", severity="warning")
            return
        moved = move_section(draft, section, delta)
        if moved.lines == draft.lines:
            self.notify("已经到头了", severity="warning")
            return
        fixed, _ = renumber(moved)
        title = section.heading.title
        self._replace_all(fixed.text())
        target = next((s for s in fixed.walk() if s.heading.title == title), None)
        if target is not None:
            self.query_one("#editor", TextArea).move_cursor((target.line - 1, 0), center=True)

    def action_delete_section(self) -> None:
        from drafter.draft.edit import delete_section, renumber

        draft, section = self._section_at_cursor()
        if section is None:
            self.notify("光标不在任何标题之下", severity="warning")
            return

        def done(yes: bool | None) -> None:
            if yes:
                fixed, _ = renumber(delete_section(draft, section))
                self._replace_all(fixed.text())

        self.app.push_screen(
            Confirm(f"删除“{section.heading.marker}{section.heading.title}”这一部分（含下级内容）？", "删除"), done
        )

    def action_add_section(self) -> None:
        from drafter.draft import parse_draft
        from drafter.draft.edit import insert_lines, renumber
        from drafter.numerals import heading_marker

        specs = [s for s in self.session.template_sections if getattr(s, "level", 1) >= 1]
        labels = [getattr(s, "heading", "") for s in specs] + ["新的一级标题"]

        def done(index: int | None) -> None:
            if index is None:
                return
            heading = labels[index]
            draft = parse_draft(self.session.text)
            at = draft.back_start if draft.sections else len(draft.lines) + 1
            line = f"{heading_marker(1, len(draft.sections) + 1)}{heading}"
            fixed, _ = renumber(insert_lines(draft, at, [line, "**"]))
            self._replace_all(fixed.text())
            self.query_one("#editor", TextArea).move_cursor((at - 1, 0), center=True)

        self.app.push_screen(PickOne("从文种结构中添加一部分", labels), done)

    def action_renumber(self) -> None:
        from drafter.draft import parse_draft
        from drafter.draft.edit import renumber

        fixed, changes = renumber(parse_draft(self.session.text))
        if not changes:
            self.notify("标题序号已经连续、规范")
            return
        self._replace_all(fixed.text())
        self.notify(f"已重排 {len(changes)} 处标题序号")

    # -- files -------------------------------------------------------------------------------

    def action_save(self) -> None:
        try:
            self.session.save()
        except Exception as exc:
            self.notify(str(exc), title="保存失败", severity="error")
            return
        self._update_status()
        self.notify(f"已保存 {self.session.path.name}")

    def action_export(self) -> None:
        from drafter.export.presets import available_presets

        presets = list(available_presets())
        presets.sort(key=lambda name: (name != "gbt9704", name))
        blanks = self.analysis.blanks if self.analysis else 0

        def done(choice: tuple[str, Path, bool] | None) -> None:
            if choice is not None:
                self.export_docx(*choice)

        self.app.push_screen(ExportDialog(presets, self.session.path.with_suffix(".docx"), blanks), done)

    @work(thread=True, exclusive=True, group="export")
    def export_docx(self, preset_name: str, output: Path, allow: bool) -> None:
        from drafter.checks import build_engine
        from drafter.document import Document
        from drafter.export.docx_writer import build_docx
        from drafter.export.presets import load_preset
        from drafter.fileio import atomic_write_bytes

        notify = self.app.call_from_thread
        text = self.session.text
        try:
            findings = build_engine(only=["placeholder"]).check(Document(str(self.session.path), "text", text))
            errors = [f for f in findings if f.severity.value == "error"]
            if errors and not allow:
                notify(
                    self.notify,
                    f"还有 {len(errors)} 处未填写，未导出（按 F3 逐个跳到待填处）",
                    title="导出",
                    severity="error",
                )
                return
            notify(self.query_one("#status", Static).update, f" 正在导出到 {output.name} ……")
            blanks: dict[int, list[tuple[int, int]]] = {}
            for f in findings:
                blanks.setdefault(f.line, []).append((f.column - 1, f.column - 1 + len(f.text)))
            from drafter.draft import parse_draft

            data = build_docx(parse_draft(text), load_preset(preset_name), blanks)
            atomic_write_bytes(output, data)
        except Exception as exc:  # a bad preset or an unwritable folder is a message, not a crash
            notify(self._update_status)
            notify(self.notify, str(exc), title="导出失败", severity="error")
            return
        marked = f"，{len(errors)} 处占位符已用黄色标出" if errors else ""
        notify(self._update_status)
        notify(self.notify, f"已导出到 {output}{marked}", title="导出")

    def action_external_editor(self) -> None:
        """Edit the section under the cursor in $EDITOR (for terminals whose IME is poor)."""
        _, section = self._section_at_cursor()
        lines = self.session.text.split("\n")
        start, end = (section.line - 1, section.end - 1) if section else (0, len(lines))
        editor_cmd = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ("notepad" if os.name == "nt" else "vi")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
            fh.write("\n".join(lines[start:end]))
            temp = Path(fh.name)
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor_cmd, posix=os.name != "nt"), str(temp)], check=False)
            new = temp.read_text(encoding="utf-8").rstrip("\n").split("\n")
        except Exception as exc:
            self.notify(f"无法启动编辑器 {editor_cmd}：{exc}", severity="error")
            return
        finally:
            temp.unlink(missing_ok=True)
        self._replace_all("\n".join(lines[:start] + new + lines[end:]))

    def confirm_leave(self, then) -> None:  # type: ignore[no-untyped-def]
        """Ask before losing unsaved changes; `then()` runs when it is safe to go."""
        if not self.session.dirty:
            self.session.drop_recovery()
            then()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
                if not self.session.dirty:
                    then()
            elif answer == "discard":
                self.session.drop_recovery()
                then()

        self.app.push_screen(
            Choice("文稿有未保存的修改。", [("save", "保存后退出"), ("discard", "不保存"), ("cancel", "取消")]),
            answered,
        )

    def autosave(self) -> None:
        try:
            self.session.write_recovery()
        except OSError:
            pass
