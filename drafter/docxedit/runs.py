"""Changing characters of a Word paragraph without touching its formatting.

A paragraph's text is spread over runs (`w:r`), each with its own formatting; the reader sees it as
one string. An edit is a span of that string and a replacement: the replacement goes into the text
node where the span starts, so it takes the formatting of the first character it replaces (or, for a
pure insertion, of the character before it); the rest of the span is cut out of the following nodes,
and a run left holding nothing is removed. Tabs, breaks and fields are never part of a changed span:
such an edit is refused rather than guessed.
"""

from __future__ import annotations

import copy
from typing import Any

from drafter.readers.docx import W, paragraph_pieces

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_T = f"{{{W}}}t"
_R = f"{{{W}}}r"
_RPR = f"{{{W}}}rPr"
_PPR = f"{{{W}}}pPr"
_HIGHLIGHT = f"{{{W}}}highlight"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def paragraph_text(paragraph: Any) -> str:
    return "".join(text for text, _ in paragraph_pieces(paragraph))


def _spans(paragraph: Any) -> list[tuple[int, int, Any]]:
    spans: list[tuple[int, int, Any]] = []
    offset = 0
    for text, node in paragraph_pieces(paragraph):
        spans.append((offset, offset + len(text), node))
        offset += len(text)
    return spans


def _set_text(node: Any, text: str) -> None:
    node.text = text
    if text != text.strip(" ") or "  " in text:
        node.set(XML_SPACE, "preserve")


def replace_span(
    paragraph: Any, start: int, end: int, text: str, *, drop_highlight: bool = False, remove_marks: bool = False
) -> bool:
    """Replace characters [start, end) of the paragraph's text; False (nothing changed) when the
    span covers something that is not plain text or lies outside the paragraph.

    drop_highlight: the blank's yellow highlight (drafter's export adds it) goes with the blank, when
    the run holding the replacement held nothing but the replaced characters.
    remove_marks: a tab or line break inside the span is deleted with it (the writer deleted that
    character in the editor); without it such a span is refused."""
    spans = _spans(paragraph)
    total = spans[-1][1] if spans else 0
    if not 0 <= start <= end <= total:
        return False
    if start == end:
        return _insert(paragraph, spans, start, text)
    covered = [s for s in spans if s[1] > start and s[0] < end]
    marks = [s for s in covered if s[2].tag != _T]
    if marks:
        if not remove_marks or any(s[2].getparent() is None or s[2].getparent().tag != _R for s in marks):
            return False
        texts = [s for s in covered if s[2].tag == _T]
        # Cut the text pieces first (right to left), then drop the marks, then insert the new text.
        for node_start, node_end, node in reversed(texts):
            lo, hi = max(start, node_start), min(end, node_end)
            old = node.text or ""
            rest = old[: lo - node_start] + old[hi - node_start :]
            if rest:
                _set_text(node, rest)
            else:
                _remove_text_node(node)
        for _, _, node in marks:
            _remove_text_node(node)
        return _insert(paragraph, _spans(paragraph), start, text) if text else True
    first_start, first_end, first = covered[0]
    run = first.getparent()
    run_whole = _run_range(spans, run)
    old = first.text or ""
    _set_text(first, old[: start - first_start] + text + old[min(end, first_end) - first_start :])
    for node_start, node_end, node in covered[1:]:
        old = node.text or ""
        rest = old[: max(start, node_start) - node_start] + old[min(end, node_end) - node_start :]
        if rest:
            _set_text(node, rest)
        else:
            _remove_text_node(node)
    if drop_highlight and run is not None and run_whole is not None and start <= run_whole[0] and run_whole[1] <= end:
        r_pr = run.find(_RPR)
        mark = r_pr.find(_HIGHLIGHT) if r_pr is not None else None
        if mark is not None and mark.get(q("val")) == "yellow":
            r_pr.remove(mark)
    return True


def _run_range(spans: list[tuple[int, int, Any]], run: Any) -> tuple[int, int] | None:
    mine = [(s, e) for s, e, node in spans if node.getparent() is run]
    return (mine[0][0], mine[-1][1]) if mine else None


