"""Turning last year's speech (a .docx or a legacy text file) into a draft: one paragraph a line,
headings with their numbers, no indentation, UTF-8. Word's automatic list numbers (一、 drawn by
the numbering engine, not typed) are written out as text, because a draft's structure is read
from its numbering."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import InputError
from drafter.readers import DOCX_SUFFIXES, read_path
from drafter.readers.docx import BODY, TABLE, read_docx

_INDENT = re.compile(r"^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$")


def import_document(path: Path) -> str:
    """The draft text of a .docx/.txt/.md file: body paragraphs and tables, in reading order
    (headers, footers, footnotes and text boxes are not part of the speech)."""
    if path.suffix.lower() in DOCX_SUFFIXES:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(str(path), f"无法读取（{exc.strerror or exc}）") from None
        doc = read_docx(data, str(path), number_lists=True)
        lines = doc.text.split("\n")
        paragraphs = [line for i, line in enumerate(lines) if doc.location(i + 1) in (BODY, TABLE)]
    else:
        paragraphs = read_path(path).text.split("\n")
    return to_draft_text(paragraphs)


def to_draft_text(paragraphs: list[str]) -> str:
    """Strip indentation and empty lines; keep one blank line after the title, as drafts have it."""
    lines = [_INDENT.sub("", p) for p in paragraphs]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    from drafter.draft.parse import parse_draft

    kinds = parse_draft("\n".join(lines) + "\n").kinds
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if kinds[i] in ("title", "front") and i + 1 < len(lines) and kinds[i + 1] not in ("front", "date"):
            out.append("")
    return "\n".join(out) + "\n"
