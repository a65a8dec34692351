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
from drafter.tui.actions import START, bindings
from drafter.tui.context import drafter_app
from drafter.tui.dialogs import AskPath
from drafter.tui.messages import DataLoaded


class StartScreen(Screen[None]):
    BINDINGS = bindings(START)
    DEFAULT_CSS = """
    StartScreen #start { align: center middle; padding: 1 4; }
    StartScreen #banner { text-style: bold; color: $accent; padding: 1 0; }
    StartScreen #start-menu { height: auto; max-height: 20; }
    StartScreen #start-notes { color: $warning; padding: 1 0; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static("drafter  讲话稿 · 述职报告 · 工作总结", id="banner")
            yield Label("开始")
            options: list[Option | None] = [
                Option("从模板新建文稿…  (n)", id="new"),
                Option("打开文件…  (o)", id="open"),
            ]
            recent = recent_files()
            if recent:
                options.append(None)  # a separator
                options += [Option(f"{p.name}    {p.parent}", id=f"recent:{p}") for p in recent]
            yield OptionList(*options, id="start-menu")
            yield Static("", id="start-notes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        app = drafter_app(self)
        app.data_signal.subscribe(self, self._data_loaded)
        self._show_notes()
        self.query_one("#start-menu", OptionList).focus()

    def _data_loaded(self, _message: DataLoaded) -> None:
        self._show_notes()

    def _show_notes(self) -> None:
        notes = drafter_app(self).load_notes
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
            drafter_app(self).open_draft(Path(key.removeprefix("recent:")))

    def action_new(self) -> None:
        from drafter.tui.newdraft import NewDraftScreen

        self.app.push_screen(NewDraftScreen())

    def action_open(self) -> None:
        def done(path: Path | None) -> None:
            if path is not None:
                drafter_app(self).open_draft(path)

        self.app.push_screen(AskPath("打开文稿（.txt、.md，或导入 .docx）："), done)
