"""A one-line input box whose bound keys run in the order they were typed.

Textual inserts a printable key in the box at once, but runs a bound key (Backspace, Delete, the
arrows, Home, Enter...) only when it has bubbled up through the screen to the app. A burst from
the terminal (a fast typist, an IME's commit, tmux) is then applied out of order: `dangjian`, four
Backspaces and `feng` typed at once left `dangjian` in the phrase search, the Backspaces deleting
the `feng` typed after them. Here every bound key of the box runs in the box's own key queue,
before the next key is looked at."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from drafter.tui.inorder import run_own_binding


class InOrderInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        if not await run_own_binding(self, event):
            await super()._on_key(event)
