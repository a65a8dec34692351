"""Building the Word file from the draft tree, in the official format.

Everything the domain notes warn about is handled here: every run names all four fonts (ascii,
hAnsi, eastAsia, cs) with no theme font left to override them, so Word never falls back to a
Japanese font; the document language is zh-CN, not python-docx's ja-JP; the paper is A4, not Letter;
headings are Word's own heading styles (shown as 标题 1…4 in Chinese Word) so the writer can restyle;
heading numbers are literal text, never Word's numbering; page numbers are PAGE fields between em
dashes, odd pages right and even pages left."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import Any

from drafter.draft.model import (
    BLANK,
    CLOSING,
    DATE,
    FRONT,
    HEADING,
    PARAGRAPH,
    SALUTATION,
    SIGNATURE,
    TABLE,
    TITLE,
    Draft,
)

TITLE_STYLE, SUBTITLE_STYLE, SALUTATION_STYLE, SIGN_STYLE = "文稿标题", "副标题", "称呼", "落款"
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_TWIPS_PER_MM = 1440 / 25.4


def build_docx(
    draft: Draft,
    preset: dict[str, Any],
    blanks: dict[int, list[tuple[int, int]]] | None = None,
    reference: Path | None = None,
) -> bytes:
    """The .docx bytes of a draft. `blanks` maps a line to the (start, end) character spans of its
    unfilled placeholders, highlighted when the preset says so. With `reference`, styles, page
    setup, header and footer come from that document instead of the preset."""
    import docx
    from docx.enum.text import WD_BREAK  # noqa: F401  (import check: python-docx present)

    if reference is not None:
        document = docx.Document(str(reference))
        _clear_body(document)
    else:
        document = docx.Document()
        _page_setup(document, preset)
        _styles(document, preset)
        if preset["page_number"]["enabled"]:
            _page_numbers(document, preset)
    _ensure_custom_styles(document, preset)
    writer = _Writer(document, preset, blanks or {})
    writer.write(draft)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


# -- page and styles -----------------------------------------------------------------------------


def _page_setup(document: Any, preset: dict[str, Any]) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    page = preset["page"]
    section = document.sections[0]
    section.page_width = Mm(page["width_mm"])
    section.page_height = Mm(page["height_mm"])
    section.top_margin = Mm(page["margin_top_mm"])
    section.bottom_margin = Mm(page["margin_bottom_mm"])
    section.left_margin = Mm(page["margin_left_mm"])
    section.right_margin = Mm(page["margin_right_mm"])
    section.header_distance = Mm(15)
    section.footer_distance = Mm(20)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = sect_pr.makeelement(qn("w:docGrid"), {})
        sect_pr.append(grid)
    height_pt = (page["height_mm"] - page["margin_top_mm"] - page["margin_bottom_mm"]) * 72 / 25.4
    width_pt = (page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]) * 72 / 25.4
    # 225 mm / 22 lines = 28.98 pt; Word's own 公文 templates round down to 579 (28.95 pt).
    pitch_twips = int(height_pt / page["lines_per_page"] * 20)
    # Word reads charSpace as 1/4096 pt added to the body size: 28 characters in 156 mm means a
    # slightly negative value (about -848), as Word itself writes for 公文. LibreOffice misreads
    # negative values (it spreads the characters); bench/render_pages.py says so when it previews.
    char_space = round((width_pt / page["chars_per_line"] - preset["body"]["size_pt"]) * 4096)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(pitch_twips))
    grid.set(qn("w:charSpace"), str(char_space))


def set_fonts(r_pr: Any, font: str) -> None:
    """All four font slots to `font`, theme fonts removed, East Asian hint (for “” and —)."""
    from docx.oxml.ns import qn

    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_size(r_pr: Any, size_pt: float) -> None:
    from docx.oxml.ns import qn

    half_points = str(round(size_pt * 2))
    for tag in ("w:sz", "w:szCs"):
        el = r_pr.find(qn(tag))
        if el is None:
            el = r_pr.makeelement(qn(tag), {})
            r_pr.append(el)
        el.set(qn("w:val"), half_points)


def _set_bold(r_pr: Any, bold: bool) -> None:
    from docx.oxml.ns import qn

    for tag in ("w:b", "w:bCs"):
        el = r_pr.find(qn(tag))
        if el is None:
            el = r_pr.makeelement(qn(tag), {})
            r_pr.append(el)
        el.set(qn("w:val"), "1" if bold else "0")


def _set_lang(r_pr: Any) -> None:
    from docx.oxml.ns import qn

    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = r_pr.makeelement(qn("w:lang"), {})
        r_pr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _styles(document: Any, preset: dict[str, Any]) -> None:
    """docDefaults and Normal in the body font, zh-CN; no theme font anywhere in styles.xml."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    body = preset["body"]
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(r_pr, body["font"])
    _set_size(r_pr, body["size_pt"])
    _set_lang(r_pr)
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(f"w:{attr}"), None)
    normal = document.styles["Normal"]
    _style_font(normal, body["font"], body["size_pt"], False)
    _para_format(normal, body, indent_chars=body["first_line_indent_chars"], align=body["align"])
    for level, name in HEADING_STYLES.items():
        spec = preset[f"heading{level}"]
        style = document.styles[name]
        _reset_style(style)
        style.base_style = normal
        _style_font(style, spec["font"], spec["size_pt"], spec["bold"])
        _para_format(style, body, indent_chars=body["first_line_indent_chars"], align=body["align"])
        p_pr = style.element.get_or_add_pPr()
        outline = p_pr.makeelement(qn("w:outlineLvl"), {qn("w:val"): str(level - 1)})
        p_pr.append(outline)


