"""Building the Word file from the draft tree, in the official format.

Everything the domain notes warn about is handled here: every run names all four fonts (ascii,
hAnsi, eastAsia, cs) with no theme font left to override them, so Word never falls back to a
Japanese font; the document language is zh-CN, not python-docx's ja-JP; the paper is A4, not Letter;
headings are Word's own heading styles (shown as 标题 1…4 in Chinese Word) so the writer can restyle;
heading numbers are literal text, never Word's numbering; page numbers are PAGE fields between em
dashes, odd pages right and even pages left, 7 mm (a preset key) below the type area.

The file is built on drafter's own base (drafter/export/base.py), and every property is inserted
where the schema puts it (drafter/export/ooxml.py), never appended."""

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
from drafter.export.ooxml import child, repair_settings

# 副标题 is what Chinese Word calls its built-in Subtitle: a custom style of that name would be
# shown twice under one name, and Word may merge the two. drafter's own is 文稿副标题.
TITLE_STYLE, SUBTITLE_STYLE, SALUTATION_STYLE, SIGN_STYLE = "文稿标题", "文稿副标题", "称呼", "落款"
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


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

    from drafter.export.base import author_name, base_package, ensure_fonts, set_properties

    if reference is not None:
        document = docx.Document(str(reference))
        _clear_body(document)
        repair_settings(document.settings.element)
    else:
        document = docx.Document(BytesIO(base_package()))
        _page_setup(document, preset)
        _styles(document, preset)
        if preset["page_number"]["enabled"]:
            _page_numbers(document, preset)
    _ensure_custom_styles(document, preset)
    writer = _Writer(document, preset, blanks or {})
    writer.write(draft)
    title = next((line.strip() for line, kind in zip(draft.lines, draft.kinds, strict=True) if kind == TITLE), "")
    set_properties(document, title, author_name(preset))
    ensure_fonts(document, _fonts_named(preset))
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
    section.footer_distance = Mm(footer_distance_mm(preset))
    grid = child(section._sectPr, "docGrid")
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

    fonts = child(r_pr, "rFonts")
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_size(r_pr: Any, size_pt: float) -> None:
    half_points = str(round(size_pt * 2))
    for tag in ("sz", "szCs"):
        child(r_pr, tag, val=half_points)


def _set_bold(r_pr: Any, bold: bool) -> None:
    for tag in ("b", "bCs"):
        child(r_pr, tag, val="1" if bold else "0")


def _set_lang(r_pr: Any) -> None:
    child(r_pr, "lang", val="zh-CN", eastAsia="zh-CN", bidi="ar-SA")


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
    normal = document.styles["Normal"]
    _style_font(normal, body["font"], body["size_pt"], False)
    _para_format(normal, body, indent_chars=body["first_line_indent_chars"], align=body["align"])
    for level, name in HEADING_STYLES.items():
        spec = preset[f"heading{level}"]
        style = document.styles[name]
        style.base_style = normal
        _style_font(style, spec["font"], spec["size_pt"], spec["bold"])
        _para_format(style, body, indent_chars=body["first_line_indent_chars"], align=body["align"])
        # A heading never stands alone at the foot of a page, and is never split over two.
        p_pr = style.element.get_or_add_pPr()
        child(p_pr, "keepNext")
        child(p_pr, "keepLines")
        child(p_pr, "outlineLvl", val=str(level - 1))


def _style_font(style: Any, font: str, size_pt: float, bold: bool) -> None:
    r_pr = style.element.get_or_add_rPr()
    set_fonts(r_pr, font)
    _set_size(r_pr, size_pt)
    _set_bold(r_pr, bold)


def _para_format(
    style: Any, body: dict[str, Any], indent_chars: float, align: str, spacing: float | None = None
) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(spacing or body["line_spacing_pt"])
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.alignment = _alignment(align)
    p_pr = style.element.get_or_add_pPr()
    child(
        p_pr,
        "ind",
        firstLineChars=str(round(indent_chars * 100)),
        firstLine=str(round(indent_chars * body["size_pt"] * 20)),
    )


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
            chars = preset["signature"]["right_indent_chars"]
            child(
                style.element.get_or_add_pPr(),
                "ind",
                rightChars=str(round(chars * 100)),
                right=str(round(chars * body["size_pt"] * 20)),
            )


