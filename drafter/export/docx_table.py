"""A draft's table block as a real Word table.

Column widths are written in `w:gridCol` (WPS reads widths from there, not from `tblW`) and on
every cell; borders, font and size come from the preset's `table` section. Every element is
created in the order the schema (ECMA-376) puts it, because Word may drop properties out of order.
Merged cells follow the draft's table form: `^` continues a vertical merge, `<` widens the cell
to its left."""

from __future__ import annotations

from typing import Any

from drafter.draft.tables import BREAK, MERGE_LEFT, MERGE_UP, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIPS_PER_MM = 1440 / 25.4

DEFAULTS = {"font": None, "size_pt": 14, "border_pt": 0.5, "align": "center"}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _el(tag: str, **attrs: str) -> Any:
    from lxml import etree

    return etree.Element(q(tag), {q(k): v for k, v in attrs.items()})


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    child = _el(tag, **attrs)
    parent.append(child)
    return child


def table_element(table: Table, preset: dict[str, Any], blank_cells: set[tuple[int, int]] | None = None) -> Any:
    """The w:tbl for `table`; `blank_cells` (row, column) holds unfilled blanks to highlight."""
    spec = {**DEFAULTS, **(preset.get("table") or {})}
    font = spec["font"] or preset["body"]["font"]
    page = preset["page"]
    width = round((page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]) * _TWIPS_PER_MM)
    columns = max(table.columns, 1)
    col_width = width // columns
    tbl = _el("tbl")
    tbl_pr = _sub(tbl, "tblPr")
    _sub(tbl_pr, "tblW", w=str(col_width * columns), type="dxa")
    _sub(tbl_pr, "jc", val=spec["align"])
    borders = _sub(tbl_pr, "tblBorders")
    size = str(max(2, min(96, round(spec["border_pt"] * 8))))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, side, val="single", sz=size, space="0", color="000000")
    _sub(tbl_pr, "tblLayout", type="fixed")
    _sub(
        tbl_pr,
        "tblLook",
        val="04A0",
        firstRow="1",
        lastRow="0",
        firstColumn="1",
        lastColumn="0",
        noHBand="0",
        noVBand="1",
    )
    grid = _sub(tbl, "tblGrid")
    for _ in range(columns):
        _sub(grid, "gridCol", w=str(col_width))
    rows = [row + [""] * (columns - len(row)) for row in table.rows]
    for r, row in enumerate(rows):
        tr = _sub(tbl, "tr")
        c = 0
        while c < columns:
            span = 1
            while c + span < columns and row[c + span] == MERGE_LEFT:
                span += 1
            text = row[c]
            tc = _sub(tr, "tc")
            tc_pr = _sub(tc, "tcPr")
            _sub(tc_pr, "tcW", w=str(col_width * span), type="dxa")
            if span > 1:
                _sub(tc_pr, "gridSpan", val=str(span))
            below = rows[r + 1][c] if r + 1 < len(rows) else None
            if text == MERGE_UP:
                _sub(tc_pr, "vMerge")
                text = ""
            elif below == MERGE_UP:
                _sub(tc_pr, "vMerge", val="restart")
            _sub(tc_pr, "vAlign", val="center")
            for piece in text.split(BREAK) if text else [""]:
                _cell_paragraph(tc, piece, font, spec["size_pt"], (r, c) in (blank_cells or set()), preset)
            c += span
    return tbl


def _cell_paragraph(tc: Any, text: str, font: str, size_pt: float, highlight: bool, preset: dict[str, Any]) -> None:
    p = _sub(tc, "p")
    p_pr = _sub(p, "pPr")
    _sub(p_pr, "spacing", before="0", after="0", line="240", lineRule="auto")
    _sub(p_pr, "ind", firstLine="0", firstLineChars="0")
    _sub(p_pr, "jc", val="center")
    if not text:
        return
    r = _sub(p, "r")
    r_pr = _sub(r, "rPr")
    _sub(r_pr, "rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="eastAsia")
    half_points = str(round(size_pt * 2))
    _sub(r_pr, "sz", val=half_points)
    _sub(r_pr, "szCs", val=half_points)
    if highlight and preset.get("highlight_placeholders"):
        _sub(r_pr, "highlight", val=preset["highlight_placeholders"])
    _sub(r_pr, "lang", val="zh-CN", eastAsia="zh-CN", bidi="ar-SA")
    t = _sub(r, "t")
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
