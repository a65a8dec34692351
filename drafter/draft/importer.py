"""Turning last year's speech (a .docx or a legacy text file) into a draft: one paragraph a line,
headings with their numbers, no indentation, UTF-8. Word's automatic list numbers (一、 drawn by
the numbering engine, not typed) are written out as text, because a draft's structure is read
from its numbering."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.draft.tables import MERGE_LEFT, MERGE_UP, render_row
from drafter.errors import InputError, os_reason
from drafter.readers import DOCX_SUFFIXES, read_path
from drafter.readers.docx import BODY, TABLE, TEXTBOX, W, paragraph_map, read_docx

_INDENT = re.compile(r"^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$")


def import_document(path: Path) -> str:
    """The draft text of a .docx/.txt/.md file: body paragraphs and tables, in reading order
    (headers, footers, footnotes and text boxes are not part of the speech)."""
    if path.suffix.lower() in DOCX_SUFFIXES:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(str(path), f"无法读取（{os_reason(exc)}）") from None
        doc = read_docx(data, str(path), number_lists=True)
        lines = doc.text.split("\n")
        blocks, separators = _body_layout(data)
        for i in separators:  # a run-in heading and its text are one line of the draft
            if i + 1 < len(lines):
                lines[i], lines[i + 1] = lines[i] + lines[i + 1], ""
        paragraphs = []
        position = 0
        for start, end, rows in blocks:
            paragraphs.extend(
                line for i, line in enumerate(lines[position:start], position) if doc.location(i + 1) == BODY
            )
            paragraphs.extend(render_row(row) for row in rows)
            position = end
        paragraphs.extend(
            line for i, line in enumerate(lines[position:], position) if doc.location(i + 1) in (BODY, TABLE)
        )
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


def _body_layout(data: bytes) -> tuple[list[tuple[int, int, list[list[str]]]], list[int]]:
    """Each top-level table of the body: the range of the reader's lines it occupies and its rows
    in the draft's table form (merged cells as `^` and `<`, a cell's paragraphs joined by <br>);
    and the lines that end in a style separator (a paragraph mark that is always hidden, Word's
    way of running a heading sentence on into its text, as drafter's export writes `（一）…。`)."""
    import zipfile
    from io import BytesIO

    from lxml import etree

    with zipfile.ZipFile(BytesIO(data)) as archive:
        raw = archive.read("word/document.xml")
    root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    body = root.find(f"{{{W}}}body")
    if body is None:
        return [], []
    blocks: list[tuple[int, int, list[list[str]]]] = []
    separators: list[int] = []
    offset = 0
    for child in body:
        count = len(paragraph_map([child])[0])
        if child.tag == f"{{{W}}}tbl":
            blocks.append((offset, offset + count, _rows(child)))
        elif child.tag == f"{{{W}}}p" and child.find(_SEPARATOR) is not None:
            separators.append(offset)
        offset += count
    return blocks, separators


_SEPARATOR = f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}specVanish"


def _rows(table: object) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in table.iterchildren(f"{{{W}}}tr"):  # type: ignore[attr-defined]
        row: list[str] = []
        for tc in tr.iterchildren(f"{{{W}}}tc"):
            tc_pr = tc.find(f"{{{W}}}tcPr")
            span, merged = 1, False
            if tc_pr is not None:
                grid_span = tc_pr.find(f"{{{W}}}gridSpan")
                if grid_span is not None and (grid_span.get(f"{{{W}}}val") or "1").isdigit():
                    span = max(1, int(grid_span.get(f"{{{W}}}val")))
                v_merge = tc_pr.find(f"{{{W}}}vMerge")
                merged = v_merge is not None and v_merge.get(f"{{{W}}}val", "continue") == "continue"
            if merged:
                text = MERGE_UP
            else:
                lines, locations, _ = paragraph_map(list(tc), TABLE)
                parts = [
                    _INDENT.sub("", line) for line, where in zip(lines, locations, strict=True) if where != TEXTBOX
                ]
                text = "<br>".join(p for p in parts if p)
            row.append(text)
            row.extend([MERGE_LEFT] * (span - 1))
        rows.append(row)
    return rows
