"""The command palette (Ctrl+P) in Chinese, for the editor and the fill screen alike.

Textual's own palette speaks English: its search box says "Search for commands…", an empty search
says "No matches found", its keys read "Exit the command palette" in the footer, and the app's
system commands (Theme, Quit, Keys, Maximize, Screenshot) come first. drafter's apps open this one
instead and list only their own commands, each named in Chinese."""

from __future__ import annotations

from typing import ClassVar

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "输入命令、标题或词条……"
NO_MATCHES = "没有匹配的命令"


class ChinesePalette(CommandPalette):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+end, shift+end", "command_list('last')", "到最后", show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", "到最前", show=False),
        Binding("down", "cursor_down", "下一个", show=False),
        Binding("escape", "escape", "关闭命令面板"),
        Binding("pagedown", "command_list('page_down')", "下一页", show=False),
        Binding("pageup", "command_list('page_up')", "上一页", show=False),
        Binding("up", "command_list('cursor_up')", "上一个", show=False),
    ]

    def __init__(self, placeholder: str = PLACEHOLDER) -> None:
        super().__init__(placeholder=placeholder, id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with the message in Chinese."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