def _insert(paragraph: Any, spans: list[tuple[int, int, Any]], at: int, text: str) -> bool:
    """Insert at `at`: into the text node of the character before it (the run it lands in), else
    the one after it; a paragraph with no text gets a run formatted like its paragraph mark."""
    if not text:
        return True
    before = [s for s in spans if s[0] < at <= s[1] and s[2].tag == _T]
    after = [s for s in spans if s[0] == at and s[2].tag == _T]
    if before:
        node_start, _, node = before[-1]
    elif after:
        node_start, _, node = after[0]
    elif not spans:
        _new_run(paragraph, text)
        return True
    else:
        return False  # between a tab and a break: no run to take the formatting of
    old = node.text or ""
    _set_text(node, old[: at - node_start] + text + old[at - node_start :])
    return True


def _new_run(paragraph: Any, text: str) -> None:
    run = paragraph.makeelement(_R, {})
    p_pr = paragraph.find(_PPR)
    mark_rpr = p_pr.find(_RPR) if p_pr is not None else None
    if mark_rpr is not None:
        r_pr = copy.deepcopy(mark_rpr)
        for child in list(r_pr):
            if child.tag in (q("ins"), q("del"), q("moveFrom"), q("moveTo")):
                r_pr.remove(child)
        run.append(r_pr)
    node = run.makeelement(_T, {})
    _set_text(node, text)
    run.append(node)
    paragraph.append(run)


def _remove_text_node(node: Any) -> None:
    run = node.getparent()
    run.remove(node)
    if run.tag == _R and all(child.tag == _RPR for child in run):
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)


# -- tracked changes -----------------------------------------------------------------------------


def split_at(paragraph: Any, position: int) -> None:
    """Make `position` fall on a run boundary (both halves keep the run's formatting)."""
    for node_start, node_end, node in _spans(paragraph):
        if node_start < position < node_end and node.tag == _T:
            _split_run(node, position - node_start)
            return


def _split_run(t_node: Any, k: int) -> None:
    run = t_node.getparent()
    clone = copy.deepcopy(run)
    children = [c for c in run if c.tag != _RPR]
    index = children.index(t_node)
    for c in list(clone):
        if c.tag != _RPR:
            clone.remove(c)
    for c in children[index + 1 :]:
        clone.append(c)
    tail = t_node.makeelement(_T, {})
    _set_text(tail, (t_node.text or "")[k:])
    clone.insert(1 if clone.find(_RPR) is not None else 0, tail)
    _set_text(t_node, (t_node.text or "")[:k])
    run.addnext(clone)


def track_replace(paragraph: Any, start: int, end: int, text: str, revision_id: int, author: str, when: str) -> bool:
    """Replace [start, end) as a tracked change (w:del of the old runs, w:ins of one new run
    formatted like the first), as Word's 修订 writes it. Uses ids revision_id and revision_id + 1."""
    split_at(paragraph, end)
    split_at(paragraph, start)
    runs: list[Any] = []
    for node_start, node_end, node in _spans(paragraph):
        if node_end <= start or node_start >= end:
            continue
        run = node.getparent()
        if node.tag != _T or run.tag != _R or run.getparent() is not paragraph:
            return False
        if not runs or runs[-1] is not run:
            runs.append(run)
    if not runs:
        return False
    first = runs[0]
    attrs = {q("id"): str(revision_id), q("author"): author, q("date"): when}
    deletion = first.makeelement(q("del"), attrs)
    first.addprevious(deletion)
    new_run = copy.deepcopy(first)
    for run in runs:
        deletion.append(run)
        for t in run.findall(_T):
            t.tag = q("delText")
            t.set(XML_SPACE, "preserve")
    for c in list(new_run):
        if c.tag != _RPR:
            new_run.remove(c)
    node = new_run.makeelement(_T, {})
    _set_text(node, text)
    new_run.append(node)
    insertion = first.makeelement(q("ins"), {**attrs, q("id"): str(revision_id + 1)})
    insertion.append(new_run)
    deletion.addnext(insertion)
    return True
