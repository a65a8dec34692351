"""The status line: 字数, speaking time, blanks left, findings, saved or not, and progress."""

from __future__ import annotations

from textual.widgets import Static

from drafter.session import Analysis
from drafter.tui.widgets.base import subscribe_analysis


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $primary-background; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.analysis: Analysis | None = None
        self.dirty = False
        self.read_only = False
        self.progress = ""
        self.place = ""  # the table cell the cursor is in, in a Word file
        self._line: str | None = None

    def on_mount(self) -> None:
        subscribe_analysis(self, self.show_analysis)
        self._draw()

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._draw()

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self._draw()

    def show_place(self, place: str) -> None:
        if place != self.place:
            self.place = place
            self._draw()

    def show_progress(self, text: str) -> None:
        """A line of progress (exporting…) until the next redraw of the counts."""
        self.progress = text
        self._draw()

    def _draw(self) -> None:
        saved = "未保存" if self.dirty else "已保存"
        if self.read_only:
            saved = "只读"
        if self.progress:
            self._show(self.progress)
            return
        a = self.analysis
        if a is None:
            self._show(saved)
            return
        problems = len(a.findings) - a.blanks
        outside = f" · 正文外待填 {len(a.outside)} 处" if a.outside else ""
        place = f" · 光标在{self.place}" if self.place else ""
        self._show(
            f"{a.chars:,} 字 · 讲话{a.minutes} · 待填 {a.blanks} 处{outside} · 问题 {problems} 处 · {saved}{place}"
        )

    def _show(self, line: str) -> None:
        """One row whatever it says: redrawn alone, never a layout of the screen (a layout on each
        analysis cost a key typed at that moment a frame of every pane)."""
        if line != self._line:
            self._line = line
            self.update(line, layout=False)