def _page_numbers(document: Any, preset: dict[str, Any]) -> None:
    """`— 1 —` footers: a PAGE field between em dashes, odd pages right, even pages left."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    spec = preset["page_number"]
    _page_number_paragraph(section.footer.paragraphs[0], spec, "right")
    _page_number_paragraph(section.even_page_footer.paragraphs[0], spec, "left")


def _page_number_paragraph(paragraph: Any, spec: dict[str, Any], side: str) -> None:
    from docx.oxml.ns import qn

    paragraph.style = "Footer"
    paragraph.alignment = _alignment(side)
    p_pr = paragraph._p.get_or_add_pPr()
    chars = spec["indent_chars"]
    child(p_pr, "snapToGrid", val="0")
    child(p_pr, "spacing", before="0", after="0", line=str(round(page_number_line_pt(spec) * 20)), lineRule="exact")
    child(
        p_pr,
        "ind",
        **{f"{side}Chars": str(round(chars * 100)), side: str(round(chars * spec["size_pt"] * 20))},
        firstLineChars="0",
        firstLine="0",
    )
    dash = spec["dash"]

    def run(text: str | None = None, field: str | None = None, instr: str | None = None) -> None:
        r = paragraph.add_run(text or "")
        r_pr = r._r.get_or_add_rPr()
        set_fonts(r_pr, spec["font"])
        _set_size(r_pr, spec["size_pt"])
        if field is not None:
            r._r.append(r._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): field}))
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


def page_number_line_pt(spec: dict[str, Any]) -> float:
    """The page-number line is set exactly (1.25 × its size), so where its em dashes stand is
    known: in the middle of that line."""
    return round(spec["size_pt"] * 1.25, 2)


def footer_distance_mm(preset: dict[str, Any]) -> float:
    """GB/T 9704 §7.5: the page number's dash line stands `below_type_area_mm` (7 mm) below the
    type area. Word measures the footer distance from the paper's edge to the bottom of the
    footer's line, so: bottom margin − 7 mm − half the page-number line."""
    spec = preset["page_number"]
    half_line_mm = page_number_line_pt(spec) / 2 * 25.4 / 72
    return round(preset["page"]["margin_bottom_mm"] - spec["below_type_area_mm"] - half_line_mm, 2)


def _clear_body(document: Any) -> None:
    """Keep a reference document's section properties (page, header, footer), drop its text."""
    from docx.oxml.ns import qn

    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)


# -- content -------------------------------------------------------------------------------------


