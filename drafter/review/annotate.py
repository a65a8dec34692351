"""Writing findings into a copy of the .docx: a comment on exactly the characters of each finding
(author `drafter`), the blanks highlighted, and, with revisions, each sure fix as a tracked change.

Word splits text into runs at will, so a finding may start in the middle of one run and end in
another: the runs are split at the finding's boundaries (each piece keeps its run's formatting), and
the comment spans the pieces. Running it again on its own output first removes what drafter added
before (its comments and its revisions), so nothing is doubled and people's comments stay."""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from drafter.checks.engine import CheckEngine
from drafter.checks.model import Finding
from drafter.errors import InputError

AUTHOR = "drafter"
INITIALS = "DR"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class AnnotateResult:
    findings: list[Finding]
    comments: int = 0
    revisions: int = 0
    listed_on_top: list[Finding] = field(default_factory=list)
    data: bytes = b""


def annotate_docx(data: bytes, path: str, engine: CheckEngine, revisions: bool = False) -> AnnotateResult:
    """The annotated copy's bytes and what went into it."""
    import docx

    from drafter.readers.docx import BODY, paragraph_map, read_docx

    read_docx(data, path)  # clear errors for corrupt, legacy or encrypted files
    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx refuses some packages the reader accepts
        raise InputError(
            path, f"Word 文件无法打开以写入批注（{type(exc).__name__}）：请在 Word 中另存为 .docx"
        ) from None
    _strip_previous(document)
    clean = BytesIO()
    document.save(clean)
    # The findings are read from the cleaned package; the same (cleaned) tree is then annotated,
    # so line numbers and XML nodes agree without parsing the file a third time.
    doc = read_docx(clean.getvalue(), path)
    findings = engine.check(doc)
    lines, locations, trace = paragraph_map(document.element.body, BODY)
    result = AnnotateResult(findings)
    fixable = {r.id for r in engine.rules() if r.fixable}
    body_count = len(lines)
    per_line: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.line <= body_count and doc.location(f.line) == locations[f.line - 1]:
            per_line[f.line].append(f)
        else:
            result.listed_on_top.append(f)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    revision_id = _max_revision_id(document) + 1
    for line in sorted(per_line):
        paragraph_el, _ = trace[line - 1]
        # Right to left, so that splitting a run never moves an offset still to be used.
        for f in sorted(per_line[line], key=lambda f: f.column, reverse=True):
            start = f.column - 1
            runs = _isolate(paragraph_el, start, start + len(f.text))
            if not runs:
                result.listed_on_top.append(f)
                continue
            from docx.text.run import Run

            text = f.message + (f"；建议：{f.suggestion}" if f.suggestion else "") + f" [{f.rule}]"
            document.add_comment([Run(runs[0], None), Run(runs[-1], None)], text=text, author=AUTHOR, initials=INITIALS)
            result.comments += 1
            if f.rule.startswith("placeholder"):
                for r in runs:
                    _highlight(r)
            if revisions and f.rule in fixable and f.suggestion is not None:
                _track_change(runs, f.suggestion, revision_id, now)
                revision_id += 2
                result.revisions += 1
    if result.listed_on_top:
        _top_comment(document, result.listed_on_top, doc)
        result.comments += 1
    out = BytesIO()
    document.save(out)
    result.data = out.getvalue()
    return result


# -- splitting runs ------------------------------------------------------------------------------


def _pieces(paragraph_el: Any) -> list[tuple[str, Any]]:
    from drafter.readers.docx import paragraph_map

    # The paragraph's own pieces (not those of text boxes inside it), as the reader sees them.
    _, _, trace = paragraph_map(_Wrapper(paragraph_el))
    return trace[0][1] if trace else []


class _Wrapper:
    """Lets paragraph_map walk a single paragraph (it walks the children of what it is given)."""

    def __init__(self, element: Any) -> None:
        self.element = element

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([self.element])


def _isolate(paragraph_el: Any, start: int, end: int) -> list[Any]:
    """The w:r elements that hold exactly the characters [start, end) of the paragraph's text,
    splitting runs at the two boundaries (formatting copied to both halves)."""
    _split_at(paragraph_el, end)
    _split_at(paragraph_el, start)
    runs: list[Any] = []
    offset = 0
    for text, node in _pieces(paragraph_el):
        node_start, node_end = offset, offset + len(text)
        offset = node_end
        if node_end <= start or node_start >= end:
            continue
        run = node.getparent()
        if run is None or run.tag != q("r"):
            return []
        if not runs or runs[-1] is not run:
            runs.append(run)
    return runs


def _split_at(paragraph_el: Any, position: int) -> None:
    """Make `position` fall on a run boundary."""
    offset = 0
    for text, node in _pieces(paragraph_el):
        if offset < position < offset + len(text) and node.tag == q("t"):
            _split_run(node, position - offset)
            return
        offset += len(text)


