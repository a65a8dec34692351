"""Reading every word of a .docx that will be printed, in reading order.

Word splits text into runs at will (spell check, revisions, a bold half), so a paragraph's text is
read across all its runs before any rule sees it: a `**` spread over three runs is one blank.
Parsing the XML directly with lxml keeps a 300-page file well under a second; python-docx's object
model would be several times slower and still miss text boxes and footnotes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from drafter.document import Document
from drafter.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P = f"{{{W}}}p"
_T = f"{{{W}}}t"
_TAB = f"{{{W}}}tab"
_BR = f"{{{W}}}br"
_CR = f"{{{W}}}cr"
_NBH = f"{{{W}}}noBreakHyphen"
_TBL = f"{{{W}}}tbl"
_TXBX = f"{{{W}}}txbxContent"
_FALLBACK = f"{{{MC}}}Fallback"
_FOOTNOTE = f"{{{W}}}footnote"
_ENDNOTE = f"{{{W}}}endnote"
_TYPE = f"{{{W}}}type"
# Property and deleted-text subtrees hold nothing that is printed; skipping them saves time.
_SKIP = frozenset(
    {
        _FALLBACK,
        f"{{{W}}}pPr",
        f"{{{W}}}rPr",
        f"{{{W}}}sectPr",
        f"{{{W}}}tblPr",
        f"{{{W}}}tcPr",
        f"{{{W}}}trPr",
        f"{{{W}}}tblGrid",
        f"{{{W}}}instrText",
        f"{{{W}}}delText",
        f"{{{W}}}del",
        f"{{{W}}}moveFrom",
    }
)

BODY, TABLE, TEXTBOX, HEADER, FOOTER, FOOTNOTE, ENDNOTE = (
    "",
    "表格",
    "文本框",
    "页眉",
    "页脚",
    "脚注",
    "尾注",
)

Labeler = Callable[[object], str] | None
# Run content that stands for one character of text.
_CHAR_NODES = {_TAB: "\t", _BR: " ", _CR: " ", _NBH: "-"}
_MAX_XML = 512 * 1024 * 1024  # refuse zip bombs before inflating them
_PART_NUMBER = re.compile(r"(\d+)")


def read_docx(data: bytes, path: str, *, number_lists: bool = False) -> Document:
    """Read a .docx's printed text: body (tables, nested tables, text boxes), then headers,
    footers, footnotes and endnotes. Each paragraph is one line of the Document.

    number_lists=True writes Word's automatic list numbers (一、 （一）…) in front of the body
    paragraphs that have them, as `drafter import` needs; checks read the typed text only."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(
                path, "这是旧版或加密的 Word 文件，无法读取：请在 Word 或 WPS 中另存为不加密的 .docx"
            ) from None
        raise InputError(path, "不是有效的 .docx 文件（已损坏或不是 Word 文档）：请在 Word 中打开后重新保存") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise InputError(path, "压缩包里没有 word/document.xml，不是 Word 文档：请提供 .docx 文件")
        lines: list[str] = []
        locations: list[str] = []
        labeler = None
        if number_lists:
            from drafter.readers.docx_numbering import ListNumbering

            try:
                labeler = ListNumbering(archive).label
            except Exception:  # broken numbering must not stop an import
                labeler = None
        for name, label in reading_order(names):
            _read_part(archive, name, label, lines, locations, path, labeler if label == BODY else None)
    return Document(path=path, format="docx", text="\n".join(lines), locations=locations)


def reading_order(names: set[str] | list[str]) -> list[tuple[str, str]]:
    """The text parts of a package in the order their lines appear in the Document: body, headers,
    footers, footnotes, endnotes. Whoever maps a line back to its XML (annotate, fill) uses this."""
    names = set(names)
    order: list[tuple[str, str]] = [("word/document.xml", BODY)]
    for prefix, label in (("word/header", HEADER), ("word/footer", FOOTER)):
        parts = sorted((n for n in names if n.startswith(prefix) and n.endswith(".xml")), key=_natural)
        order.extend((name, label) for name in parts)
    for name, label in (("word/footnotes.xml", FOOTNOTE), ("word/endnotes.xml", ENDNOTE)):
        if name in names:
            order.append((name, label))
    return order


