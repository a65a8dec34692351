"""Benchmark one big file checked in parts on every core (drafter/checks/chunked.py; issues 17, 18).

Prints, for speech text of 10 MB and 100 MB (the seed speech repeated, as in the README), all rules,
`--format json`, each run in its own process:
- the whole-document path (one process, every finding held until the report is written: what
  `drafter check` did before), `drafter check --jobs 1` (parts, one core) and `drafter check`
  (parts on every core);
- for each: wall time, CPU time (the process and every worker it started), MB/s of wall and of
  CPU, and the peak memory of the process tree, summed over the processes two ways: resident
  (RSS, counting pages shared by forked workers once per process, an upper bound) and
  proportional (PSS, each shared page split between its sharers);
- the ratios: wall against the whole-document path and against one core; and whether the three
  reports are byte for byte the same (they must be).
The load average is printed with the figures: wall times on a shared machine are inflated by the
others' work, CPU and memory are not.

Run: python bench/bench_chunked.py [--sizes 10,100]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_90650464488cdbe9.txt"
FALLBACK = "今天召开**企业年度会议，**家单位作了述职，全年新增项目**个，新增标的**万元。\n" * 40

# `drafter check` as it was before parts: every file checked whole, in one process.
_WHOLE = """
import sys
from drafter.checks import chunked
from drafter.cli import main
chunked.CHUNK_FROM = float("inf")
chunked.SHARE_FROM = float("inf")
sys.exit(main(sys.argv[1:]))
"""


def _tree(pid: int) -> list[int]:
    """`pid` and all its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as fh:
                todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """Summed RSS and PSS in kB of these processes (those gone meanwhile count 0)."""
    rss = pss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def run(cmd: list[str], out: Path) -> tuple[float, float, float, float, int]:
    """(wall s, CPU s of the tree, peak RSS MB, peak PSS MB, exit status) of one command, its
    standard output written to `out`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    peak = [0, 0]
    done = threading.Event()
    with open(out, "wb") as sink:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=sink, stderr=subprocess.PIPE)

        def sample() -> None:
            while not done.is_set():
                rss, pss = _memory(_tree(proc.pid))
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
                done.wait(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, err = proc.communicate()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace')[-400:]}")
    return wall, cpu, peak[0] / 1024, peak[1] / 1024, proc.returncode


def make_text(path: Path, size_mb: int) -> float:
    seed = SEED.read_text(encoding="utf-8") if SEED.is_file() else FALLBACK
    copies = (size_mb * 2**20) // len(seed.encode("utf-8")) + 1
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for _ in range(copies):
            fh.write(seed)
    return path.stat().st_size / 2**20


def bench(tmp: Path, size_mb: int) -> None:
    path = tmp / f"speech{size_mb}.txt"
    mb = make_text(path, size_mb)
    drafter = [sys.executable, "-m", "drafter", "check", str(path), "--format", "json"]
    runs = {
        "whole document, one process": ([sys.executable, "-c", _WHOLE, *drafter[3:]], tmp / "whole.json"),
        "in parts, --jobs 1": ([*drafter, "--jobs", "1"], tmp / "one.json"),
        "in parts, every core": (drafter, tmp / "all.json"),
    }
    figures = {}
    load = os.getloadavg()[0]
    print(f"{mb:.1f} MB of speech text, every rule, --format json (load average {load:.1f} at the start):")
    for label, (cmd, out) in runs.items():
        wall, cpu, rss, pss, status = run(cmd, out)
        figures[label] = wall
        print(
            f"  {label:<28} {wall:6.1f} s wall ({mb / wall:5.1f} MB/s)  {cpu:6.1f} s CPU ({mb / cpu:5.1f} MB/s)"
            f"  peak RSS {rss:6.0f} MB, PSS {pss:6.0f} MB  exit {status}"
        )
    whole, one, every = figures.values()
    same = filecmp.cmp(tmp / "whole.json", tmp / "one.json", shallow=False) and filecmp.cmp(
        tmp / "whole.json", tmp / "all.json", shallow=False
    )
    print(
        f"  every core against the whole-document path: {whole / every:.2f}x faster (wall); against one core "
        f"{one / every:.2f}x; reports identical: {'yes' if same else 'NO'} (load average now "
        f"{os.getloadavg()[0]:.1f})"
    )
    for name in ("whole.json", "one.json", "all.json", path.name):
        (tmp / name).unlink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100", help="sizes in MB, comma separated (default 10,100)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        for size in (int(s) for s in args.sizes.split(",")):
            bench(Path(name), size)


if __name__ == "__main__":
    main()
