"""Reading every word of a .docx that will be printed, in reading order.

Word splits text into runs at will (spell check, revisions, a bold half), so a paragraph's text is
read across all its runs before any rule sees it: a `**` spread over three runs is one blank.
Parsing the XML directly with lxml keeps a 300-page file well under a second; python-docx's object
model would be several times slower and still miss text boxes and footnotes.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

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
_TR = f"{{{W}}}tr"
_TC = f"{{{W}}}tc"
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

# The elements the streaming walker acts on; lxml reports events for these only. Every other
# element (w:r, w:hyperlink, w:sdt, the dozen children of each w:rPr …) only passed its parent's
# state on to its children, and was three quarters of the events a speech's document.xml makes:
# the Python loop over them cost several times the parse itself (bench/bench_batch.py). A
# skipped subtree's root is among these, so a w:t inside one is still seen as skipped; nesting
# is still bounded, by MAX_DEPTH over these elements and by libxml2's own limit over all.
_EVENT_TAGS = (
    _P,
    _T,
    _TAB,
    _BR,
    _CR,
    _NBH,
    _TBL,
    _TR,
    _TC,
    _TXBX,
    _FOOTNOTE,
    _ENDNOTE,
    # Of the skipped subtrees, those that may hold one of the elements above: a tab stop
    # (w:pPr/w:tabs/w:tab), a run of deleted or moved-away text, the fallback copy of a text
    # box. A run's properties (w:rPr, one in every run) and the table properties hold none of
    # them, and instrText and delText are text leaves: no event is needed for those.
    *sorted(_SKIP - {f"{{{W}}}{name}" for name in ("rPr", "tblPr", "tcPr", "trPr", "tblGrid", "instrText", "delText")}),
)

Labeler = Callable[[object], str] | None
# Run content that stands for one character of text.
_CHAR_NODES = {_TAB: "\t", _BR: " ", _CR: " ", _NBH: "-"}
_PART_NUMBER = re.compile(r"(\d+)")
_NOTE_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")

# Limits that keep any .docx, however damaged or hostile, within bounded memory and time. A real
# 300-page report has a few MB of document.xml, some 10,000 paragraphs and under 200 parts.
MAX_PARTS = 5000  # members in the package
MAX_DIRECTORY = 8 * 2**20  # bytes of the zip's central directory
MAX_TEXT_PART = 32 * 2**20  # document.xml, a header, footer or the notes, inflated
MAX_OTHER_XML = 8 * 2**20  # styles.xml, numbering.xml, .rels … (python-docx parses them whole)
MAX_TOTAL = 512 * 2**20  # all members together, inflated (images included)
MAX_PARAGRAPHS = 1_000_000
MAX_DEPTH = 200  # XML element nesting (nested tables); libxml2 itself stops at 256
_CHUNK = 1 << 16
_STORED, _DEFLATED = 0, 8


def read_docx(data: bytes, path: str, *, number_lists: bool = False) -> Document:
    """Read a .docx's printed text: body (tables, nested tables, text boxes), then headers,
    footers, footnotes and endnotes. Each paragraph is one line of the Document.

    number_lists=True writes Word's automatic list numbers (一、 （一）…) in front of the body
    paragraphs that have them, as `drafter import` needs; checks read the typed text only.

    Whatever the bytes, this raises only InputError: every member is inflated through a counter
    (the sizes the zip directory states are not trusted), the XML is parsed as a stream without
    recursion, and the limits above bound memory and time."""
    archive = open_package(data, path)
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise InputError(path, "压缩包里没有 word/document.xml，不是 Word 文档：请提供 .docx 文件")
        text_parts = reading_order(names)
        budget = _Budget(path)
        text_names = {name for name, _ in text_parts}
        for info in archive.infolist():
            if info.filename not in text_names:
                _drain(archive, info, budget)
        labeler = None
        if number_lists:
            from drafter.readers.docx_numbering import ListNumbering

            try:
                labeler = ListNumbering(archive).label
            except Exception:  # broken numbering must not stop an import
                labeler = None
        out = _Out([], [], labeler)
        for name, label in text_parts:
            _stream_part(archive, name, label, out, budget)
            out.pending = None
    run_in = _join_run_in(out)
    cells = out.cells if any(out.cells) and len(out.cells) == len(out.lines) else None
    return Document(
        path=path, format="docx", text="\n".join(out.lines), locations=out.locations, run_in=run_in, cells=cells
    )


# A style separator: the paragraph mark is always hidden (Ctrl+Alt+Enter in Word), so the next
# paragraph prints on the same line. drafter's export ends a run-in heading sentence so.
_SEPARATOR = f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}specVanish"


def _join_run_in(out: _Out) -> dict[int, int] | None:
    """Read a heading sentence ended by a style separator and the text after it as the one
    paragraph the page shows: the joined text on the heading's line, the next line left empty
    (so every line is still one paragraph element, as the in-place editors need). Returns the
    1-based heading lines with the length of their heading part (Document.run_in)."""
    if not out.run_in:
        return None
    joined: dict[int, int] = {}
    for head, rest in out.run_in:
        if out.lines[head] and out.lines[rest]:
            joined[head + 1] = len(out.lines[head])
            out.lines[head] += out.lines[rest]
            out.lines[rest] = ""
    return joined or None


def open_package(data: bytes, path: str) -> zipfile.ZipFile:
    """Open a .docx's zip, refusing before any inflating what no Word file is: an oversized
    directory, too many members, encrypted members or compression Word never uses."""
    if not data.startswith(b"PK"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(path, "这是旧版或加密的 Word 文件，无法读取：请在 Word 或 WPS 中另存为不加密的 .docx")
        raise InputError(path, "不是有效的 .docx 文件（已损坏或不是 Word 文档）：请在 Word 中打开后重新保存")
    _check_directory(data, path)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except Exception:  # BadZipFile, but also struct/Value/Overflow errors from a mangled directory
        raise InputError(path, "不是有效的 .docx 文件（已损坏或不是 Word 文档）：请在 Word 中打开后重新保存") from None
    if len(infos) > MAX_PARTS:
        archive.close()
        raise InputError(path, f"压缩包内文件过多（{len(infos)} 个，上限 {MAX_PARTS}），不像是 Word 文档")
    for info in infos:
        problem = ""
        if info.flag_bits & 0x1:
            problem = f"{_shown(info.filename)} 已加密：请在 Word 中取消密码保护后另存为 .docx"
        elif info.compress_type not in (_STORED, _DEFLATED):
            problem = (
                f"{_shown(info.filename)} 使用了 Word 不用的压缩方式（{info.compress_type}），"
                "文件已损坏或不是 Word 文档"
            )
        elif info.file_size > _cap(info.filename):
            problem = f"{_shown(info.filename)} 解压后过大（{info.file_size // 2**20} MB），疑似损坏的文件"
        if problem:
            archive.close()
            raise InputError(path, problem)
    return archive


def _check_directory(data: bytes, path: str) -> None:
    """Read the end record ourselves: zipfile would build an object per member before we could
    count them, and a forged directory of millions of entries takes gigabytes."""
    tail = data[-(65535 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise InputError(path, "不是有效的 .docx 文件（压缩包目录缺失，文件不完整或已损坏）：请在 Word 中重新保存")
    entries = int.from_bytes(tail[at + 10 : at + 12], "little")
    size = int.from_bytes(tail[at + 12 : at + 16], "little")
    if entries == 0xFFFF or size == 0xFFFFFFFF:
        # ZIP64 (some tools write it even for small files): the true counts are in its own record.
        entries, size = _zip64_counts(data, len(data) - len(tail) + at, path)
    if entries > MAX_PARTS or size > MAX_DIRECTORY:
        raise InputError(path, f"压缩包目录过大（{entries} 个文件），不像是 Word 文档")


def _zip64_counts(data: bytes, eocd: int, path: str) -> tuple[int, int]:
    """(entries, directory size) from the ZIP64 end record the locator before `eocd` points to."""
    locator = eocd - 20
    if locator < 0 or data[locator : locator + 4] != b"PK\x06\x07":
        raise InputError(path, "不是有效的 .docx 文件（ZIP64 目录缺失，文件不完整或已损坏）：请在 Word 中重新保存")
    record = int.from_bytes(data[locator + 8 : locator + 16], "little")
    if record + 56 > len(data) or data[record : record + 4] != b"PK\x06\x06":
        raise InputError(path, "不是有效的 .docx 文件（ZIP64 目录损坏）：请在 Word 中重新保存")
    entries = int.from_bytes(data[record + 32 : record + 40], "little")
    size = int.from_bytes(data[record + 40 : record + 48], "little")
    return entries, size


_TEXT_PREFIXES = ("word/header", "word/footer", "word/footnotes", "word/endnotes")


def _too_deep(path: str, name: str) -> InputError:
    return InputError(path, f"{_shown(name)} 嵌套层数过深（超过 {MAX_DEPTH} 层），疑似损坏的文件")


def _cap(name: str) -> int:
    lower = name.lower()
    if lower.endswith((".xml", ".rels")):
        if lower == "word/document.xml" or lower.startswith(_TEXT_PREFIXES):
            return MAX_TEXT_PART
        return MAX_OTHER_XML
    return MAX_TOTAL


def _shown(name: str) -> str:
    """A member name as it may appear in a one-line message: short, no control characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name[:60])
    return clean + ("…" if len(name) > 60 else "")


