"""Applying the fixes drafter is sure of: wrong→right pairs it names, doubled typos no reading
explains, date forms, half-width punctuation, whole named lists put back in order. Everything
else is left for the writer, and said so."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from drafter.checks.engine import CheckEngine
from drafter.checks.model import Finding
from drafter.document import Document


@dataclass
class FixResult:
    text: str
    applied: list[Finding]
    left: list[Finding]


def apply_fixes(engine: CheckEngine, doc: Document, findings: list[Finding]) -> FixResult:
    """The text with every sure fix applied: a finding of a fixable rule that carries a
    suggestion (rules give one only when certain), not overlapping an earlier one.

    Two fixes that are each sure can still meet badly (要我们我们要要我们: undoing both doublings
    makes 要我们要我们). So every paragraph that receives fixes is checked again on its own: if the
    fixed paragraph shows a finding that was not there, none of its fixes is applied. Every fixable
    rule looks at one paragraph at a time, so checking the paragraph alone is enough."""
    fixable = {r.id for r in engine.rules() if r.fixable}
    offsets = doc.line_starts
    chosen: list[tuple[int, int, Finding]] = []
    left: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.line, f.column)):
        start = offsets[f.line - 1] + f.column - 1
        end = start + len(f.text)
        if (
            f.rule in fixable
            and f.suggestion is not None
            and (not chosen or start >= chosen[-1][1])
            and not _ascii_mark_in_english(doc, f, start)
        ):
            chosen.append((start, end, f))
        else:
            left.append(f)
    by_line: dict[int, list[tuple[int, int, Finding]]] = defaultdict(list)
    for item in chosen:
        by_line[item[2].line].append(item)
    kept: list[tuple[int, int, Finding]] = []
    for line, fixes in by_line.items():
        if _safe(engine, doc, line, fixes):
            kept.extend(fixes)
        else:
            left.extend(f for _, _, f in fixes)
    kept.sort(key=lambda item: item[0])
    left.sort(key=lambda f: (f.line, f.column))
    return FixResult(_replaced(doc.text, kept, 0), [f for _, _, f in kept], left)


def _replaced(text: str, fixes: list[tuple[int, int, Finding]], base: int) -> str:
    pieces: list[str] = []
    last = 0
    for start, end, f in fixes:
        pieces.append(text[last : start - base])
        pieces.append(f.suggestion or "")
        last = end - base
    pieces.append(text[last:])
    return "".join(pieces)


def _safe(engine: CheckEngine, doc: Document, line: int, fixes: list[tuple[int, int, Finding]]) -> bool:
    """The paragraph, fixed, shows nothing new (rule by rule) beyond what was left in it."""
    base = doc.line_starts[line - 1]
    original = doc.line_text(line)
    fixed = _replaced(original, fixes, base)
    before = Counter(f.rule for f in engine.check(Document(doc.path, doc.format, original)))
    after = Counter(f.rule for f in engine.check(Document(doc.path, doc.format, fixed)))
    expected = before - Counter(f.rule for _, _, f in fixes)
    return not (after - expected)


# Two English words in a row: the paragraph is (partly) English prose.
_ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def _ascii_mark_in_english(doc: Document, f: Finding, start: int) -> bool:
    """Whether `f` would make ASCII marks full-width in a paragraph that holds English prose (a
    Markdown list in English that quotes Chinese words: `meet: 工作作风, 会议议程.`): the finding
    stands, the fix is not certain. A speech's 5G, ISO 9001 or Word 文档 are no English prose."""
    if not f.rule.startswith("punctuation.") or not (f.text[:1].isascii() and f.text[-1:].isascii()):
        return False
    text = doc.text
    if doc.format == "markdown":  # a Markdown paragraph runs on to the next blank line
        lo = text.rfind("\n\n", 0, start)
        lo = 0 if lo == -1 else lo + 2
        hi = text.find("\n\n", start)
    else:
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", start)
    return _ENGLISH.search(text, lo, hi if hi != -1 else len(text)) is not None