def _natural(name: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in _PART_NUMBER.split(name)]


def _read_part(
    archive: zipfile.ZipFile,
    name: str,
    label: str,
    lines: list[str],
    locations: list[str],
    path: str,
    labeler: Labeler = None,
) -> None:
    from lxml import etree

    info = archive.getinfo(name)
    if info.file_size > _MAX_XML:
        raise InputError(path, f"{name} 解压后过大（{info.file_size // 2**20} MB），疑似损坏的文件")
    try:
        raw = archive.read(name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        root = etree.fromstring(raw, parser)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(path, f"{name} 已损坏（{type(exc).__name__}）：请在 Word 中打开后重新保存") from None
    except etree.XMLSyntaxError:
        raise InputError(path, f"{name} 不是有效的 XML，文件已损坏：请在 Word 中打开后重新保存") from None
    _walk(root, label, _Out(lines, locations, labeler), None)


@dataclass
class _Out:
    """Where a walk writes: the lines and their locations; with `trace`, also each paragraph's
    element and its text pieces with the XML node each came from (for annotating in place)."""

    lines: list[str]
    locations: list[str]
    labeler: Labeler = None
    trace: list[tuple[object, list[tuple[str, object]]]] | None = None


def _walk(
    element: object,
    label: str,
    out: _Out,
    parts: list[str] | None,
    nodes: list[tuple[str, object]] | None = None,
) -> None:
    """Depth-first walk in document order.

    A paragraph reserves its line when it opens, so it precedes the text boxes it anchors;
    the text of nested paragraphs (text boxes) goes to their own lines, not the outer one.
    """
    for child in element:  # type: ignore[attr-defined]
        tag = child.tag
        if tag == _T:
            if parts is not None and child.text:
                parts.append(child.text)
                if nodes is not None:
                    nodes.append((child.text, child))
        elif tag == _P:
            index = len(out.lines)
            out.lines.append("")
            out.locations.append(label)
            own: list[str] = [out.labeler(child)] if out.labeler is not None and label != TEXTBOX else []
            own_nodes: list[tuple[str, object]] | None = [] if out.trace is not None else None
            if out.trace is not None:
                out.trace.append((child, own_nodes))  # type: ignore[arg-type]
            _walk(child, label, out, own, own_nodes)
            text = "".join(own)
            if "\n" in text or "\r" in text:
                text = text.replace("\r", " ").replace("\n", " ")
            out.lines[index] = text
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        elif tag in _CHAR_NODES:
            if parts is not None:
                parts.append(_CHAR_NODES[tag])
                if nodes is not None:
                    nodes.append((_CHAR_NODES[tag], child))
        elif tag == _TBL:
            _walk(child, TABLE if label == BODY else label, out, None)
        elif tag == _TXBX:
            _walk(child, TEXTBOX if label in (BODY, TABLE) else label, out, None)
        elif tag in (_FOOTNOTE, _ENDNOTE):
            if child.get(_TYPE) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            _walk(child, label, out, None)
        else:
            _walk(child, label, out, parts, nodes)


def paragraph_map(
    root: object, label: str = BODY
) -> tuple[list[str], list[str], list[tuple[object, list[tuple[str, object]]]]]:
    """The lines of one part (as `read_docx` reads them), their locations, and for each line the
    paragraph element and its text pieces with their XML nodes: what `check --annotate` needs to
    put a comment on exactly the characters a finding names."""
    out = _Out([], [], None, [])
    _walk(root, label, out, None)
    assert out.trace is not None
    return out.lines, out.locations, out.trace


def paragraph_pieces(paragraph: object) -> list[tuple[str, object]]:
    """One paragraph's own text pieces (not those of text boxes anchored in it) with the XML node
    each came from, exactly as `read_docx` reads that paragraph."""
    out = _Out([], [], None, [])
    _walk([paragraph], BODY, out, None)
    assert out.trace is not None
    return out.trace[0][1] if out.trace else []  # type: ignore[return-value]