class _Writer:
    """Writes the paragraphs as XML straight before the body's section properties.

    python-docx's add_paragraph looks for the sectPr among all the body's children on every call,
    which makes a long draft quadratic (100,000 paragraphs did not finish in 10 minutes)."""

    def __init__(self, document: Any, preset: dict[str, Any], blanks: dict[int, list[tuple[int, int]]]) -> None:
        from docx.oxml.ns import qn

        self.document = document
        self.preset = preset
        self.blanks = blanks
        self.highlight = preset.get("highlight_placeholders", "yellow")
        self.body = preset["body"]
        self.body_el = document.element.body
        self.sect_pr = self.body_el.find(qn("w:sectPr"))
        self.style_ids: dict[str, str | None] = {}

    def write(self, draft: Draft) -> None:
        tables = {t.start: t for t in draft.tables()}
        kept = _layout_blanks(draft.kinds)
        for number, (line, kind) in enumerate(zip(draft.lines, draft.kinds, strict=True), 1):
            text = line.rstrip("\r")
            if kind == TABLE:
                if number in tables:
                    self._table(tables[number])
            elif kind == BLANK:
                if number in kept:
                    self._paragraph("Normal", [("", self.body["font"], None)], number)
            elif kind == HEADING:
                heading = draft.headings[number]
                spec = self.preset[f"heading{heading.level}"]
                head = heading.marker + heading.title
                strip = len(heading.indent)
                style = HEADING_STYLES[heading.level]
                if not heading.rest:
                    self._paragraph(style, [(head, spec["font"], spec["bold"])], number, strip=strip)
                    continue
                # A run-in heading: the heading sentence is a paragraph of its own in the heading
                # style, ended by a style separator (a paragraph mark that is always hidden, as
                # Word's Ctrl+Alt+Enter writes it); the rest of the text follows on the same line
                # in the body style. The navigation pane and a table of contents show the sentence.
                first = self._paragraph(style, [(head, spec["font"], spec["bold"])], number, strip=strip)
                mark = child(child(first, "pPr"), "rPr")
                child(mark, "vanish")
                child(mark, "specVanish")
                self._paragraph("Normal", [(heading.rest, self.body["font"], None)], number, strip=strip + len(head))
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
        element = table_element(table, self.preset, blank_cells)
        if self.sect_pr is not None:
            self.sect_pr.addprevious(element)
        else:
            self.body_el.append(element)

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

    def _style_id(self, name: str) -> str | None:
        """The style's id, None for the default paragraph style (written without pStyle)."""
        if name not in self.style_ids:
            style = self.document.styles[name]
            self.style_ids[name] = None if style.element.get(_W_DEFAULT) in ("1", "true") else style.style_id
        return self.style_ids[name]

    def _paragraph(self, style: str, runs: Iterable[tuple[str, str, bool | None]], line: int, strip: int = 0) -> Any:
        p = self.body_el.makeelement(_W_P, {})
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p)
        else:
            self.body_el.append(p)
        style_id = self._style_id(style)
        if style_id is not None:
            child(child(p, "pPr"), "pStyle", val=style_id)
        spans = [(s - strip, e - strip) for s, e in self.blanks.get(line, [])]
        offset = 0
        for text, font, bold in runs:
            for piece, is_blank in _split(text, spans, offset):
                self._run(p, piece, font, bold, is_blank)
            offset += len(text)
        return p

    def _run(self, p: Any, text: str, font: str, bold: bool | None, blank: bool) -> None:
        r = p.makeelement(_W_R, {})
        p.append(r)
        r_pr = child(r, "rPr")
        set_fonts(r_pr, font)
        if bold is not None:
            _set_bold(r_pr, bold)
        if blank and self.highlight:
            child(r_pr, "highlight", val=self.highlight)
        for index, part in enumerate(text.split("\t")):
            if index:
                r.append(r.makeelement(_W_TAB, {}))
            if part:
                t = r.makeelement(_W_T, {_XML_SPACE: "preserve"} if part != part.strip() else {})
                t.text = part
                r.append(t)


_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_R, _W_T, _W_TAB, _W_DEFAULT = (f"{_W_NS}{tag}" for tag in ("p", "r", "t", "tab", "default"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _layout_blanks(kinds: list[str]) -> set[int]:
    """The blank lines (1-based) that are layout, not paragraph separators. Writers and pasted
    e-mail put a blank line between all paragraphs, but GB/T 9704 body text runs on without empty
    paragraphs; only the one blank line after the title block and the one before the signature
    are part of the page, so one of each is kept and every other blank line is dropped."""
    kept: set[int] = set()
    previous = None  # the kind of the last non-blank line before the current run of blank lines
    run: list[int] = []
    for number, kind in enumerate([*kinds, None], 1):
        if kind == BLANK:
            run.append(number)
            continue
        after_title = previous in (TITLE, FRONT)
        before_signature = kind in (SIGNATURE, DATE) and previous not in (SIGNATURE, DATE)
        if run and (after_title or before_signature):
            kept.add(run[0])
        run = []
        previous = kind
    return kept


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


def _fonts_named(preset: dict[str, Any]) -> set[str]:
    return {spec["font"] for spec in preset.values() if isinstance(spec, dict) and spec.get("font")}
