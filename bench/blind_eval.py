"""Precision and recall on drafts nobody tuned on: the blind corpus in tests/corpus/blind/.

The drafts were written by a helper who never saw the rules; each slip is marked
`⟦slip.KIND⟧text⟦/⟧` with a writer's kind of slip, not a rule id, so the scorer accepts any rule of
the families that answer that kind. A finding counts as right when it overlaps the marked span on
the same line and its rule belongs to an accepted family (a finding whose span covers several
marks of one kind, such as a pair of straight quotes marked one by one, answers each); a second
finding on an already matched slip is counted apart as a duplicate (one root cause should give
one finding); anything else is a false alarm. Every severity counts: a warning on correct text is
a false alarm too.

Run: python bench/blind_eval.py [FOLDER ...]   (default: tests/corpus/blind/tune and holdout if present)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Which rule families may answer which kind of slip (rule ids are `family.rule`).
ACCEPT: dict[str, tuple[str, ...]] = {
    "misquote": ("formulation", "wording"),
    "order": ("formulation",),
    "items": ("formulation",),
    "collocation": ("formulation",),
    "wrongword": ("wording", "formulation"),
    "doubled": ("repetition",),
    "count": ("enumeration",),
    "sequence": ("enumeration", "numbering"),
    "numbering": ("numbering",),
    "punct": ("punctuation",),
    "date": ("punctuation", "date"),
    "blank": ("placeholder",),
    "currency": ("currency",),
}


right_by_family: Counter = Counter()  # findings that answered a slip, per rule family (last folder)
wrong_by_family: Counter = Counter()  # false alarms per rule family


def _family(rule: str) -> str:
    return rule.split(".", 1)[0]


def score(folder: Path) -> tuple[Counter, Counter, Counter, list[str], list[str], int]:
    from drafter.checks import build_engine
    from drafter.checks.corpus import strip_marks
    from drafter.document import Document

    engine = build_engine()
    marks_n: Counter = Counter()
    hits: Counter = Counter()
    found_by_family: Counter = Counter()
    right_by_family.clear()
    wrong_by_family.clear()
    false_alarms: list[str] = []
    misses: list[str] = []
    dups = 0
    files = sorted([*folder.rglob("*.txt"), *folder.rglob("*.md")])
    for path in files:
        if path.name.lower() in ("readme.md", "traps.md"):  # the corpus notes, not drafts
            continue
        plain, marks = strip_marks(path.read_text(encoding="utf-8"))
        kind_of = [m.rule.split(".", 1)[1] if "." in m.rule else m.rule for m in marks]
        fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"  # as `check` reads it
        findings = engine.check(Document(str(path), fmt, plain))
        matched: set[int] = set()
        for f in findings:
            found_by_family[_family(f.rule)] += 1
            overlapping = [
                i
                for i, mk in enumerate(marks)
                if mk.line == f.line and f.column - 1 < mk.end and f.column - 1 + max(len(f.text), 1) > mk.start
            ]
            good = [i for i in overlapping if _family(f.rule) in ACCEPT.get(kind_of[i], ())]
            fresh = [i for i in good if i not in matched]
            if fresh:
                # One finding for one root cause may answer several marks of the same kind: the
                # two straight quotes of "放管服" are marked apart but are one slip, one fix.
                for i in fresh:
                    if kind_of[i] == kind_of[fresh[0]]:
                        matched.add(i)
                        hits[kind_of[i]] += 1
                right_by_family[_family(f.rule)] += 1
            elif good:
                dups += 1
            else:
                wrong_by_family[_family(f.rule)] += 1
                false_alarms.append(f"{path.name}:{f.line}:{f.column} [{f.rule}] {f.text!r} — {f.message}")
        for i, mk in enumerate(marks):
            marks_n[kind_of[i]] += 1
            if i not in matched:
                misses.append(f"{path.name}:{mk.line}:{mk.start + 1} [{kind_of[i]}] {mk.text!r}")
    return marks_n, hits, found_by_family, false_alarms, misses, dups


def report(folder: Path, verbose: bool) -> None:
    marks_n, hits, _found, false_alarms, misses, dups = score(folder)
    total, right = sum(marks_n.values()), sum(hits.values())
    precision = right / (right + len(false_alarms)) if right + len(false_alarms) else 1.0
    recall = right / total if total else 1.0
    print(f"== {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
    print(f"{'kind':<12} {'marked':>6} {'found':>6} {'recall':>7}")
    for kind in sorted(marks_n):
        print(f"{kind:<12} {marks_n[kind]:>6} {hits[kind]:>6} {hits[kind] / marks_n[kind]:>7.3f}")
    print(f"{'rule family':<12} {'right':>6} {'false':>6} {'precision':>9}")
    for family in sorted(set(right_by_family) | set(wrong_by_family)):
        r, w = right_by_family[family], wrong_by_family[family]
        print(f"{family:<12} {r:>6} {w:>6} {r / (r + w):>9.3f}")
    print(f"slips {total}, found {right}, false alarms {len(false_alarms)}, duplicates {dups}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    if verbose:
        for line in false_alarms:
            print("  false alarm:", line)
        for line in misses:
            print("  missed:     ", line)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    folders = [Path(a) for a in args] or [
        p for p in (ROOT / "tests/corpus/blind/tune", ROOT / "tests/corpus/blind/holdout") if p.is_dir()
    ]
    for folder in folders:
        report(folder.resolve(), verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