def _reset_style(style: Any) -> None:
    """Drop python-docx's template formatting (blue Calibri Light headings, spacing, keepNext)."""
    from docx.oxml.ns import qn

    for tag in ("w:pPr", "w:rPr"):
        el = style.element.find(qn(tag))
        if el is not None:
            style.element.remove(el)


def _style_font(style: Any, font: str, size_pt: float, bold: bool) -> None:
    r_pr = style.element.get_or_add_rPr()
    set_fonts(r_pr, font)
    _set_size(r_pr, size_pt)
    _set_bold(r_pr, bold)
    from docx.oxml.ns import qn

    color = r_pr.find(qn("w:color"))
    if color is not None:
        r_pr.remove(color)


def _para_format(
    style: Any, body: dict[str, Any], indent_chars: float, align: str, spacing: float | None = None
) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(spacing or body["line_spacing_pt"])
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.alignment = _alignment(align)
    p_pr = style.element.get_or_add_pPr()
    ind = p_pr.find(qn("w:ind"))
    if ind is None:
        ind = p_pr.makeelement(qn("w:ind"), {})
        p_pr.append(ind)
    ind.set(qn("w:firstLineChars"), str(round(indent_chars * 100)))
    ind.set(qn("w:firstLine"), str(round(indent_chars * body["size_pt"] * 20)))


def _alignment(name: str) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[name]


def _ensure_custom_styles(document: Any, preset: dict[str, Any]) -> None:
    """The title, subtitle, salutation and signature styles (kept if a reference doc has them)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    names = {s.name for s in document.styles}
    body = preset["body"]
    specs = {
        TITLE_STYLE: (preset["title"], 0, preset["title"]["align"], preset["title"].get("line_spacing_pt")),
        SUBTITLE_STYLE: (preset["subtitle"], 0, preset["subtitle"]["align"], None),
        SALUTATION_STYLE: ({"font": body["font"], "size_pt": body["size_pt"], "bold": False}, 0, "justify", None),
        SIGN_STYLE: (
            {"font": body["font"], "size_pt": body["size_pt"], "bold": False},
            0,
            preset["signature"]["align"],
            None,
        ),
    }
    for name, (spec, indent, align, spacing) in specs.items():
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        _style_font(style, spec["font"], spec["size_pt"], spec.get("bold", False))
        _para_format(style, body, indent_chars=indent, align=align, spacing=spacing)
        if name == SIGN_STYLE:
            ind = style.element.get_or_add_pPr().find(qn("w:ind"))
            chars = preset["signature"]["right_indent_chars"]
            ind.set(qn("w:rightChars"), str(round(chars * 100)))
            ind.set(qn("w:right"), str(round(chars * body["size_pt"] * 20)))


def _page_numbers(document: Any, preset: dict[str, Any]) -> None:
    """`— 1 —` footers: a PAGE field between em dashes, odd pages right, even pages left."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    spec = preset["page_number"]
    _page_number_paragraph(section.footer.paragraphs[0], spec, "right")
    _page_number_paragraph(section.even_page_footer.paragraphs[0], spec, "left")


