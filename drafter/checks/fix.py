"""Applying the fixes drafter is sure of: wrong→right pairs, doubled typos, date forms, half-width
punctuation, items put back in order. Everything else is left for the writer, and said so."""

from __future__ import annotations

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
    """The text with every fixable finding replaced by its suggestion (non-overlapping, so the
    result is the same whatever order the rules ran in)."""
    fixable = {r.id for r in engine.rules() if r.fixable}
    offsets = doc.line_starts
    chosen: list[tuple[int, int, Finding]] = []
    left: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.line, f.column)):
        start = offsets[f.line - 1] + f.column - 1
        end = start + len(f.text)
        if f.rule in fixable and f.suggestion is not None and (not chosen or start >= chosen[-1][1]):
            chosen.append((start, end, f))
        else:
            left.append(f)
    text = doc.text
    pieces: list[str] = []
    last = 0
    for start, end, f in chosen:
        pieces.append(text[last:start])
        pieces.append(f.suggestion or "")
        last = end
    pieces.append(text[last:])
    return FixResult("".join(pieces), [f for _, _, f in chosen], left)
