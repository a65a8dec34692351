"""The start screen: recent drafts, new from template, open a file."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.session import recent_files
from drafter.tui.dialogs import AskPath


class StartScreen(Screen[None]):
    BINDINGS = [("n", "new", "新建"), ("o", "open", "打开")]

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static("drafter  讲话稿 · 述职报告 · 工作总结", id="banner")
            yield Label("开始")
            options = [Option("从模板新建文稿…  (n)", id="new"), Option("打开文件…  (o)", id="open")]
            recent = recent_files()
            if recent:
                options.append(None)  # a separator
                options += [Option(f"{p.name}    {p.parent}", id=f"recent:{p}") for p in recent]
            yield OptionList(*options, id="start-menu")
            yield Static("", id="start-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.data_loaded()
        self.query_one("#start-menu", OptionList).focus()

    def data_loaded(self) -> None:
        notes = self.app.load_notes  # type: ignore[attr-defined]
        if notes:
            self.query_one("#start-notes", Static).update("\n".join(notes))

    @on(OptionList.OptionSelected, "#start-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if key == "new":
            self.action_new()
        elif key == "open":
            self.action_open()
        elif key.startswith("recent:"):
            self.app.open_draft(Path(key.removeprefix("recent:")))  # type: ignore[attr-defined]

    def action_new(self) -> None:
        from drafter.tui.newdraft import NewDraftScreen

        self.app.push_screen(NewDraftScreen())

    def action_open(self) -> None:
        def done(path: Path | None) -> None:
            if path is not None:
                self.app.open_draft(path)  # type: ignore[attr-defined]

        self.app.push_screen(AskPath("打开文稿（.txt、.md，或导入 .docx）："), done)
