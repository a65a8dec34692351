"""The outline of a draft: each section with its length, its unfilled blanks and the time it takes
to read aloud, so a writer sees at a glance where the speech is long and where it is unfinished."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from drafter.draft.model import Draft, Section

DEFAULT_RATE = 220  # characters a minute: a leader reading a speech at a meeting
_SPACE = re.compile(r"\s+")  # the same characters as str.isspace()


@dataclass
class OutlineRow:
    """One line of the outline: a section, or the opening or closing matter."""

    label: str
    level: int  # 0 for opening/closing matter, 1–4 for sections
    line: int
    chars: int
    blanks: int
    children: list[OutlineRow] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "label": self.label,
            "level": self.level,
            "line": self.line,
            "chars": self.chars,
            "blanks": self.blanks,
            "children": [c.to_json() for c in self.children],
        }


def count_chars(text: str) -> int:
    """字数 as writers count it: every character but whitespace. (In C: the editor counts every
    section of a long draft after each pause in typing, in a worker that shares the GIL with the
    keys.)"""
    return len(text) - sum(len(space) for space in _SPACE.findall(text))


def outline(draft: Draft, blank_lines: list[int] | None = None) -> list[OutlineRow]:
    """Rows for the opening, every section (nested) and the closing. `blank_lines` holds the
    line of every unfilled blank (one entry per blank), as the placeholder check found them."""
    lines = sorted(blank_lines or [])

    def measure(start: int, end: int) -> tuple[int, int]:
        text = draft.line_range_text(start, end)
        return count_chars(text), bisect_left(lines, end) - bisect_left(lines, start)

    rows: list[OutlineRow] = []
    first_body = draft.body_start
    if first_body > 1:
        chars, blanks = measure(1, first_body)
        if chars:
            title = draft.title
            rows.append(OutlineRow(f"开头（{title}）" if title else "开头", 0, 1, chars, blanks))

    def section_row(section: Section) -> OutlineRow:
        chars, blanks = measure(section.line, section.end)
        h = section.heading
        row = OutlineRow(f"{h.marker}{h.title}", section.level, section.line, chars, blanks)
        row.children = [section_row(child) for child in section.children]
        return row

    rows.extend(section_row(s) for s in draft.sections)
    back = draft.back_start
    if draft.sections and back <= len(draft.lines):
        chars, blanks = measure(back, len(draft.lines) + 1)
        if chars:
            rows.append(OutlineRow("结尾", 0, back, chars, blanks))
    return rows


def speaking_time(chars: int, rate: int = DEFAULT_RATE) -> str:
    """`约 12 分 30 秒` at `rate` characters a minute."""
    seconds = round(chars * 60 / rate) if rate > 0 else 0
    minutes, seconds = divmod(seconds, 60)
    return f"约 {minutes} 分 {seconds} 秒" if minutes else f"约 {seconds} 秒"
