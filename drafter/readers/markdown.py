"""The draft a Markdown file holds, for the exporters.

A writer who keeps a speech as `讲话稿.md` writes `# 标题`, `## 一、总体要求` and a run-in heading
as `**（一）加强领导。**各级要……`. Exported as it stands, Word showed `# 标题` and counted the bold
delimiters as blanks, and `--to md` escaped the markup into `\\#\\#` and `\\*\\*`, which a Markdown
viewer prints literally. `draft_text` removes only markup it is sure of: heading markers,
thematic breaks, backslash escapes, and the bold of a paragraph's lead (`**（一）……。**正文`)
when the checker too reads that pair as bold (drafter/checks/placeholder.py). A `**` pair inside
a sentence stays as typed: `召开**会议，活动**次` is more likely two blanks than bold, and a blank
deleted would print as nothing; kept, the export lists it and the writer decides.
"""

from __future__ import annotations

import re

# An ATX heading: up to three spaces, 1–6 `#`, then a space (or nothing); an optional closing run.
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
# CommonMark's backslash escapes: a backslash before ASCII punctuation stands for that character.
# A bold lead: the pair opens the paragraph (after its indent).
_BOLD_LEAD = re.compile(r"^[ \t\u3000]*(\*\*)(?=[^\s*])[^*\n]{1,50}?(?<=[^\s*])(\*\*)(?!\*)", re.MULTILINE)
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")


def draft_text(text: str) -> str:
    """`text` (Markdown) as the plain draft it stands for; the same number of lines."""
    from drafter.checks.placeholder import markdown_markup

    markup = markdown_markup(text)
    drop = [span for span in markup if span[1] - span[0] > 2]  # thematic breaks
    for m in _BOLD_LEAD.finditer(text):
        if m.span(1) in markup and m.span(2) in markup:
            drop.extend((m.span(1), m.span(2)))
    offset = 0
    for line in text.split("\n"):
        head = _ATX.match(line)
        if head is not None:
            drop.append((offset, offset + head.end()))
            close = _ATX_CLOSE.search(line, head.end())
            if close is not None:
                drop.append((offset + close.start(), offset + len(line)))
        offset += len(line) + 1
    drop.extend((m.start(), m.start() + 1) for m in _ESCAPE.finditer(text))  # the backslash only
    if not drop:
        return text
    drop.sort()
    pieces: list[str] = []
    last = 0
    for start, end in drop:
        if start < last:  # spans from two sources may meet (an escape inside a heading marker)
            start = last
        pieces.append(text[last:start])
        last = max(last, end)
    pieces.append(text[last:])
    return "".join(pieces)
