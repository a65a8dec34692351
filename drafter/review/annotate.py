"""Writing findings into a copy of the .docx: a comment on exactly the characters of each finding
(author `drafter`), the blanks highlighted, and, with revisions, each sure fix as a tracked change.

Word splits text into runs at will, so a finding may start in the middle of one run and end in
another: the runs are split at the finding's boundaries (each piece keeps its run's formatting), and
the comment spans the pieces. Running it again on its own output first removes what drafter added
before (its comments and its revisions), so nothing is doubled and people's comments stay."""

from __future__ import annotations

import bisect
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
from drafter.export.docx_writer import set_fonts
from drafter.export.ooxml import child, repair_settings
from drafter.report import suggestion_text

AUTHOR = "drafter"
INITIALS = "DR"
COMMENT_TEXT, COMMENT_REFERENCE = "CommentText", "CommentReference"
COMMENT_FONT, COMMENT_HALF_POINTS = "宋体", "21"  # 五号, 10.5 pt
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
    per_line: dict[int, list[tuple[Finding, int, int]]] = defaultdict(list)
    for f in findings:
        # On its own paragraph: a run-in heading's line holds two (drafter/readers/docx.py).
        place = doc.paragraph_span(f.line, f.column - 1, f.column - 1 + len(f.text))
        if place is not None and place[0] <= body_count and doc.location(place[0]) == locations[place[0] - 1]:
            per_line[place[0]].append((f, place[1], place[2]))
        else:
            result.listed_on_top.append(f)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    revision_id = _max_revision_id(document) + 1
    comments = _Comments(document, now)
    for line in sorted(per_line):
        paragraph_el, _ = trace[line - 1]
        placed = sorted(per_line[line], key=lambda item: item[1], reverse=True)
        ordered = [f for f, _, _ in placed]
        spans = [(start, end) for _, start, end in placed]
        # One split of the paragraph at every finding's boundaries, one walk to map positions to
        # runs: the cost is linear in the paragraph and its findings, not their product.
        runs_of = _isolate_all(paragraph_el, spans)
        # Right to left, so that a revision never moves a run a later finding still needs.
        for f, span in zip(ordered, spans, strict=True):
            runs = runs_of(*span)
            if not runs:
                result.listed_on_top.append(f)
                continue
            shown = f"；建议：{suggestion_text(f.suggestion)}" if f.suggestion is not None else ""
            text = f.message + shown + f" [{f.rule}]"
            comments.add(runs[0], runs[-1], text)
            result.comments += 1
            if f.rule.startswith("placeholder"):
                for r in runs:
                    _highlight(r)
            if revisions and f.rule in fixable and f.suggestion is not None:
                _track_change(runs, f.suggestion, revision_id, now)
                revision_id += 2
                result.revisions += 1
    if result.listed_on_top:
        _top_comment(document, comments, result.listed_on_top, doc)
        result.comments += 1
    _comment_styles(document)
    repair_settings(document.settings.element)
    out = BytesIO()
    document.save(out)
    result.data = out.getvalue()
    return result


# -- comments ------------------------------------------------------------------------------------


