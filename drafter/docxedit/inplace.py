"""Filling blanks and applying sure fixes inside a .docx, changing only those characters.

Findings come from the same reader and engine as `drafter check`, so the blanks are numbered in the
order `drafter check --only placeholder` lists them (body with its tables and text boxes, then
headers, footers and notes). Each finding's line is mapped back to its paragraph element; a
paragraph whose text does not read back exactly as the checker saw it is left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from drafter.checks.engine import CheckEngine
from drafter.checks.model import Finding
from drafter.document import Document
from drafter.docxedit.package import DocxPackage
from drafter.docxedit.runs import paragraph_text, replace_span, track_replace
from drafter.errors import os_reason

AUTHOR = "drafter"


@dataclass
class LineRef:
    part: str
    paragraph: Any


@dataclass
class EditResult:
    """What an in-place change did: the new bytes, the findings changed and those left."""

    data: bytes
    applied: list[Finding] = field(default_factory=list)
    left: list[Finding] = field(default_factory=list)
    changed_parts: set[str] = field(default_factory=set)


def line_refs(package: DocxPackage) -> list[LineRef]:
    """For every line of the Document `read_docx` makes of this package, its part and paragraph."""
    from drafter.readers.docx import paragraph_map, reading_order

    refs: list[LineRef] = []
    for name, label in reading_order(package.names()):
        _, _, trace = paragraph_map(package.tree(name), label)
        refs.extend(LineRef(name, paragraph) for paragraph, _ in trace)
    return refs


def _readable(ref: LineRef, doc: Document, line: int) -> bool:
    text = paragraph_text(ref.paragraph).replace("\r", " ").replace("\n", " ")
    return text == doc.paragraph_text(line)


def blanks(data: bytes, path: str, engine: CheckEngine) -> tuple[Document, list[Finding]]:
    """The document and its blanks (placeholder findings), numbered in check's order."""
    from drafter.readers.docx import read_docx

    doc = read_docx(data, path)
    return doc, [f for f in engine.check(doc) if f.rule.startswith("placeholder")]


def _apply(
    data: bytes,
    path: str,
    doc: Document,
    changes: Sequence[tuple[Finding, str]],
    *,
    revisions: bool = False,
    drop_highlight: bool = False,
) -> EditResult:
    package = DocxPackage.open(data, path)
    refs = line_refs(package)
    result = EditResult(data)
    if len(refs) != len(doc.text.split("\n")):
        result.left = [f for f, _ in changes]
        return result
    # Each change on its paragraph: a run-in heading's line holds two (drafter/readers/docx.py).
    per_line: dict[int, list[tuple[Finding, str, int, int]]] = defaultdict(list)
    for finding, value in changes:
        place = doc.paragraph_span(finding.line, finding.column - 1, finding.column - 1 + len(finding.text))
        if place is None:
            result.left.append(finding)
        else:
            per_line[place[0]].append((finding, value, place[1], place[2]))
    when = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    revision_id = _max_revision_id(package) + 1
    for line, items in per_line.items():
        ref = refs[line - 1]
        if not _readable(ref, doc, line):
            result.left.extend(item[0] for item in items)
            continue
        mirror = None if revisions else _fallback_copy(ref.paragraph)
        # Right to left: an edit never moves an offset still to be used.
        for finding, value, start, end in sorted(items, key=lambda item: item[2], reverse=True):
            if revisions:
                done = track_replace(ref.paragraph, start, end, value, revision_id, AUTHOR, when)
                revision_id += 2
            else:
                done = replace_span(ref.paragraph, start, end, value, drop_highlight=drop_highlight)
            if done:
                result.applied.append(finding)
                package.mark_changed(ref.part)
                if mirror is not None:
                    replace_span(mirror, start, end, value, drop_highlight=drop_highlight)
            else:
                result.left.append(finding)
    result.changed_parts = package.changed
    if result.applied:
        result.data = package.save()
    result.applied.sort(key=lambda f: (f.line, f.column))
    result.left.sort(key=lambda f: (f.line, f.column))
    return result


def _fallback_copy(paragraph: Any) -> Any:
    """Word keeps a text box twice: DrawingML (read) and a VML fallback for old readers, which
    must say the same. The fallback paragraph at the same place, if it reads the same."""
    from drafter.readers.docx import MC, W

    choice = next((a for a in paragraph.iterancestors(f"{{{MC}}}Choice")), None)
    if choice is None:
        return None
    fallback = choice.getnext()
    if fallback is None or fallback.tag != f"{{{MC}}}Fallback":
        return None
    mine = list(choice.iter(f"{{{W}}}p"))
    theirs = list(fallback.iter(f"{{{W}}}p"))
    if len(mine) != len(theirs):
        return None
    twin = theirs[mine.index(paragraph)]
    return twin if paragraph_text(twin) == paragraph_text(paragraph) else None


