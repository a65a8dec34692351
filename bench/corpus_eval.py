"""Precision and recall of every content rule on the labelled corpus in tests/corpus/.

Targets (issue: content checks): precision >= 0.95 and recall >= 0.95 for every rule, and no
finding at all on the clean passages. Prints a table, then every false positive and miss.

Run: python bench/corpus_eval.py [CORPUS_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from drafter.checks import build_engine
    from drafter.checks.corpus import score_corpus

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "corpus"
    engine = build_engine()
    score = score_corpus(engine, folder)
    rules = sorted(set(score.marks) | set(score.found))
    print(f"{'rule':<26} {'marked':>6} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7}")
    ok = True
    for rule in rules:
        p, r = score.precision(rule), score.recall(rule)
        ok &= p >= 0.95 and r >= 0.95
        print(f"{rule:<26} {score.marks[rule]:>6} {score.found[rule]:>6} {score.true_pos[rule]:>6} {p:>9.3f} {r:>7.3f}")
    clean = [f for f in score.false_pos if "/clean/" in f.path.replace("\\\\", "/")]
    print(f"findings on clean passages: {len(clean)}")
    for f in score.false_pos:
        print(f"  false positive: {f.path}:{f.line}:{f.column} [{f.rule}] {f.text} — {f.message}")
    for path, mk in score.false_neg:
        print(f"  missed:         {path}:{mk.line}:{mk.start + 1} [{mk.rule}] {mk.text}")
    return 0 if ok and not clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
