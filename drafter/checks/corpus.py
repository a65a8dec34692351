"""Measuring the checks on a labelled corpus: drafts whose defects are marked inline as
`⟦rule.id⟧wrong text⟦/⟧`, and clean passages that must give no finding. Precision first: a
checker that cries wolf gets switched off."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from drafter.checks.engine import CheckEngine
from drafter.checks.model import Finding
from drafter.document import Document

_MARK = re.compile(r"⟦([a-z]+\.[a-z-]+)⟧(.*?)⟦/⟧")


@dataclass(frozen=True)
class Mark:
    rule: str
    line: int
    start: int  # 0-based column
    end: int
    text: str


@dataclass
class Score:
    true_pos: Counter[str] = field(default_factory=Counter)
    false_pos: list[Finding] = field(default_factory=list)
    false_neg: list[tuple[str, Mark]] = field(default_factory=list)
    marks: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)

    def precision(self, rule: str) -> float:
        return self.true_pos[rule] / self.found[rule] if self.found[rule] else 1.0

    def recall(self, rule: str) -> float:
        return self.true_pos[rule] / self.marks[rule] if self.marks[rule] else 1.0


def strip_marks(marked: str) -> tuple[str, list[Mark]]:
    """The plain text and the marks' positions in it."""
    marks: list[Mark] = []
    out_lines = []
    for number, line in enumerate(marked.split("\n"), 1):
        plain: list[str] = []
        last = 0
        col = 0
        for m in _MARK.finditer(line):
            before = line[last : m.start()]
            plain.append(before)
            col += len(before)
            marks.append(Mark(m.group(1), number, col, col + len(m.group(2)), m.group(2)))
            plain.append(m.group(2))
            col += len(m.group(2))
            last = m.end()
        plain.append(line[last:])
        out_lines.append("".join(plain))
    return "\n".join(out_lines), marks


def score_corpus(engine: CheckEngine, folder: Path, ignore: tuple[str, ...] = ("placeholder",)) -> Score:
    """Run the engine on every file of `folder` (defects/ and clean/) and count hits and misses."""
    score = Score()
    # Only the tuned corpus (defects/ and clean/); blind/, clean_traps/ and published/ have their
    # own scorers (bench/blind_eval.py, bench/published_eval.py) and their own labels.
    parts = [folder / "defects", folder / "clean"]
    paths = [p for part in parts if part.is_dir() for p in part.rglob("*.txt")] or list(folder.rglob("*.txt"))
    for path in sorted(paths):
        plain, marks = strip_marks(path.read_text(encoding="utf-8"))
        findings = [
            f
            for f in engine.check(Document(str(path), "text", plain))
            if not any(f.rule == c or f.rule.startswith(c + ".") for c in ignore)
        ]
        matched: set[int] = set()
        for f in findings:
            score.found[f.rule] += 1
            hit = next(
                (
                    i
                    for i, mk in enumerate(marks)
                    if i not in matched
                    and mk.rule == f.rule
                    and mk.line == f.line
                    and f.column - 1 < mk.end
                    and f.column - 1 + len(f.text) > mk.start
                ),
                None,
            )
            if hit is None:
                score.false_pos.append(f)
            else:
                matched.add(hit)
                score.true_pos[f.rule] += 1
        for i, mk in enumerate(marks):
            score.marks[mk.rule] += 1
            if i not in matched:
                score.false_neg.append((str(path), mk))
    return score
