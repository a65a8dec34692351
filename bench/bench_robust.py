"""Benchmark robustness (issue 17): fuzzing, hostile files, and the readers' cost against size.

Prints, measured in one run on this machine:
- a fuzz run: N seeded mutations of real .docx and text files (tests/fuzzing.py), each checked
  in-process; counts of exit statuses, internal errors (must be 0), slowest case, peak memory;
- every hostile file of the test suite (tests/hostile.py) checked in its own process: exit status,
  wall time and peak memory, next to the same figures for a clean file (the peer);
- the .docx reader at 1k, 10k and 100k paragraphs, next to a naive whole-tree lxml parse of the same
  document.xml, with the growth of time per paragraph (1.0 = linear);
- `drafter check` on 10 MB and 100 MB of speech text: wall time and peak memory, against the budget
  of 10 s per 10 MB and 1 GB, and next to reading and decoding the same file (the floor).

Run: python bench/bench_robust.py [--cases 4000] [--quick]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

_CHILD = """
import resource, sys, time
from drafter.cli import main
start = time.perf_counter()
status = main(sys.argv[1:])
took = time.perf_counter() - start
# VmHWM is this process's own high-water mark; ru_maxrss also counts the parent's before exec.
try:
    peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stderr.write(f"\\n@@{status} {took:.3f} {peak}\\n")
"""


def in_child(*args: str, timeout: float = 600) -> tuple[int, float, float, list[str]]:
    """Run `drafter ARGS` in a fresh process: (status, seconds, peak MB, error lines)."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    tail = [line for line in proc.stderr.splitlines() if line.startswith("@@")]
    errors = [line for line in proc.stderr.splitlines() if line and not line.startswith("@@")]
    if not tail:
        return proc.returncode, float("nan"), float("nan"), errors
    status, took, peak = tail[-1][2:].split()
    return int(status), float(took), int(peak) / 1024, errors


def bench_fuzz(cases: int) -> None:
    import resource

    from fuzzing import case

    from drafter.cli import main

    statuses: dict[int, int] = {}
    internal = 0
    slowest = (0.0, -1)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(cases):
            suffix, data = case(seed)
            path = Path(tmp) / f"case{seed}{suffix}"
            path.write_bytes(data)
            out, err = io.StringIO(), io.StringIO()
            t0 = time.perf_counter()
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    status = main(["check", str(path), "--format", "json"])
                except BaseException as exc:
                    status = -1
                    err.write(f"{type(exc).__name__}: {exc}")
            took = time.perf_counter() - t0
            slowest = max(slowest, (took, seed))
            statuses[status] = statuses.get(status, 0) + 1
            if status not in (0, 1, 2) or "内部错误" in err.getvalue():
                internal += 1
                print(f"  case {seed}: status {status}: {err.getvalue().strip()[:200]}")
            else:
                json.loads(out.getvalue())
            path.unlink()
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = ", ".join(f"exit {k}: {v}" for k, v in sorted(statuses.items()))
    print(f"fuzz: {cases} cases in {total:.1f} s ({total / cases * 1000:.1f} ms each): {counts}")
    print(f"      internal errors or tracebacks: {internal}; slowest case {slowest[1]} took {slowest[0] * 1000:.0f} ms;"
          f" peak memory of the whole run {peak:.0f} MB")


def bench_hostile(tmp: Path) -> None:
    import hostile

    builders = {
        "clean .docx (peer)": lambda: hostile.real_docx(),
        "corrupt deflate": lambda: hostile.corrupt_deflate(hostile.real_docx()),
        "encrypted flag": lambda: hostile.patch_member(hostile.real_docx(), "word/document.xml", flags=1),
        "unknown compression": lambda: hostile.patch_member(hostile.real_docx(), "word/document.xml", method=99),
        "600 nested tables": lambda: hostile.replace_part(
            hostile.real_docx(), "word/document.xml", hostile.nested_tables(600)
        ),
        "directory claims 2 GB": lambda: hostile.patch_member(
            hostile.real_docx(), "word/document.xml", declared_size=2**31
        ),
        "bomb, directory understates": lambda: hostile.patch_member(
            hostile.replace_part(hostile.real_docx(), "word/document.xml", stream_zeros=40 * 2**20),
            "word/document.xml",
            declared_size=1000,
        ),
        "100 MB of empty paragraphs": lambda: hostile.replace_part(
            hostile.real_docx(), "word/document.xml", stream_zeros=100 * 2**20
        ),
        "30 MB of empty paragraphs (read)": lambda: hostile.replace_part(
            hostile.real_docx(), "word/document.xml", stream_zeros=30 * 2**20
        ),
        "bombed styles.xml": lambda: hostile.replace_part(
            hostile.real_docx(), "word/styles.xml", stream_zeros=20 * 2**20
        ),
        "6,000 members": lambda: hostile.many_members(6000),
    }
    print("hostile files, each in its own process (status, time, peak memory):")
    for name, build in builders.items():
        data = build()
        path = tmp / "hostile.docx"
        path.write_bytes(data)
        status, took, peak, errors = in_child("check", str(path), "--format", "json")
        said = errors[0][:70] if errors else ""
        print(f"  {name:<34} {len(data) / 1024:8.0f} KB  exit {status}  {took:6.2f} s  {peak:6.0f} MB  {said}")
        # annotate too: python-docx parses every part it is given
        status, took, peak, _ = in_child("check", str(path), "--annotate", "-o", str(tmp / "out.docx"))
        print(f"  {'  … with --annotate':<34} {'':>11}  exit {status}  {took:6.2f} s  {peak:6.0f} MB")
    if os.name != "nt":
        fifo = tmp / "管道.txt"
        os.mkfifo(fifo)
        status, took, peak, errors = in_child("check", str(fifo), timeout=30)
        print(f"  {'a FIFO':<34} {'':>11}  exit {status}  {took:6.2f} s  {peak:6.0f} MB  {errors[0][:70]}")