class _Comments:
    """Writes comments straight into comments.xml with ids counted up from the highest one there
    (python-docx searches every comment for a free id on each add: quadratic in their number).
    Comment text is set in 宋体 10.5 pt, named on the run as well as by the CommentText style,
    so that Word and WPS never lay a comment out in the body's 16 pt 仿宋."""

    def __init__(self, document: Any, when: str) -> None:
        self.root = document.part._comments_part.element
        self.next_id = max((int(c.get(q("id"), "-1")) for c in self.root.findall(q("comment"))), default=-1) + 1
        self.when = when

    def add(self, first_run: Any, last_run: Any, text: str) -> None:
        cid = str(self.next_id)
        self.next_id += 1
        start = first_run.makeelement(q("commentRangeStart"), {q("id"): cid})
        first_run.addprevious(start)
        end = last_run.makeelement(q("commentRangeEnd"), {q("id"): cid})
        last_run.addnext(end)
        ref = last_run.makeelement(q("r"), {})
        child(child(ref, "rPr"), "rStyle", val=COMMENT_REFERENCE)
        ref.append(ref.makeelement(q("commentReference"), {q("id"): cid}))
        end.addnext(ref)
        comment = self.root.makeelement(
            q("comment"), {q("id"): cid, q("author"): AUTHOR, q("date"): self.when, q("initials"): INITIALS}
        )
        self.root.append(comment)
        paragraph = comment.makeelement(q("p"), {})
        comment.append(paragraph)
        child(child(paragraph, "pPr"), "pStyle", val=COMMENT_TEXT)
        mark = paragraph.makeelement(q("r"), {})
        child(child(mark, "rPr"), "rStyle", val=COMMENT_REFERENCE)
        mark.append(mark.makeelement(q("annotationRef"), {}))
        paragraph.append(mark)
        run = paragraph.makeelement(q("r"), {})
        r_pr = child(run, "rPr")
        set_fonts(r_pr, COMMENT_FONT)
        for tag in ("sz", "szCs"):
            child(r_pr, tag, val=COMMENT_HALF_POINTS)
        t = run.makeelement(q("t"), {XML_SPACE: "preserve"})
        t.text = text
        run.append(t)
        paragraph.append(run)


def _comment_styles(document: Any) -> None:
    """CommentText and CommentReference defined (from drafter's base) when the file lacks them."""
    from drafter.export.base import base_styles

    styles = document.styles.element
    have = {s.get(q("styleId")) for s in styles.findall(q("style"))}
    for style in base_styles().findall(q("style")):
        if style.get(q("styleId")) in (COMMENT_TEXT, COMMENT_REFERENCE) and style.get(q("styleId")) not in have:
            styles.append(copy.deepcopy(style))


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


def _isolate_all(paragraph_el: Any, spans: list[tuple[int, int]]) -> Any:
    """Split the paragraph's runs at every boundary of `spans` in one pass (formatting copied to
    every piece), then return a lookup: (start, end) → the w:r elements holding exactly those
    characters, or [] when some of them are not in a plain run (a field, a hyperlink's code)."""
    cuts = sorted({p for span in spans for p in span})
    offset = 0
    for text, node in _pieces(paragraph_el):
        inside = [c - offset for c in cuts if offset < c < offset + len(text)] if node.tag == q("t") else []
        for k in reversed(inside):  # from the right, so `node` keeps the text before each cut
            _split_run(node, k)
        offset += len(text)
    starts: list[int] = []
    pieces: list[tuple[int, int, Any]] = []
    offset = 0
    for text, node in _pieces(paragraph_el):
        pieces.append((offset, offset + len(text), node))
        starts.append(offset)
        offset += len(text)

    def runs_of(start: int, end: int) -> list[Any]:
        runs: list[Any] = []
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        while index < len(pieces) and pieces[index][0] < end:
            _, node_end, node = pieces[index]
            index += 1
            if node_end <= start:
                continue
            run = node.getparent()
            if run is None or run.tag != q("r"):
                return []
            if not runs or runs[-1] is not run:
                runs.append(run)
        return runs

    return runs_of


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
    child(_r_pr(run), "highlight", val="yellow")


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


def _top_comment(document: Any, comments: _Comments, findings: list[Finding], doc: Any) -> None:
    """Headers, footers and notes cannot carry a comment: list their findings at the top."""
    lines = [f"{doc.location(f.line) or '正文'}：“{f.text}” {f.message}" for f in findings]
    body = document.element.body
    first_run = next(iter(body.iter(q("r"))), None)
    if first_run is None:
        paragraph = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
        first_run = paragraph.add_run("")._r
    text = "页眉、页脚、脚注中的问题（无法在原处批注）：" + "；".join(lines)
    comments.add(first_run, first_run, text)


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