def _page_number_paragraph(paragraph: Any, spec: dict[str, Any], side: str) -> None:
    from docx.oxml.ns import qn

    paragraph.alignment = _alignment(side)
    p_pr = paragraph._p.get_or_add_pPr()
    ind = p_pr.makeelement(qn("w:ind"), {})
    chars = spec["indent_chars"]
    ind.set(qn(f"w:{side}Chars"), str(round(chars * 100)))
    ind.set(qn(f"w:{side}"), str(round(chars * spec["size_pt"] * 20)))
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")
    p_pr.append(ind)
    dash = spec["dash"]

    def run(text: str | None = None, field: str | None = None, instr: str | None = None) -> None:
        r = paragraph.add_run(text or "")
        r_pr = r._r.get_or_add_rPr()
        set_fonts(r_pr, spec["font"])
        _set_size(r_pr, spec["size_pt"])
        if field is not None:
            fld = r._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): field})
            r._r.append(fld)
        if instr is not None:
            el = r._r.makeelement(qn("w:instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            el.text = instr
            r._r.append(el)

    run(f"{dash} ")
    run(field="begin")
    run(instr=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(f" {dash}")


def _clear_body(document: Any) -> None:
    """Keep a reference document's section properties (page, header, footer), drop its text."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# -- content -------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, document: Any, preset: dict[str, Any], blanks: dict[int, list[tuple[int, int]]]) -> None:
        self.document = document
        self.preset = preset
        self.blanks = blanks
        self.highlight = preset.get("highlight_placeholders", "yellow")
        self.body = preset["body"]

    def write(self, draft: Draft) -> None:
        tables = {t.start: t for t in draft.tables()}
        for number, (line, kind) in enumerate(zip(draft.lines, draft.kinds, strict=True), 1):
            text = line.rstrip("\r")
            if kind == TABLE:
                if number in tables:
                    self._table(tables[number])
            elif kind == BLANK:
                self._paragraph("Normal", [("", self.body["font"], None)], number)
            elif kind == HEADING:
                heading = draft.headings[number]
                spec = self.preset[f"heading{heading.level}"]
                head = heading.marker + heading.title
                runs = [(head, spec["font"], spec["bold"])]
                if heading.rest:
                    runs.append((heading.rest, self.body["font"], False))
                self._paragraph(HEADING_STYLES[heading.level], runs, number, strip=len(heading.indent))
            else:
                style, font, bold = self._style_for(kind)
                self._paragraph(style, [(text.strip(), font, bold)], number, strip=len(text) - len(text.lstrip()))

    def _table(self, table: Any) -> None:
        from drafter.export.docx_table import table_element

        blank_cells = {
            (r, c)
            for r, line in enumerate(range(table.start, table.end))
            for c in range(table.columns)
            if self.blanks.get(line) and _cell_has_blank(table.rows[r], c, self.blanks[line])
        }
        body = self.document.element.body
        element = table_element(table, self.preset, blank_cells)
        sect_pr = body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            body.append(element)

    def _style_for(self, kind: str) -> tuple[str, str, bool | None]:
        if kind == TITLE:
            return TITLE_STYLE, self.preset["title"]["font"], self.preset["title"]["bold"]
        if kind == FRONT:
            return SUBTITLE_STYLE, self.preset["subtitle"]["font"], self.preset["subtitle"]["bold"]
        if kind == SALUTATION:
            return SALUTATION_STYLE, self.body["font"], None
        if kind in (SIGNATURE, DATE):
            return SIGN_STYLE, self.body["font"], None
        assert kind in (PARAGRAPH, CLOSING), kind
        return "Normal", self.body["font"], None

    def _paragraph(self, style: str, runs: Iterable[tuple[str, str, bool | None]], line: int, strip: int = 0) -> None:
        paragraph = self.document.add_paragraph(style=style)
        spans = [(s - strip, e - strip) for s, e in self.blanks.get(line, [])]
        offset = 0
        for text, font, bold in runs:
            for piece, is_blank in _split(text, spans, offset):
                self._run(paragraph, piece, font, bold, is_blank)
            offset += len(text)

    def _run(self, paragraph: Any, text: str, font: str, bold: bool | None, blank: bool) -> None:
        from docx.oxml.ns import qn

        run = paragraph.add_run(text)
        r_pr = run._r.get_or_add_rPr()
        set_fonts(r_pr, font)
        if bold is not None:
            _set_bold(r_pr, bold)
        if blank and self.highlight:
            r_pr.append(r_pr.makeelement(qn("w:highlight"), {qn("w:val"): self.highlight}))


def _cell_has_blank(row: list[str], column: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a blank span of the row's line falls in this cell (the line as render_row writes it)."""
    from drafter.draft.tables import render_row

    start = len(render_row(row[:column])) - 1 if column else 1  # after "| " of the cells before
    end = start + len(row[column]) + 2 if column < len(row) else start
    return any(s < end and e > start for s, e in spans)


def _split(text: str, spans: list[tuple[int, int]], offset: int) -> list[tuple[str, bool]]:
    """Cut one run's text at the blanks' boundaries: [(piece, is_blank), …]."""
    cuts = []
    end = offset + len(text)
    for s, e in spans:
        s, e = max(s, offset), min(e, end)
        if s < e:
            cuts.append((s - offset, e - offset))
    if not cuts:
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in sorted(cuts):
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def mm_to_twips(mm: float) -> int:
    return round(mm * _TWIPS_PER_MM)