class _Budget:
    """Inflated bytes counted as they are read, per member and for the whole package."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.total = 0

    def take(self, name: str, count: int, so_far: int) -> None:
        self.total += count
        if so_far > _cap(name):
            raise InputError(self.path, f"{_shown(name)} 解压后超过 {_cap(name) // 2**20} MB，疑似压缩炸弹或损坏的文件")
        if self.total > MAX_TOTAL:
            raise InputError(self.path, f"解压后总大小超过 {MAX_TOTAL // 2**20} MB，疑似压缩炸弹或损坏的文件")


# What broke, in the writer's words (the exception's class name, e.g. `error` for zlib's, said
# nothing to a writer).
_DAMAGE_KINDS = {
    "error": "压缩数据出错",
    "BadZipFile": "压缩包结构出错",
    "EOFError": "文件不完整",
    "XMLSyntaxError": "XML 内容出错",
    "ParseError": "XML 内容出错",
    "UnicodeDecodeError": "文字编码出错",
    "RecursionError": "嵌套过深",
}


def _damaged(path: str, name: str, exc: BaseException) -> InputError:
    kind = _DAMAGE_KINDS.get(type(exc).__name__, "内容无法读取")
    return InputError(path, f"{_shown(name)} 已损坏（{kind}）：请在 Word 中打开后重新保存")


def _drain(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> None:
    """Inflate a member without keeping it: its true size counts, and a bad CRC or deflate stream
    is found here rather than in python-docx (which `--annotate` and export then use)."""
    seen = 0
    try:
        with archive.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                seen += len(chunk)
                budget.take(info.filename, len(chunk), seen)
    except InputError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile (CRC), EOFError, NotImplementedError …
        raise _damaged(budget.path, info.filename, exc) from None


def reading_order(names: set[str] | list[str]) -> list[tuple[str, str]]:
    """The text parts of a package in the order their lines appear in the Document: body, headers,
    footers, footnotes, endnotes. Whoever maps a line back to its XML (annotate, fill) uses this."""
    names = set(names)
    order: list[tuple[str, str]] = [("word/document.xml", BODY)]
    for prefix, label in (("word/header", HEADER), ("word/footer", FOOTER)):
        parts = sorted(
            (n for n in names if n.startswith(prefix) and n.endswith(".xml") and "/" not in n[5:]), key=_natural
        )
        order.extend((name, label) for name in parts)
    for name, label in (("word/footnotes.xml", FOOTNOTE), ("word/endnotes.xml", ENDNOTE)):
        if name in names:
            order.append((name, label))
    return order


def _natural(name: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in _PART_NUMBER.split(name)]


def _stream_part(archive: zipfile.ZipFile, name: str, label: str, out: _Out, budget: _Budget) -> None:
    """Parse one text part as it is inflated, element by element, freeing what has been read."""
    from lxml import etree

    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=_EVENT_TAGS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    walker = _StreamWalker(label, out, budget.path, name)
    seen = 0
    try:
        with archive.open(name) as fh:
            while chunk := fh.read(_CHUNK):
                seen += len(chunk)
                budget.take(name, len(chunk), seen)
                parser.feed(chunk)
                walker.consume(parser.read_events())
            parser.close()
            walker.consume(parser.read_events())
    except InputError:
        raise
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise _too_deep(budget.path, name) from None
        raise InputError(budget.path, f"{_shown(name)} 不是有效的 XML，文件已损坏：请在 Word 中重新保存") from None
    except Exception as exc:
        raise _damaged(budget.path, name, exc) from None


class _Frame:
    __slots__ = ("in_para", "label", "para", "parts", "skip")

    def __init__(self, label: str, parts: list[str] | None, skip: bool, para: int, in_para: bool) -> None:
        self.label = label
        self.parts = parts
        self.skip = skip
        self.para = para
        self.in_para = in_para


class _StreamWalker:
    """`_walk`'s reading order over parser events, with an explicit stack (no recursion, so any
    nesting depth is a message, not a RecursionError) and elements freed once read."""

    def __init__(self, label: str, out: _Out, path: str, name: str) -> None:
        self.out = out
        self.path = path
        self.name = name
        self.stack = [_Frame(label, None, False, -1, False)]
        # The body's tables being read, innermost last: [number, row, column] (a report names a
        # cell's paragraph 表格1 第2行第3列: "表格" alone does not find it in a long report).
        self.tables: list[list[int]] = []
        self.counted = 0

    def consume(self, events: object) -> None:
        stack = self.stack
        out = self.out
        for event, el in events:  # type: ignore[attr-defined]
            tag = el.tag
            if event == "start":
                parent = stack[-1]
                if len(stack) > MAX_DEPTH:
                    raise _too_deep(self.path, self.name)
                if parent.skip:
                    stack.append(parent)
                elif tag == _P:
                    index = len(out.lines)
                    if index >= MAX_PARAGRAPHS:
                        raise InputError(self.path, f"段落超过 {MAX_PARAGRAPHS} 个，不像是一篇讲话稿（疑似损坏的文件）")
                    out.lines.append("")
                    out.locations.append(parent.label)
                    if parent.label == TABLE and self.tables:
                        number, row, column = self.tables[-1]
                        out.cells.append(f"表格{number} 第{row}行第{column}列")
                    else:
                        out.cells.append("")
                    stack.append(_Frame(parent.label, [], False, index, True))
                    if out.pending is not None:
                        if out.pending[0] == index - 1 and out.pending[1] is el.getparent():
                            out.run_in.append((index - 1, index))
                        out.pending = None
                elif tag in _SKIP or not isinstance(tag, str):
                    stack.append(_Frame(parent.label, None, True, -1, parent.in_para))
                elif tag == _TBL:
                    label = TABLE if parent.label == BODY else parent.label
                    if label == TABLE:
                        self.counted += 1
                        self.tables.append([self.counted, 0, 0])
                    stack.append(_Frame(label, None, False, -1, False))
                elif tag == _TXBX:
                    label = TEXTBOX if parent.label in (BODY, TABLE) else parent.label
                    stack.append(_Frame(label, None, False, -1, False))
                elif tag in (_FOOTNOTE, _ENDNOTE):
                    skip = el.get(_TYPE) in _NOTE_SEPARATORS
                    stack.append(_Frame(parent.label, None, skip, -1, False))
                else:
                    if parent.label == TABLE and self.tables and not parent.in_para:
                        if tag == _TR:
                            self.tables[-1][1] += 1
                            self.tables[-1][2] = 0
                        elif tag == _TC:
                            self.tables[-1][2] += 1
                    # Its children read as its parent's would: the parent's frame stands for it
                    # (no frame's fields change once made, and `para` is read for a w:p only).
                    stack.append(parent)
                continue
            frame = stack.pop()
            if tag == _TBL and not frame.skip and frame.label == TABLE and self.tables:
                self.tables.pop()
            if frame.skip:
                if not frame.in_para and stack and not stack[-1].skip:
                    _free(el)
                continue
            if tag == _T:
                if frame.parts is not None and el.text:
                    frame.parts.append(el.text)
            elif tag == _P:
                parts = frame.parts or []
                if out.labeler is not None and frame.label != TEXTBOX:
                    parts.insert(0, out.labeler(el))
                text = "".join(parts)
                if "\n" in text or "\r" in text:
                    text = text.replace("\r", " ").replace("\n", " ")
                out.lines[frame.para] = text
                if el.find(_SEPARATOR) is not None:
                    out.pending = (frame.para, el.getparent())
                _free(el)
            elif tag in _CHAR_NODES:
                if frame.parts is not None:
                    frame.parts.append(_CHAR_NODES[tag])
            elif not frame.in_para:
                _free(el)


def _free(el: object) -> None:
    """Drop an element that has been read, and its already-read siblings, from the tree."""
    el.clear(keep_tail=True)  # type: ignore[attr-defined]
    parent = el.getparent()  # type: ignore[attr-defined]
    if parent is not None:
        while el.getprevious() is not None:  # type: ignore[attr-defined]
            del parent[0]


@dataclass
class _Out:
    """Where a walk writes: the lines and their locations; with `trace`, also each paragraph's
    element and its text pieces with the XML node each came from (for annotating in place)."""

    lines: list[str]
    locations: list[str]
    labeler: Labeler = None
    trace: list[tuple[object, list[tuple[str, object]]]] | None = None
    # Lines of paragraphs ended by a style separator, each with the next paragraph's line when
    # that is its sibling (the streaming reader only; see _join_run_in).
    run_in: list[tuple[int, int]] = field(default_factory=list)
    pending: tuple[int, object] | None = None
    # The streaming reader only: each line's table cell (表格1 第2行第3列) or "".
    cells: list[str] = field(default_factory=list)


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


def check_reference_docx(path: str | os.PathLike[str]) -> None:
    """Make sure a `--reference-docx` can lend its styles and page setup: a regular, sane .docx
    (the reader's limits), not macro-enabled, whose package python-docx can load. Raises
    InputError naming the file, so a broken template is one line and not an internal error."""
    from drafter.readers import read_path

    name = os.fspath(path)
    if Path(name).suffix.lower() != ".docx":
        raise InputError(name, "参考模板应是 .docx 文件（.doc/.docm 请先在 Word 中另存为 .docx）")
    read_path(name)
    try:
        import docx

        document = docx.Document(name)
        _ = document.styles, document.sections[0].page_width
    except InputError:
        raise
    except Exception as exc:  # python-docx: broken rels, macro-enabled content type, missing parts …
        macro = "macroEnabled" in str(exc)
        reason = "是启用宏的文档（.docm）" if macro else f"无法作为模板打开（{type(exc).__name__}）"
        raise InputError(name, f"参考模板{reason}：请在 Word 中另存为普通 .docx") from None
