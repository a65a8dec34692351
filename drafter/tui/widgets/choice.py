"""Textual's Select, with its menu's footer hint in Chinese ("Dismiss menu" leaked into the UI)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay


class ChineseOverlay(SelectOverlay):
    BINDINGS = [("escape", "dismiss", "关闭菜单")]


class ChoiceBox(Select[Any]):
    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield ChineseOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
