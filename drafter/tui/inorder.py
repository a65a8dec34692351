"""Editor actions that run in the order their keys were typed.

A terminal hands a fast typist's keys (or an IME's commit) to the app in one burst. Textual runs a
priority binding as soon as the app receives its key, while the characters typed just before it
still wait in the text area's queue: Ctrl+S saved the draft without them, F4 looked for a finding
where the cursor had been, Ctrl+Q found nothing unsaved and lost them. The bindings stay priority
(they must work from the phrase box or the findings list too, and beat the text area's and the
search box's own uses of Ctrl+E, Ctrl+F...); an action that reads or changes the text, when the
text area has the focus, is queued behind those characters instead, and runs on the text as it is
once they are in. The F3 pair goes one step further (drafter.tui.widgets.draft_text): it is not a
priority binding at all, so the keys typed after it cannot overtake it either."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from textual import events
from textual.widget import Widget
from textual.widgets import TextArea


class HasDraftText(Protocol):
    @property
    def text_area(self) -> TextArea: ...

    def sync_text(self) -> None: ...


Method = TypeVar("Method", bound=Callable[..., Any])


def in_text_order(method: Method) -> Method:
    """Run the screen action `method` behind the keys already queued for the text area."""

    @functools.wraps(method)
    def queued(self: HasDraftText, *args: Any) -> None:
        editor = self.text_area
        if not editor.has_focus:
            method(self, *args)
            return

        def run() -> None:
            self.sync_text()  # the text area's Changed messages for those keys are still queued
            method(self, *args)

        editor.call_later(run)

    return queued  # type: ignore[return-value]


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run the widget's own binding for a non-printable key here, in the widget's key queue, and
    stop the key; False when it has none. Textual would run it only once the key had bubbled up
    to the app, after the characters typed after it (the text area and every input box use this)."""
    if event.is_printable:
        return False
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False
