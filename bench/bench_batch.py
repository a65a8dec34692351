"""Benchmark a folder check on every core (issue: speed at every size).

Builds 2,000 mixed files in a temporary folder (1,000 .docx exported from the seed with varied
facts, 1,000 .txt), then times: all rules on one core; all rules on every core (processes, results
in the same order); and the floor for .docx, a bare unzip plus lxml parse of every document.xml.
Targets: at least 1.7x faster than one core on a 2-core machine; within 2x of the floor for .docx.

Run: python bench/bench_batch.py [N_FILES]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import zipfile
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_90650464488cdbe9.txt"
FALLBACK = "讲话\n\n同志们：\n一、第一部分\n今天召开**企业年度会议，全年新增项目**个。\n" * 40


def build(folder: Path, n: int) -> list[str]:
    from drafter.draft import parse_draft
    from drafter.export.docx_writer import build_docx
    from drafter.export.presets import load_preset

    seed = SEED.read_text(encoding="utf-8") if SEED.is_file() else FALLBACK
    preset = load_preset("gbt9704")
    template = build_docx(parse_draft(seed), preset)
    names = []
    for i in range(n):
        if i % 2:
            path = folder / f"{i:05d}.txt"
            path.write_text(seed.replace("**", str(i), 3), encoding="utf-8")
        else:
            path = folder / f"{i:05d}.docx"
            path.write_bytes(template)
        names.append(str(path))
    return names


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cpu_of(fn) -> float | None:  # type: ignore[no-untyped-def]
    """CPU seconds (user + system) of this process and of the workers `fn` started and joined:
    on a machine shared with other work, the figure that compares between runs."""
    try:
        import resource
    except ImportError:  # Windows
        return None

    def now() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + usage.ru_utime + usage.ru_stime

    start = now()
    fn()
    return now() - start


def main() -> None:
    from lxml import etree

    from drafter.batch import check_files, default_jobs, engine_from_options

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        names = build(Path(tmp), n)
        docx_names = [x for x in names if x.endswith(".docx")]
        factory = partial(engine_from_options, [], [], [])
        engine = factory()
        one = timed(lambda: sum(len(r.findings) for r in check_files(names, factory, 1, engine=engine)))
        jobs = default_jobs()
        many = timed(lambda: sum(len(r.findings) for r in check_files(names, factory, jobs)))
        same = [(r.name, len(r.findings)) for r in check_files(names, factory, 1, engine=engine)] == [
            (r.name, len(r.findings)) for r in check_files(names, factory, jobs)
        ]

        def floor() -> None:
            for name in docx_names:
                with zipfile.ZipFile(name) as z:
                    etree.fromstring(z.read("word/document.xml"))

        bare = timed(floor)
        bare_cpu = cpu_of(floor)
        docx_one = timed(lambda: list(check_files(docx_names, factory, 1, engine=engine)))
        docx_many = timed(lambda: list(check_files(docx_names, factory, jobs)))
        docx_cpu = cpu_of(lambda: list(check_files(docx_names, factory, jobs)))
    print(f"{n} files ({len(docx_names)} .docx), {jobs} cores; same results and order: {same}")
    print(f"all rules, one core   {one:7.2f} s")
    print(f"all rules, {jobs} cores   {many:7.2f} s   speed-up {one / many:.2f}x (target 1.7x)")
    print(
        f".docx only: one core {docx_one:.2f} s, {jobs} cores {docx_many:.2f} s; bare unzip+parse floor {bare:.2f} s "
        f"(one core), ratio {docx_many / bare:.2f} (target within 2x)"
    )
    if docx_cpu is not None and bare_cpu:
        print(
            f".docx only, CPU over all processes: {jobs} cores {docx_cpu:.2f} s, floor {bare_cpu:.2f} s, "
            f"ratio {docx_cpu / bare_cpu:.2f} (load average {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
