"""Typed access to the app from any widget or screen (Textual's `self.app` is a plain App)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from drafter.tui.app import DrafterApp


def drafter_app(node: DOMNode) -> DrafterApp:
    from drafter.tui.app import DrafterApp

    app = node.app
    if not isinstance(app, DrafterApp):  # pragma: no cover - widgets are only used in DrafterApp
        raise TypeError(f"{node!r} is not running in a DrafterApp")
    return app
