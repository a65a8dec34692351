"""Benchmark `drafter check --annotate` (issues 17 and 18: linear in findings and paragraphs).

Three series, each timed end to end through `annotate_docx` (read, strip earlier comments, check,
split runs, write comments, save), on .docx files exported by drafter itself:
  - paragraphs: 1k, 10k, 100k paragraphs with one blank each (as many comments as paragraphs);
  - findings: 1k, 10k, 100k blanks packed ten to a paragraph (the per-paragraph cost);
  - the seed speech repeated until it holds 8,672 findings (the figure of issue 18: 56 s before).
It prints the CPU time of each step (process time: steady on a machine shared with other work,
where wall-clock figures swing by 3x) and the growth factor per ×10 step (linear ≈ 10, quadratic
≈ 100), and, in the same run, python-docx's own add_comment on 1k and 3k anchors (the old way).

Run: python bench/bench_annotate.py [--quick]   (--quick stops at 10k)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_90650464488cdbe9.txt"


def _docx(text: str) -> bytes:
    from drafter.draft import parse_draft
    from drafter.export.docx_writer import build_docx
    from drafter.export.presets import load_preset

    return build_docx(parse_draft(text), load_preset("gbt9704"))


def _time(data: bytes, engine) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from drafter.review.annotate import annotate_docx

    start = time.process_time()
    result = annotate_docx(data, "bench.docx", engine)
    return time.process_time() - start, result.comments


def _series(name: str, sizes: list[int], make, engine) -> None:  # type: ignore[no-untyped-def]
    print(f"{name}:")
    previous = None
    for n in sizes:
        data = make(n)
        seconds, comments = _time(data, engine)
        growth = f"  ×{seconds / previous:5.1f} for ×10" if previous else ""
        print(f"  {n:>7,}: {seconds:7.2f} s CPU  {comments:>7,} comments  {len(data) // 1024:>6,} KB{growth}")
        previous = seconds
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    from drafter.checks import build_engine

    engine = build_engine(only=["placeholder"])
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]

    def by_paragraphs(n: int) -> bytes:
        return _docx("标题\n\n" + "".join(f"第{i}项工作完成**个项目，进展顺利。\n" for i in range(n)))

    def by_findings(n: int) -> bytes:
        line = "，".join(f"指标{k}为**" for k in range(10)) + "。\n"
        return _docx("标题\n\n" + line * (n // 10))

    _series("paragraphs (one blank each)", sizes, by_paragraphs, engine)
    _series("findings (ten blanks a paragraph)", sizes, by_findings, engine)

    # The old way, in the same run: python-docx's add_comment, which searches every comment for
    # a free id on each add (only the adding is timed; the rest of annotate is left out).
    from io import BytesIO

    import docx

    print("python-docx add_comment on the same anchors (paragraphs series, the old way; CPU s):")
    ours = {}
    for n in [1_000, 3_000]:
        data = by_paragraphs(n)
        ours[n] = _time(data, engine)[0]
        document = docx.Document(BytesIO(data))
        runs = [p.runs[0] for p in document.paragraphs if p.runs]
        start = time.process_time()
        for run in runs:
            document.add_comment(run, text="占位符", author="drafter")
        old = time.process_time() - start
        print(
            f"  {n:>7,}: {old:7.2f} s for {len(runs):,} comments; whole drafter annotate {ours[n]:.2f} s"
            f" (ratio old/ours {old / ours[n]:.1f}x)"
        )
        sys.stdout.flush()

    if SEED.is_file():
        seed = SEED.read_text(encoding="utf-8")
        lines = seed.splitlines()
        head, body = lines[:4], lines[4:]
        per_copy = sum(line.count("**") for line in body)
        copies = -(-8_672 // per_copy)
        text = "\n".join(head + body * copies) + "\n"
        seconds, comments = _time(_docx(text), engine)
        print(f"seed speech ×{copies}: {comments:,} comments in {seconds:.2f} s (CPU; target < 5 s; 56 s before)")


if __name__ == "__main__":
    main()
