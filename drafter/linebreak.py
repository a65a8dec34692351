"""Where a line of Chinese text may break when it is wrapped on screen.

The line-breaking rule of Chinese (and Japanese) typesetting, 行首禁则 / 行尾禁则: a line never
starts with a closing mark (、，。；：？！ and the closing quotes and brackets), and never ends
with an opening one (“（《…); nor is a blank `**` cut in two. A terminal wraps by cells, so a
row that is full just before a 、 would start the next row with it. The way round here is the
one typesetters call 推出: the character before the mark moves down with it (a hanging mark past
the right edge is not possible in a text area that crops its rows at their width). Pure
functions; the editor's text area uses them on each wrapped line (drafter.tui.widgets.draft_text)."""

from __future__ import annotations

from collections.abc import Callable

NO_LINE_START = frozenset("、，。；：？！”’）》」』】〕〉〗")
NO_LINE_END = frozenset("“‘（《「『【〔〈〖")
MAX_PUSH = 3  # characters a break may move back; a longer run of marks keeps the break as it was


STARS = frozenset("*＊")  # a blank ** split over two rows reads as two stray stars


def break_allowed(text: str, at: int) -> bool:
    """May a row start at `text[at]` (0 < at < len(text))?"""
    if text[at] in STARS and text[at - 1] in STARS:
        return False
    return text[at] not in NO_LINE_START and text[at - 1] not in NO_LINE_END


def keep_marks_attached(text: str, breaks: list[int], rewrap: Callable[[int], list[int]]) -> list[int]:
    """`breaks` (offsets where wrapped rows of `text` start, ascending) moved so that no row starts
    with a closing mark or ends with an opening one. `rewrap(start)` gives the breaks of the rest of
    the text wrapped from offset `start` (absolute, all > start): after a break moves back, the row
    that follows is longer, and the rest is wrapped again from there."""
    out: list[int] = []
    pending = list(breaks)
    while pending:
        at = pending.pop(0)
        previous = out[-1] if out else 0
        if at <= previous or at >= len(text):
            continue
        if not break_allowed(text, at):
            earlier = at - 1
            while earlier > max(previous, at - MAX_PUSH) and not break_allowed(text, earlier):
                earlier -= 1
            if earlier > previous and break_allowed(text, earlier):
                out.append(earlier)
                pending = rewrap(earlier)
                continue
        out.append(at)
    return out