def _split_run(t_node: Any, k: int) -> None:
    run = t_node.getparent()
    clone = copy.deepcopy(run)
    # The clone keeps the formatting and everything from this text node on; the original keeps
    # what comes before.
    children = [c for c in run if c.tag != q("rPr")]
    index = children.index(t_node)
    for c in clone:
        if c.tag != q("rPr"):
            clone.remove(c)
    for c in children[index + 1 :]:
        clone.append(c)  # moves the node
    tail = t_node.makeelement(q("t"), {XML_SPACE: "preserve"})
    tail.text = t_node.text[k:]
    clone.insert(1 if clone.find(q("rPr")) is not None else 0, tail)
    t_node.text = t_node.text[:k]
    t_node.set(XML_SPACE, "preserve")
    run.addnext(clone)


# -- marks ---------------------------------------------------------------------------------------


def _r_pr(run: Any) -> Any:
    r_pr = run.find(q("rPr"))
    if r_pr is None:
        r_pr = run.makeelement(q("rPr"), {})
        run.insert(0, r_pr)
    return r_pr


def _highlight(run: Any) -> None:
    r_pr = _r_pr(run)
    mark = r_pr.find(q("highlight"))
    if mark is None:
        mark = r_pr.makeelement(q("highlight"), {})
        r_pr.append(mark)
    mark.set(q("val"), "yellow")


def _track_change(runs: list[Any], replacement: str, revision_id: int, when: str) -> None:
    """Deletion of the runs plus insertion of the replacement, as Word's 修订 writes them."""
    first = runs[0]
    deletion = first.makeelement(q("del"), {q("id"): str(revision_id), q("author"): AUTHOR, q("date"): when})
    first.addprevious(deletion)
    for run in runs:
        deletion.append(run)
        for t in run.findall(q("t")):
            t.tag = q("delText")
            t.set(XML_SPACE, "preserve")
    insertion = first.makeelement(q("ins"), {q("id"): str(revision_id + 1), q("author"): AUTHOR, q("date"): when})
    new_run = copy.deepcopy(first)
    for c in list(new_run):
        if c.tag != q("rPr"):
            new_run.remove(c)
    r_pr = new_run.find(q("rPr"))
    if r_pr is not None and r_pr.find(q("highlight")) is not None:
        r_pr.remove(r_pr.find(q("highlight")))
    text = new_run.makeelement(q("t"), {XML_SPACE: "preserve"})
    text.text = replacement
    new_run.append(text)
    insertion.append(new_run)
    deletion.addnext(insertion)


def _max_revision_id(document: Any) -> int:
    ids = [int(el.get(q("id"), "0")) for tag in ("ins", "del") for el in document.element.body.iter(q(tag))]
    ids = [i for i in ids if i >= 0]
    return max(ids, default=0) + 1000


def _top_comment(document: Any, findings: list[Finding], doc: Any) -> None:
    """Headers, footers and notes cannot carry a comment: list their findings at the top."""
    from docx.text.run import Run

    lines = [f"{doc.location(f.line) or '正文'}：“{f.text}” {f.message}" for f in findings]
    body = document.element.body
    first_run = next(iter(body.iter(q("r"))), None)
    if first_run is None:
        paragraph = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
        first_run = paragraph.add_run("")._r
    text = "页眉、页脚、脚注中的问题（无法在原处批注）：" + "；".join(lines)
    document.add_comment([Run(first_run, None)], text=text, author=AUTHOR, initials=INITIALS)


# -- a second run replaces the first -------------------------------------------------------------


def _strip_previous(document: Any) -> None:
    """Remove drafter's earlier comments (anchors and references too) and undo its revisions."""
    part = _comments_part(document)
    ours: set[str] = set()
    if part is not None:
        for comment in list(part.element.findall(q("comment"))):
            if comment.get(q("author")) == AUTHOR:
                ours.add(comment.get(q("id")))
                part.element.remove(comment)
    body = document.element.body
    if ours:
        for tag in ("commentRangeStart", "commentRangeEnd"):
            for el in list(body.iter(q(tag))):
                if el.get(q("id")) in ours:
                    el.getparent().remove(el)
        for ref in list(body.iter(q("commentReference"))):
            if ref.get(q("id")) in ours:
                run = ref.getparent()
                run.getparent().remove(run)
    for ins in list(body.iter(q("ins"))):
        if ins.get(q("author")) == AUTHOR:
            ins.getparent().remove(ins)
    for deletion in list(body.iter(q("del"))):
        if deletion.get(q("author")) == AUTHOR:
            for t in deletion.iter(q("delText")):
                t.tag = q("t")
            for run in list(deletion):
                deletion.addprevious(run)
            deletion.getparent().remove(deletion)


def _comments_part(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS:
            return rel.target_part
    return None


def default_output(source: Path) -> Path:
    """`讲话稿.docx` → `讲话稿.审校.docx` beside it."""
    stem = source.stem.removesuffix(".审校")
    return source.with_name(f"{stem}.审校.docx")
