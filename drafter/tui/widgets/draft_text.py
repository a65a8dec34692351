"""The draft's text area. A change made to the whole text (moving, adding or deleting a section,
renumbering, an external editor's result) is one edit of the changed lines only, so it is a single
step for Ctrl+Z and the cursor stays where the writer was.

A keystroke redraws only the rows of the line it changed: Textual's TextArea forgets every drawn
row on each edit (and, with soft wrap, on each cursor move), so on a 100-page draft a key cost a
redraw of the whole screenful of wrapped Chinese text, about two thirds of its time. Rows away
from the cursor and the selection are kept here by what they show (the line's text, its wrap,
the width), which an edit elsewhere cannot change."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.document import _wrapped_document
from textual.document._edit import Edit
from textual.document._history import EditHistory
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import TextArea

from drafter.linebreak import keep_marks_attached
from drafter.tui.inorder import run_own_binding
from drafter.tui.widgets.base import resize_content

ROW_CACHE = 4096  # drawn rows kept: a few screenfuls of a long draft
# Screen actions that decide where the keys typed next will land. Textual runs a screen's binding
# only once the key has bubbled up to it, and by then the text area has taken the characters typed
# after it: under tmux, 长江 F3 12 F3 34 typed at once put 1234 into one blank. These run here, in
# the text area's own key queue, before the next key is looked at.
IN_ORDER = frozenset({"next_blank", "prev_blank"})


_textual_offsets = getattr(_wrapped_document, "compute_wrap_offsets", None)


def _offsets_keeping_marks(text: str, width: int, tab_size: int, *args: Any, **kwargs: Any) -> list[int]:
    """Textual's wrap offsets of one line, moved so that no row starts with 、，。 or a closing quote
    (drafter.linebreak). A line with a tab keeps Textual's: tabs expand from the line's start."""
    assert _textual_offsets is not None
    breaks: list[int] = _textual_offsets(text, width, tab_size, *args, **kwargs)
    if not breaks or "\t" in text:
        return breaks
    return keep_marks_attached(
        text, breaks, lambda start: [start + b for b in _textual_offsets(text[start:], width, tab_size)]
    )


@contextmanager
def _marks_kept() -> Iterator[None]:
    """Textual's WrappedDocument with drafter's line breaking, for the duration of one wrap (the
    module's function is looked up at each call; restored at once, so no other widget sees it)."""
    if _textual_offsets is None:  # another Textual: its own wrapping
        yield
        return
    _wrapped_document.compute_wrap_offsets = _offsets_keeping_marks  # type: ignore[attr-defined]
    try:
        yield
    finally:
        _wrapped_document.compute_wrap_offsets = _textual_offsets  # type: ignore[attr-defined]


class ChineseWrappedDocument(WrappedDocument):
    """Soft wrap that never starts a row with closing punctuation (行首禁则)."""

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        with _marks_kept():
            super().wrap(width, tab_width)

    def wrap_range(self, start: Any, old_end: Any, new_end: Any) -> None:
        with _marks_kept():
            super().wrap_range(start, old_end, new_end)


class FillHistory(EditHistory):
    """Textual starts a new undo step when typing goes from replacing to inserting, so a blank
    chosen with F3 and filled key by key (国 over the `**`, then 资委) took two Ctrl+Z, and the first
    left 国 behind where no check sees a blank any more. A one-character replacement (typing over
    a selection) starts a step that the characters typed right after it join."""

    def record(self, edit: Edit) -> None:
        super().record(edit)
        result = edit._edit_result
        if result is not None and result.replaced_text and len(edit.text) == 1 and "\n" not in result.replaced_text:
            self._previously_replaced = False


# Keys that would change the text, besides the printable ones.
_EDITING_KEYS = frozenset({"backspace", "delete", "enter", "tab", "ctrl+v", "ctrl+x"})
# Seconds before a writer who keeps typing into a read-only draft is told again.
_TELL_AGAIN = 5.0


class DraftText(TextArea):
    DEFAULT_CSS = """
    DraftText { height: 1fr; border: none; }
    DraftText:focus { border: none; }
    """

    # Word's keys for the start and end of the document, which Textual's text area leaves unbound
    # (a writer on a 100-page draft pressed them and nothing happened).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "document_start", "到开头", show=False),
        Binding("ctrl+end", "document_end", "到末尾", show=False),
        Binding("ctrl+shift+home", "document_start(True)", "选到开头", show=False),
        Binding("ctrl+shift+end", "document_end(True)", "选到末尾", show=False),
    ]

    def __init__(
        self, text: str, *, id: str | None = None, read_only: bool = False, read_only_reason: str = ""
    ) -> None:
        super().__init__(text, id=id, soft_wrap=True, show_line_numbers=False, read_only=read_only)
        self.read_only_reason = read_only_reason or "另一个编辑器正在编辑它"
        self._rows: dict[tuple[object, ...], Strip] = {}
        self._told_read_only = -_TELL_AGAIN
        self.history = FillHistory(
            max_checkpoints=self.history.max_checkpoints, checkpoint_timer=2.0, checkpoint_max_characters=100
        )

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only and (event.is_printable or event.key in _EDITING_KEYS):
            # Typing into a draft opened read-only did nothing, with no word why.
            now = time.monotonic()
            if now - self._told_read_only > _TELL_AGAIN:
                self._told_read_only = now
                self.notify(f"这篇文稿以只读方式打开，不能修改（{self.read_only_reason}）", severity="warning")
        if not event.is_printable:
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.enabled and active.binding.action in IN_ORDER:
                event.stop()
                event.prevent_default()
                await self.app.run_action(active.binding.action, active.node)
                return
            # The text area's own keys (arrows, Home, End, Backspace...) run here too, not once
            # the key has bubbled up to the app: an action queued behind them (drafter.tui.inorder)
            # must find the cursor where they put it (End ← F4 applied the fix where End started).
            if await run_own_binding(self, event):
                return
        await super()._on_key(event)

    def action_document_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_document_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        if type(self.wrapped_document) is WrappedDocument:  # the navigator holds this very object
            self.wrapped_document.__class__ = ChineseWrappedDocument
            self._wrapped_for = None  # wrapped by Textual's rule so far
            if self.wrap_width:
                self._rewrap_and_refresh_virtual_size()

    def _rewrap_and_refresh_virtual_size(self) -> None:
        """As TextArea's, without wrapping the whole text again at the width it is wrapped at: a
        resize that keeps the width (the first one, as the editor opens) re-wrapped a 100-page
        draft a second time, 20-40 ms on the UI thread before the first frame. Edits keep the
        wrapping up to date line by line; a new text or another width wraps it all."""
        wrapped = self.wrapped_document
        same = (
            wrapped is getattr(self, "_wrapped_for", None)
            and getattr(wrapped, "_width", None) == self.wrap_width
            and getattr(wrapped, "_tab_width", None) == self.indent_width
            and len(getattr(wrapped, "_wrap_offsets", ())) == self.document.line_count
        )
        if not same:
            super()._rewrap_and_refresh_virtual_size()
            self._wrapped_for = wrapped
            return
        self._line_cache.clear()
        self._refresh_size()

    def _refresh_size(self) -> None:
        """A line that wraps onto one more row (or one fewer) only lengthens the scrollbar: no
        layout of the whole screen for it, which cost that key a redraw of every pane."""
        if not self.soft_wrap:
            super()._refresh_size()
            return
        resize_content(self, Size(0, self.wrapped_document.height))
        self._refresh_scrollbars()

    def notify_style_update(self) -> None:
        self._rows.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        """A row of the text: from the cache unless the cursor, the selection or a matched bracket
        is on its line (those rows are drawn by TextArea as they are every time)."""
        try:
            info = self.wrapped_document._offset_to_line_info  # (line, wrap section) of each row
            bracket = self._matching_bracket_location
        except AttributeError:  # another Textual: draw every row the stock way
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        if self.show_line_numbers or self.language is not None or not 0 <= row < len(info) or not self.text:
            return super().render_line(y)
        line_index, section = info[row]
        top, bottom = sorted(self.selection)
        if top[0] <= line_index <= bottom[0] or (bracket is not None and bracket[0] == line_index):
            return super().render_line(y)
        line = self.document.get_line(line_index)
        key = (self.size, scroll_x, self.theme, self.soft_wrap, self.read_only, line_index, section, line)
        strip = self._rows.get(key)
        if strip is None:
            if len(self._rows) >= ROW_CACHE:
                self._rows.clear()
            strip = self._rows[key] = super().render_line(y)
        return strip

    def replace_whole(self, new: str) -> None:
        """Make the text `new` by replacing only the lines that differ: one undoable edit."""
        old_lines = self.text.split("\n")
        new_lines = new.split("\n")
        if old_lines == new_lines:
            return
        top = 0
        while top < min(len(old_lines), len(new_lines)) and old_lines[top] == new_lines[top]:
            top += 1
        bottom = 0
        while bottom < min(len(old_lines), len(new_lines)) - top and old_lines[-1 - bottom] == new_lines[-1 - bottom]:
            bottom += 1
        old_end = len(old_lines) - bottom
        new_middle = new_lines[top : len(new_lines) - bottom]
        if old_end < len(old_lines):  # replace whole lines up to the start of the first kept one
            start, end = (top, 0), (old_end, 0)
            replacement = "".join(line + "\n" for line in new_middle)
        else:  # the change reaches the end of the text
            end = (len(old_lines) - 1, len(old_lines[-1]))
            if top < len(old_lines) and (new_middle or top == 0):
                start = (top, 0)
                replacement = "\n".join(new_middle)
            else:  # lines appended or the last lines removed: start at the end of the kept line
                start = (top - 1, len(old_lines[top - 1]))
                replacement = "".join("\n" + line for line in new_middle)
        self.replace(replacement, start, end, maintain_selection_offset=False)
        if self.text != new:  # the range arithmetic must never corrupt the text: fall back to all
            self.replace(new, (0, 0), self.document.end, maintain_selection_offset=False)
