"""Editing a .docx as text: its body paragraphs and table cells as lines, and saving back only
what changed.

The writer edits lines; on save the old and new lines are compared (lines first, then the
characters of each changed line), and every difference becomes an edit of the runs: inserted text
takes the formatting of the run it lands in, deleted text leaves its neighbours alone, a new line
becomes a paragraph with its neighbour's paragraph properties, a removed line removes its
paragraph (but a table cell keeps one: deleting its only line is refused, naming the cell).
Headers, footers, styles, numbering, images, comments and other people's revisions are parts
drafter does not touch, so they are written back as they were.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from drafter.docxedit.package import DocxPackage
from drafter.docxedit.runs import paragraph_text, replace_span
from drafter.errors import InputError, os_reason

BODY_PART = "word/document.xml"


@dataclass
class DocxText:
    """The editable text of a .docx and the bytes it was read from."""

    path: str
    data: bytes
    lines: list[str]
    # Where each line sits: "" for the body, "表格1 第2行第3列" for a table cell's paragraph. In the
    # editor a cell's paragraph is a bare line, so the writer is told which cell the cursor is in.
    cells: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def cells_of(self, lines: list[str]) -> list[str]:
        """The cell of each of `lines`, the text as the writer has edited it since it was read:
        a line kept or rewritten in place keeps its cell, a line added (Enter inside a cell) is in
        the cell of the line before it, as saving puts its paragraph there."""
        if not any(self.cells):
            return [""] * len(lines)
        out: list[str] = []
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, self.lines, lines, autojunk=False).get_opcodes():
            if tag == "delete":
                continue
            for k in range(j2 - j1):
                if tag == "equal" or k < i2 - i1:
                    out.append(self.cells[i1 + k])
                else:
                    out.append(out[-1] if out else "")
        return out


@dataclass
class SaveResult:
    data: bytes
    changed: int = 0  # paragraphs whose text changed
    added: int = 0
    removed: int = 0
    rewritten: list[int] = field(default_factory=list)  # 1-based new lines an edit could not be mapped onto


def _editable(package: DocxPackage) -> list[Any]:
    """The body's paragraphs and table cells' paragraphs, in reading order (text boxes excluded:
    they are anchored shapes, not lines of the speech)."""
    from drafter.readers.docx import BODY, TABLE, paragraph_map

    _, locations, trace = paragraph_map(package.tree(BODY_PART), BODY)
    return [p for (p, _), where in zip(trace, locations, strict=True) if where in (BODY, TABLE)]


def cell_labels(package: DocxPackage, paragraphs: list[Any]) -> list[str]:
    """"表格N 第R行第C列" for each paragraph inside a table (the innermost one; tables counted in
    reading order, nested ones too), "" for the others."""
    from drafter.readers.docx import W

    tbl, tr, tc = f"{{{W}}}tbl", f"{{{W}}}tr", f"{{{W}}}tc"
    # Elements as keys: lxml hands out the same proxy for a node while one is alive, and this
    # dict keeps them alive.
    numbers = {table: n for n, table in enumerate(package.tree(BODY_PART).iter(tbl), 1)}
    out = []
    for paragraph in paragraphs:
        cell = next(paragraph.iterancestors(tc), None)
        row = cell.getparent() if cell is not None else None
        table = row.getparent() if row is not None else None
        if cell is None or row is None or row.tag != tr or table not in numbers:
            out.append("")
            continue
        r = list(table.iterchildren(tr)).index(row) + 1
        c = list(row.iterchildren(tc)).index(cell) + 1
        out.append(f"表格{numbers[table]} 第{r}行第{c}列")
    return out


def _line_of(paragraph: Any) -> str:
    return paragraph_text(paragraph).replace("\r", " ").replace("\n", " ")


def open_docx_text(path: Path) -> DocxText:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"无法读取（{os_reason(exc)}）") from None
    return docx_text(str(path), data)


def docx_text(path: str, data: bytes) -> DocxText:
    """The editable text of the .docx in `data`, with the cell of each line."""
    package = DocxPackage.open(data, path)
    paragraphs = _editable(package)
    return DocxText(path, data, [_line_of(p) for p in paragraphs], cell_labels(package, paragraphs))


def save_edits(data: bytes, path: str, old_lines: list[str], new_lines: list[str]) -> SaveResult:
    """The .docx with `old_lines` (as `open_docx_text` read them from `data`) turned into `new_lines`."""
    package = DocxPackage.open(data, path)
    paragraphs = _editable(package)
    if [_line_of(p) for p in paragraphs] != old_lines:
        from drafter.errors import DrafterError

        raise DrafterError(f"{path}: 文件与打开时不同，没有写入（请重新打开后再改）")
    result = SaveResult(data)
    opcodes = SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    _refuse_emptied_cells(package, paragraphs, opcodes, path)
    # Right to left, so that positions still to be used do not move.
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs - 1, -1, -1):
            _edit_line(paragraphs[i1 + k], old_lines[i1 + k], new_lines[j1 + k], j1 + k + 1, result)
        if j2 - j1 > pairs:  # lines added after the paired ones
            anchor = paragraphs[i1 + pairs - 1] if i1 + pairs > 0 else None
            following = paragraphs[i1 + pairs] if i1 + pairs < len(paragraphs) else None
            _insert_lines(anchor, following, new_lines[j1 + pairs : j2], result)
        for k in range(i2 - 1, i1 + pairs - 1, -1):  # lines removed
            _remove(paragraphs[k])
            result.removed += 1
    saved = [_line_of(p) for p in _editable(package)]
    if saved != new_lines:
        from drafter.errors import DrafterError

        wrong = [i + 1 for i, (a, b) in enumerate(zip(saved, new_lines, strict=False)) if a != b] or [len(saved)]
        raise DrafterError(
            f"{path}: 第 {'、'.join(map(str, wrong[:5]))} 段的修改跨过了 Word 的域、图片或分栏等，"
            "无法按原格式写回，没有写入（可另存为文稿，或在 Word 中改这几处）"
        )
    if result.changed or result.added or result.removed:
        package.mark_changed(BODY_PART)
        result.data = package.save()
    return result


def _refuse_emptied_cells(package: DocxPackage, paragraphs: list[Any], opcodes: list[Any], path: str) -> None:
    """A table cell must keep one paragraph (Word's rule), so deleting every line of a cell cannot
    be written back: say so, naming the cell, instead of the generic refusal the check after the
    edits would give (it blamed fields and pictures)."""
    removed = {k for tag, i1, i2, j1, j2 in opcodes if tag in ("delete", "replace") for k in range(i1 + (j2 - j1), i2)}
    if not removed:
        return
    from drafter.readers.docx import W

    tc = f"{{{W}}}tc"
    emptied: list[int] = []
    for k in sorted(removed):
        cell = paragraphs[k].getparent()
        if cell is None or cell.tag != tc:
            continue
        own = [i for i, p in enumerate(paragraphs) if p.getparent() is cell]
        if own and all(i in removed for i in own) and own[-1] == k:
            emptied.append(k)
    if emptied:
        from drafter.errors import DrafterError

        labels = cell_labels(package, [paragraphs[k] for k in emptied])
        where = "、".join(f"第 {k + 1} 行（{label}）" for k, label in zip(emptied, labels, strict=True))
        raise DrafterError(
            f"{path}: {where}是表格单元格里仅有的段落，整行删去后无法写回，没有写入"
            "（要清空这一格，请删去文字、保留空行）"
        )


def _edit_line(paragraph: Any, old: str, new: str, line: int, result: SaveResult) -> None:
    if old == new:
        return
    result.changed += 1
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, a1, a2, b1, b2 in reversed(ops):
        if tag != "equal" and not replace_span(paragraph, a1, a2, new[b1:b2], remove_marks=True):
            result.rewritten.append(line)


def _new_paragraph_like(neighbour: Any, text: str) -> Any:
    from drafter.readers.docx import W

    paragraph = neighbour.makeelement(f"{{{W}}}p", {})
    p_pr = neighbour.find(f"{{{W}}}pPr")
    if p_pr is not None:
        clone = copy.deepcopy(p_pr)
        for tag in ("sectPr", "rPr"):
            for el in clone.findall(f"{{{W}}}{tag}"):
                if tag == "sectPr":
                    clone.remove(el)
        paragraph.append(clone)
    runs = list(neighbour.iter(f"{{{W}}}r"))
    if runs and text:
        run = copy.deepcopy(runs[-1])
        for child in list(run):
            if child.tag != f"{{{W}}}rPr":
                run.remove(child)
        t = run.makeelement(f"{{{W}}}t", {})
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)
        paragraph.append(run)
    elif text:
        replace_span(paragraph, 0, 0, text)
    return paragraph


def _insert_lines(anchor: Any, following: Any, lines: list[str], result: SaveResult) -> None:
    """New paragraphs after `anchor` (or before `following` when the lines open the document),
    each with the paragraph properties of its neighbour."""
    neighbour = anchor if anchor is not None else following
    if neighbour is None:
        return
    last = anchor
    for text in lines:
        paragraph = _new_paragraph_like(neighbour, text)
        if last is not None:
            last.addnext(paragraph)
        else:
            following.addprevious(paragraph)
        last = paragraph
        result.added += 1


def _remove(paragraph: Any) -> None:
    from drafter.readers.docx import W

    parent = paragraph.getparent()
    if parent.tag == f"{{{W}}}tc" and len(parent.findall(f"{{{W}}}p")) == 1:
        for child in list(paragraph):
            if child.tag != f"{{{W}}}pPr":
                paragraph.remove(child)
        return
    # A paragraph holding the section's properties ends its section: keep it, empty.
    p_pr = paragraph.find(f"{{{W}}}pPr")
    if p_pr is not None and p_pr.find(f"{{{W}}}sectPr") is not None:
        for child in list(paragraph):
            if child.tag != f"{{{W}}}pPr":
                paragraph.remove(child)
        return
    _keep_anchors(paragraph)
    parent.remove(paragraph)


_ANCHORS = ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd")


def _keep_anchors(paragraph: Any) -> None:
    """Bookmarks and comment ranges of a removed paragraph move to its neighbour, so that Word's
    pairs (start and end, range and reference) still match."""
    from drafter.readers.docx import W

    neighbour = paragraph.getprevious()
    at_end = True
    if neighbour is None or neighbour.tag != f"{{{W}}}p":
        neighbour, at_end = paragraph.getnext(), False
    if neighbour is None or neighbour.tag != f"{{{W}}}p":
        return
    keep = [el for el in paragraph if el.tag in {f"{{{W}}}{a}" for a in _ANCHORS}]
    keep += [r for r in paragraph.iter(f"{{{W}}}r") if r.find(f"{{{W}}}commentReference") is not None and r not in keep]
    for el in keep:
        if at_end:
            neighbour.append(el)
        else:
            p_pr = neighbour.find(f"{{{W}}}pPr")
            if p_pr is not None:
                p_pr.addnext(el)
            else:
                neighbour.insert(0, el)
