"""How a pane subscribes to the analyses of the screen it is on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
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
