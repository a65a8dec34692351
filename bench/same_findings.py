"""Record or compare `drafter check --format json` over every corpus file and the benches' inputs.

Speed work must not change what the rules report: `record DIR` writes one JSON report per input
(the corpus .txt/.md files each, a folder check of the .docx built by bench_batch, and the 10 MB
speech text of bench_check.py, on one core and on every core); `compare DIR_A DIR_B` says which
differ. Run it from two worktrees (before and after) into two directories, then compare.

Run: python bench/same_findings.py record OUT_DIR | compare A B
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _check(args: list[str], out: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "drafter", "check", *args, "--format", "json"]
    res = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
    out.write_bytes(res.stdout + b"\n--exit " + str(res.returncode).encode() + b"\n")


def record(out_dir: Path) -> None:
    from bench_batch import build
    from bench_check import speech_unit, text_of

    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = sorted(p for p in (ROOT / "tests" / "corpus").rglob("*") if p.suffix in {".txt", ".md"})
    # one call for all corpus files: the report names each file, in the order given
    rel = [str(p.relative_to(ROOT)) for p in corpus]
    _check([*rel, "--jobs", "1"], out_dir / "corpus.json")
    _check(rel, out_dir / "corpus-jobs.json")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        big = t / "10MB.txt"
        big.write_text(text_of(10.0, speech_unit()), encoding="utf-8")
        _check([str(big), "--jobs", "1"], out_dir / "10MB-jobs1.json")
        _check([str(big)], out_dir / "10MB.json")
        folder = t / "batch"
        folder.mkdir()
        build(folder, 200)
        _check([str(folder)], out_dir / "batch.json")
        _check([str(folder), "--jobs", "1"], out_dir / "batch-jobs1.json")
    print(f"recorded {len(corpus)} corpus files and the bench inputs in {out_dir}")


def _normal(data: bytes) -> bytes:
    # temporary directories differ between runs
    import re

    return re.sub(rb"/tmp/tmp[^/\"]+/", b"/TMP/", data)


def compare(a: Path, b: Path) -> int:
    bad = 0
    for pa in sorted(a.iterdir()):
        pb = b / pa.name
        same = pb.is_file() and _normal(pa.read_bytes()) == _normal(pb.read_bytes())
        print(f"  {pa.name:<20} {'identical' if same else 'DIFFERENT'}  ({pa.stat().st_size} bytes)")
        bad += not same
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["record"]:
        record(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"]:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
