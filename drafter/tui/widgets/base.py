"""How a pane subscribes to the analyses of the screen it is on, and resizes its content without
laying out the whole screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.signal import Signal
    from textual.widget import Widget

    from drafter.session import Analysis


class PublishesAnalyses(Protocol):
    analysis_signal: Signal[Analysis]


def subscribe_analysis(widget: Widget, callback: Callable[[Analysis], object]) -> None:
    """Call `callback` with every analysis the widget's screen publishes (none if it publishes none)."""
    signal = getattr(widget.screen, "analysis_signal", None)
    if signal is not None:
        signal.subscribe(widget, callback)


def resize_content(widget: Widget, size: Size) -> None:
    """Give a scrolling widget a new virtual (content) size without a layout of the whole screen
    when that is safe. Textual lays out every widget whenever a virtual size changes (about 10 ms
    on the editor screen, with a full redraw of each pane); a new findings count or a text line
    that wraps onto one more row changes nothing but the scrollbar's thumb, as long as the
    scrollbars neither appear nor go."""
    from textual.widget import Widget as TextualWidget

    old = widget.virtual_size
    if size == old:
        return
    height = widget.container_size.height
    same_bars = (
        widget.is_mounted
        and size.width == old.width
        and height > 0
        and (size.height > height) == (old.height > height)
        and widget.styles.overflow_y == "auto"
    )
    if not same_bars:
        widget.virtual_size = size
        return
    widget.set_reactive(TextualWidget.virtual_size, size)
    widget._scroll_update(size)
    widget.scroll_y = widget.validate_scroll_y(widget.scroll_y)  # shorter content: not past its end
    widget.refresh()