def bench_reader_growth() -> None:
    import zipfile

    from lxml import etree

    from drafter.readers.docx import read_docx

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    para = "<w:p><w:r><w:t>今天召开**会议，XX同志主持，共有**家单位参加。</w:t></w:r></w:p>"
    print("docx reader against size (best of 3):")
    print(f"  {'paragraphs':>10}  {'drafter':>9}  {'naive lxml':>10}  {'µs/para':>8}  {'growth':>6}")
    base = None
    for count in (1_000, 10_000, 100_000):
        xml = f'<w:document xmlns:w="{w}"><w:body>{para * count}</w:body></w:document>'.encode()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/document.xml", xml)
        data = buf.getvalue()

        def ours(data: bytes = data) -> None:
            read_docx(data, "x.docx")

        def naive(xml: bytes = xml) -> None:
            root = etree.fromstring(xml)
            ["".join(t.text or "" for t in p.iter(f"{{{w}}}t")) for p in root.iter(f"{{{w}}}p")]

        t_ours = best(ours)
        t_naive = best(naive)
        per = t_ours / count * 1e6
        base = base or per
        print(f"  {count:>10}  {t_ours:8.3f}s  {t_naive:9.3f}s  {per:8.2f}  {per / base:6.2f}")


def best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


SPEECH = [
    "同志们：今天我们召开全市基层党建工作述职评议会，听取各单位党组织书记抓基层党建工作情况汇报。",
    "一年来，各级党组织坚持以习近平新时代中国特色社会主义思想为指导，推动全面从严治党向纵深发展。",
    "要坚持问题导向，聚焦群众急难愁盼，把服务做到群众心坎上，确保各项工作落地见效。",
    "会议由**主持，共有**家企业参加，全年新增项目**个。",
    "二是持续深化作风建设，驰而不息纠治“四风”，以好作风推动工作落实。",
]


def bench_big_text(tmp: Path, sizes_mb: tuple[int, ...]) -> None:
    rng = random.Random(1)
    paragraphs = SPEECH
    print("big text files (each in its own process; budget 10 s per 10 MB, 1 GB):")
    for size in sizes_mb:
        path = tmp / f"big{size}.txt"
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            written = 0
            while written < size * 2**20:
                chunk = "\n".join(rng.choice(paragraphs) for _ in range(1000)) + "\n"
                fh.write(chunk)
                written += len(chunk.encode())
        floor_start = time.perf_counter()
        from drafter.textio import decode_text

        decode_text(path.read_bytes(), str(path))
        floor = time.perf_counter() - floor_start
        status, took, peak, _ = in_child("check", str(path), "--format", "json", "--only", "placeholder")
        print(f"  {size:>4} MB --only placeholder: exit {status}  {took:6.1f} s  {peak:6.0f} MB   "
              f"(read+decode alone {floor:.2f} s; ratio {took / floor:.0f}x; budget {size:.0f} s)")
        status, took, peak, _ = in_child("check", str(path), "--format", "json")
        print(f"  {size:>4} MB all rules:         exit {status}  {took:6.1f} s  {peak:6.0f} MB   "
              f"(budget {size:.0f} s, 1024 MB)")
        path.unlink()


def bench_see_through(size_mb: int = 10) -> None:
    """What folding invisible characters costs (drafter/checks/seethrough.py): the scan alone on
    text without any, and the whole engine on the same text plain and with a ZWSP every 40
    characters (every paragraph folded, every finding mapped back)."""
    from drafter.checks import build_engine
    from drafter.document import Document
    from drafter.textfold import fold

    rng = random.Random(2)
    lines = [*SPEECH, "我们要再接再励，坚持以习近平新时代中国特色社会主意思想为指导。"]
    plain = "\n".join(rng.choice(lines) for _ in range(size_mb * 2**20 // 130))
    hidden = "".join(ch + ("\u200b" if i % 40 == 39 else "") for i, ch in enumerate(plain))
    engine = build_engine()

    def best(run) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(3):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)

    engine.check(Document("warm.txt", "text", lines[-1]))  # the bank and rule data load once
    scan = best(lambda: fold(plain))
    folding = best(lambda: fold(hidden))
    start = time.perf_counter()
    n_plain = len(engine.check(Document("plain.txt", "text", plain)))
    t_plain = time.perf_counter() - start
    start = time.perf_counter()
    n_hidden = len(engine.check(Document("hidden.txt", "text", hidden)))
    t_hidden = time.perf_counter() - start
    print(f"see-through ({size_mb} MB of speech text, all rules, in-process):")
    print(f"  scan of text with nothing to fold: {scan:.3f} s ({scan / t_plain * 100:.1f}% of the check)")
    print(f"  fold of text with a ZWSP every 40 chars: {folding:.3f} s")
    print(f"  check plain {t_plain:.1f} s ({n_plain} findings); with ZWSPs {t_hidden:.1f} s ({n_hidden} findings); "
          f"ratio {t_hidden / t_plain:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=4000)
    parser.add_argument("--quick", action="store_true", help="500 cases, 10 MB text only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bench_fuzz(500 if args.quick else args.cases)
        bench_hostile(tmp)
        bench_reader_growth()
        bench_big_text(tmp, (10,) if args.quick else (10, 100))
    bench_see_through(2 if args.quick else 10)


if __name__ == "__main__":
    main()