def fill_docx(data: bytes, path: str, engine: CheckEngine, values: Sequence[str | None]) -> EditResult:
    """Give the n-th blank the n-th value (None or "" leaves it). The value takes the formatting
    of the blank's first character; drafter's highlight of the blank goes."""
    doc, found = blanks(data, path, engine)
    changes = [(f, v) for f, v in zip(found, values, strict=False) if v]
    result = _apply(data, path, doc, changes, drop_highlight=True)
    unfilled = [f for f, v in zip(found, [*values, *[None] * len(found)], strict=False) if not v]
    result.left = sorted([*result.left, *unfilled], key=lambda f: (f.line, f.column))
    return result


def fix_docx(data: bytes, path: str, engine: CheckEngine, *, revisions: bool = False) -> EditResult:
    """Apply the fixes drafter is sure of (the same choice as `--fix` makes on a text draft),
    in place or, with revisions, as tracked changes for the writer to accept or reject."""
    from drafter.checks.fix import apply_fixes
    from drafter.readers.docx import read_docx

    doc = read_docx(data, path)
    findings = engine.check(doc)
    chosen = apply_fixes(engine, doc, findings)
    changes = [(f, f.suggestion or "") for f in chosen.applied]
    result = _apply(data, path, doc, changes, revisions=revisions)
    result.left = sorted([*chosen.left, *result.left], key=lambda f: (f.line, f.column))
    return result


def _max_revision_id(package: DocxPackage) -> int:
    from drafter.readers.docx import W

    best = 0
    for name in ("word/document.xml",):
        for tag in ("ins", "del", "comment", "commentRangeStart", "bookmarkStart"):
            for el in package.tree(name).iter(f"{{{W}}}{tag}"):
                try:
                    best = max(best, int(el.get(f"{{{W}}}id", "0")))
                except ValueError:
                    continue
    return best + 1000


def context_key(blank: Finding) -> tuple[str, str, str]:
    """Blanks that share this are "the same field": the blank with two characters either side."""
    return (blank.before[-2:], blank.text, blank.after[:2])


@dataclass
class FillPlan:
    """The blanks of a .docx and the values chosen so far: the state of the fill screen, kept in
    the library so that the screen and `drafter fill --values` write through the same call."""

    blanks: list[Finding]
    values: list[str | None]
    digest: str = ""  # of the bytes the blanks were read from: a changed file is not written

    @classmethod
    def of_file(cls, path: Any, engine: CheckEngine) -> FillPlan:
        from pathlib import Path

        from drafter.errors import InputError

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(str(path), f"无法读取（{os_reason(exc)}）") from None
        _, found = blanks(data, str(path), engine)
        return cls(found, [None] * len(found), hashlib.sha256(data).hexdigest())

    @property
    def filled(self) -> int:
        return sum(1 for v in self.values if v)

    @property
    def remaining(self) -> int:
        return len(self.blanks) - self.filled

    def set(self, index: int, value: str | None) -> None:
        self.values[index] = (value or "").strip() or None

    def alike(self, index: int) -> list[int]:
        key = context_key(self.blanks[index])
        return [i for i, b in enumerate(self.blanks) if context_key(b) == key]

    def set_alike(self, index: int, value: str) -> list[int]:
        """Give `value` to every blank sharing this one's context that has no value yet (and this one)."""
        changed = [i for i in self.alike(index) if i == index or not self.values[i]]
        for i in changed:
            self.set(i, value)
        return changed

    def next_unfilled(self, index: int) -> int | None:
        order = [*range(index + 1, len(self.blanks)), *range(0, index + 1)]
        return next((i for i in order if not self.values[i]), None)

    def save(self, path: Any, engine: CheckEngine, output: Any = None) -> EditResult:
        from pathlib import Path

        from drafter.docxedit.files import fill_file
        from drafter.errors import DrafterError

        if self.digest and hashlib.sha256(Path(path).read_bytes()).hexdigest() != self.digest:
            raise DrafterError(f"{path}: 文件在填写期间被别的程序修改过，没有写入（请重新打开后再填）")
        return fill_file(path, engine, list(self.values), output)
