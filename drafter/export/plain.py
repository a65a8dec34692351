"""Plain outputs of a draft: `--to txt` (the draft itself, normalised) and `--to md`."""

from __future__ import annotations

import unicodedata

from drafter.draft.model import BLANK, HEADING, TITLE, Draft

_MD_SPECIAL = str.maketrans({"*": r"\*", "_": r"\_", "#": r"\#", "`": r"\`"})


def to_txt(draft: Draft) -> str:
    """The draft's text: UTF-8, '\\n' line ends, no BOM."""
    return "\n".join(line.rstrip("\r") for line in draft.lines) + "\n"


def to_markdown(draft: Draft) -> str:
    """Title as `#`, headings as `##`–`#####` with their numbers, paragraphs separated by blank lines.
    Markdown's own characters are escaped, so a `**` blank stays visible as `**`, not bold."""
    out: list[str] = []
    for number, (line, kind) in enumerate(zip(draft.lines, draft.kinds, strict=True), 1):
        text = line.rstrip("\r").strip()
        if kind == BLANK:
            continue
        escaped = text.translate(_MD_SPECIAL)
        if kind == TITLE:
            out.append(f"# {escaped}")
        elif kind == HEADING:
            h = draft.headings[number]
            head = (h.marker + h.title).translate(_MD_SPECIAL)
            if h.rest:
                out.append(_bold_lead(head, h.rest.translate(_MD_SPECIAL)))
            else:
                out.append(f"{'#' * (h.level + 1)} {head}")
        else:
            out.append(escaped)
    return "\n\n".join(out) + "\n"


def _bold_lead(head: str, rest: str) -> str:
    """A run-in heading as bold Markdown that a viewer shows bold.

    CommonMark closes `**` only where it is right-flanking: `**加强领导。**各级` has punctuation
    before the delimiter and a letter after it, so viewers printed the stars instead. The
    heading's closing punctuation goes just after the bold (`**加强领导**。各级`), which every
    viewer renders; the text reads the same."""
    end = len(head)
    while end > 0 and unicodedata.category(head[end - 1]).startswith("P"):
        end -= 1
    if end == 0:  # a heading that is all punctuation: nothing to bold
        return head + rest
    return f"**{head[:end]}**{head[end:]}{rest}"
