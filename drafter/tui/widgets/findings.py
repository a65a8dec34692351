"""The findings list below the text, virtualised: a new analysis only swaps the list and marks
the pane dirty, and a frame renders the visible rows alone (each a one-line label built when
first drawn), so 869 findings cost no more than the nine rows on screen. An OptionList measured
every option's height up front, about 140 ms per analysis on a 100-page draft, on the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

from drafter.services.checking import Finding
from drafter.session import Analysis
from drafter.tui.widgets.base import resize_content, subscribe_analysis


def finding_label(f: Finding, outside: bool = False) -> Text:
    """One row: where (line:column in the text, or the part of a Word file outside it), how bad, what."""
    where = f"{f.location} " if outside else f"{f.line}:{f.column} "
    label = Text(where, style="dim", no_wrap=True, overflow="ellipsis")
    label.append(f"{f.severity.label} ", style="bold red" if f.severity.value == "error" else "yellow")
    label.append(f.message)
    return label


class FindingsPane(ScrollView, can_focus=True):
    """One row per finding; ↑↓ PgUp PgDn Home End move the highlight, Enter or a click jumps."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"findings--row", "findings--highlighted"}
    # The look of the OptionList this replaces, so the screen looks the same.
    DEFAULT_CSS = """
    FindingsPane {
        height: 9; border-top: solid $primary-background; padding: 0 1; overflow-x: hidden;
        color: $foreground; background: $surface; text-wrap: nowrap; text-overflow: ellipsis;
        & > .findings--highlighted { color: $foreground; background: $block-cursor-blurred-background; }
        &:focus {
            background-tint: $foreground 5%;
            & > .findings--highlighted {
                color: $block-cursor-foreground; background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    FindingsPane.-short { height: 5; }
    """

    highlighted: reactive[int | None] = reactive(None)

    @dataclass
    class Jump(Message):
        finding: Finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []
        self._finding_keys: list[tuple[int, int, str, str, str, str, str]] = []
        self._inside = 0
        self._visuals: dict[int, Visual] = {}  # row -> its label, for the current findings
        self._strips: dict[tuple[int, bool, int], Strip] = {}  # (row, highlighted, width) -> drawn row

    def on_mount(self) -> None:
        subscribe_analysis(self, self.show_analysis)

    @property
    def option_count(self) -> int:
        return len(self.findings)

    def show_analysis(self, analysis: Analysis) -> None:
        """Swap in the new findings; only the rows on screen whose finding changed are drawn
        again, in the next frame. A key typed mid-draft shifts the findings of its own line, far
        from the top of the list, so most analyses redraw no row at all: the frame that shows them
        is the one a key typed at that moment waits for."""
        self.findings = [*analysis.findings, *analysis.outside]
        self._inside = len(analysis.findings)  # the rows after these are outside the text
        keys = [(f.line, f.column, f.rule, f.text, f.message, f.severity.value, f.location) for f in self.findings]
        old = self._finding_keys
        if keys == old:
            return
        self._finding_keys = keys
        changed = {
            row
            for row in range(max(len(keys), len(old)))
            if row >= len(keys) or row >= len(old) or keys[row] != old[row]
        }
        for row in changed:
            self._visuals.pop(row, None)
        self._strips = {key: strip for key, strip in self._strips.items() if key[0] not in changed}
        keep = self.highlighted
        resize_content(self, Size(self.scrollable_content_region.width, len(self.findings)))
        self.highlighted = min(keep, len(self.findings) - 1) if keep is not None and self.findings else None
        top = self.scroll_offset.y
        for row in sorted(changed):
            if row >= top + self.size.height:
                break
            if row >= top:
                self.refresh_line(row)

    def chosen(self) -> Finding | None:
        """The highlighted finding (when the list has focus, F4 and Enter act on it)."""
        if self.highlighted is None or self.highlighted >= len(self.findings):
            return None
        return self.findings[self.highlighted]

    # -- drawing -----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.findings))

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if row >= len(self.findings):
            return Strip.blank(width, self.get_visual_style("findings--row").rich_style)
        lit = row == self.highlighted
        key = (row, lit, width)
        strip = self._strips.get(key)
        if strip is None:
            style = (
                self.get_visual_style("findings--row", "findings--highlighted")
                if lit
                else self.get_visual_style("findings--row")
            )
            visual = self._visuals.get(row)
            if visual is None:
                label = finding_label(self.findings[row], outside=row >= self._inside)
                visual = self._visuals[row] = visualize(self, label)
            strips = Visual.to_strips(self, visual, width, 1, style)
            strip = strips[0] if strips else Strip.blank(width)
            strip = strip.extend_cell_length(width, style.rich_style).crop(0, width).apply_meta({"row": row})
            self._strips[key] = strip
        return strip

    # -- the highlight -----------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self.findings:
            return None
        return max(0, min(highlighted, len(self.findings) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for row in (old, new):
            if row is not None:
                self.refresh_line(row)
        if new is not None and self.is_mounted:
            width = self.scrollable_content_region.width
            self.scroll_to_region(Region(0, new, width, 1), animate=False, force=True, immediate=True)

    def action_cursor_down(self) -> None:
        if self.findings:
            self.highlighted = 0 if self.highlighted is None else (self.highlighted + 1) % len(self.findings)

    def action_cursor_up(self) -> None:
        if self.findings:
            last = len(self.findings) - 1
            self.highlighted = last if self.highlighted is None else (self.highlighted - 1) % len(self.findings)

    def action_first(self) -> None:
        if self.findings:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.findings:
            self.highlighted = len(self.findings) - 1

    def action_page_down(self) -> None:
        if self.findings:
            page = max(self.scrollable_content_region.height, 1)
            self.highlighted = len(self.findings) - 1 if self.highlighted is None else self.highlighted + page

    def action_page_up(self) -> None:
        if self.findings:
            page = max(self.scrollable_content_region.height, 1)
            self.highlighted = 0 if self.highlighted is None else self.highlighted - page

    def action_select(self) -> None:
        finding = self.chosen()
        if finding is not None:
            self.post_message(self.Jump(finding))

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and row < len(self.findings):
            self.highlighted = row
            self.action_select()
