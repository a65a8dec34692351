"""Benchmark `drafter export` (issue: Word export in the official format).

Renders a 100-page speech (the seed's paragraphs repeated: GB/T 9704 holds about 22 × 28 = 616
characters a page) to .docx with the gbt9704 preset, and prints the time next to a bare python-docx
document of the same paragraphs (no styles, no fonts: the floor), measured in the same run.

Then the growth: 1k, 10k and 100k paragraphs (CPU time, steady on a shared machine) and the
factor per ×10 step (linear ≈ 10; python-docx's add_paragraph, which scans the body for its
sectPr on every call, made this quadratic before).

Run: python bench/bench_export.py
"""

from __future__ import annotations

import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_90650464488cdbe9.txt"
FALLBACK = "同志们：\n一、第一部分\n今天召开**企业年度会议，全年新增项目**个，新增标的**万元。\n" * 10


def speech(pages: int = 100) -> str:
    seed = SEED.read_text(encoding="utf-8") if SEED.is_file() else FALLBACK
    lines = seed.splitlines()
    head, body = lines[:4], lines[4:]
    out = list(head)
    chars = sum(len(x) for x in out)
    while chars < pages * 616:
        out.extend(body)
        chars += sum(len(x) for x in body)
    return "\n".join(out) + "\n"


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    import docx

    from drafter.checks import build_engine
    from drafter.document import Document
    from drafter.draft import parse_draft
    from drafter.export.docx_writer import build_docx
    from drafter.export.presets import load_preset

    text = speech()
    draft = parse_draft(text)
    preset = load_preset("gbt9704")
    findings = build_engine(only=["placeholder"]).check(Document("b.txt", "text", text))
    blanks: dict[int, list[tuple[int, int]]] = {}
    for f in findings:
        blanks.setdefault(f.line, []).append((f.column - 1, f.column - 1 + len(f.text)))
    size: list[int] = []

    def drafter_export() -> None:
        size[:] = [len(build_docx(draft, preset, blanks))]

    def bare() -> None:
        d = docx.Document()
        for line in draft.lines:
            d.add_paragraph(line)
        d.save(BytesIO())

    t_drafter = best(drafter_export)
    t_bare = best(bare)
    print(f"speech: {len(text):,} characters, {len(draft.lines)} paragraphs (about 100 pages), {len(findings)} blanks")
    print(
        f"  drafter build_docx (gbt9704, highlights): {t_drafter * 1000:8.1f} ms"
        f"  ({size[0] // 1024} KB; target < 1500 ms)"
    )
    print(f"  bare python-docx, same paragraphs       : {t_bare * 1000:8.1f} ms  (floor)")
    print(f"  ratio drafter/bare                      : {t_drafter / t_bare:.2f}x")
    print("growth (paragraphs with one highlighted blank each, CPU time):")
    previous = None
    for n in (1_000, 10_000, 100_000):
        lines = "标题\n\n" + "".join(f"第{i}项工作完成**个项目，进展顺利。\n" for i in range(n))
        many = parse_draft(lines)
        rows = lines.splitlines()
        spans = {i + 1: [(row.index("**"), row.index("**") + 2)] for i, row in enumerate(rows) if "**" in row}
        start = time.process_time()
        build_docx(many, preset, spans)
        seconds = time.process_time() - start
        growth = f"  ×{seconds / previous:.1f} for ×10" if previous else ""
        print(f"  {n:>7,} paragraphs: {seconds:6.2f} s{growth}")
        previous = seconds


if __name__ == "__main__":
    main()
