"""drafter against a peer on the same 10 MB file: textlint with textlint-rule-prh.

prh is the usual way to check wrong→right word pairs with textlint; it gets every wrong→right pair
of drafter's rule data (misquotes and wrong words), so it does one family of drafter's work. drafter
runs every rule. Both run end to end as a user runs them, writing JSON to a file.

Setup (once, when the npm registry is reachable; nothing is committed):
    npm install --prefix bench/.peer textlint textlint-rule-prh
Without it the peer is skipped with a message.

Run: python bench/bench_peer.py [MB]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PEER = Path(os.environ.get("DRAFTER_PEER_DIR", ROOT / "bench" / ".peer"))
SEED = ROOT.parent / "shared" / "seed" / "000_90650464488cdbe9.txt"
FALLBACK = "同志们：\n一、总体情况\n今天召开**企业年度会议，主动把任务抗在肩上，全年新增项目**个。\n" * 20


def speech_text(megabytes: float) -> str:
    base = SEED.read_text(encoding="utf-8") if SEED.is_file() else FALLBACK
    out, size = [], 0
    while size < megabytes * 1_000_000:
        out.append(base)
        size += len(base.encode("utf-8"))
    return "".join(out)


def prh_rules() -> list[dict[str, str]]:
    """Every wrong→right pair in drafter's built-in rule data, in prh's shape."""
    rules = []
    for path in sorted((ROOT / "drafter" / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = data.get("entries", []) if isinstance(data, dict) else []
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("wrong"), str) and isinstance(entry.get("right"), str):
                if entry.get("disabled"):
                    continue
                rules.append({"expected": entry["right"], "pattern": entry["wrong"]})
    return rules


def timed(cmd: list[str], out: Path, cwd: Path | None = None, repeat: int = 3) -> tuple[float, float | None]:
    """Best of `repeat`: (wall seconds, CPU seconds of the child: user + system, or None where
    the platform has no getrusage). Other helpers share this machine's two cores: the wall time
    carries their load, the CPU time much less, so both are printed."""
    walls, cpus = [], []
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules are used
    for _ in range(repeat):
        before = _child_cpu()
        start = time.perf_counter()
        with out.open("wb") as fh:
            subprocess.run(cmd, stdout=fh, stderr=subprocess.DEVNULL, cwd=cwd, check=False, env=env)
        walls.append(time.perf_counter() - start)
        after = _child_cpu()
        if before is not None and after is not None:
            cpus.append(after - before)
    return min(walls), (min(cpus) if cpus else None)


def _child_cpu() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _show(label: str, size: float, wall: float, cpu: float | None) -> str:
    cpu_part = f", CPU {cpu:.2f} s = {size / cpu:.1f} MB/s" if cpu else ""
    return f"{label}: wall {wall:.2f} s = {size / wall:.1f} MB/s{cpu_part}"


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = speech_text(megabytes)
        draft = folder / "speech.txt"
        draft.write_text(text, encoding="utf-8")
        size = draft.stat().st_size / 1_000_000
        drafter = shutil.which("drafter") or str(Path(sys.executable).with_name("drafter"))
        # One run first, so the user cache (lexicon, readings, bank) holds what a writer's has.
        subprocess.run([drafter, "check", str(draft), "--format", "json"], capture_output=True, check=False)
        ours, ours_cpu = timed([drafter, "check", str(draft), "--format", "json"], folder / "ours.json")
        print(f"{size:.1f} MB speech text, best of 3")
        print(_show("drafter, every rule, --format json", size, ours, ours_cpu))
        textlint = PEER / "node_modules" / ".bin" / "textlint"
        if not textlint.exists():
            print(f"peer skipped: {textlint} not installed (npm install --prefix {PEER} textlint textlint-rule-prh)")
            return
        pairs = prh_rules()
        (folder / "prh.yml").write_text(yaml.safe_dump({"version": 1, "rules": pairs}, allow_unicode=True), "utf-8")
        (folder / ".textlintrc.json").write_text(
            '{"rules": {"prh": {"rulePaths": ["' + str(folder / "prh.yml") + '"]}}}', encoding="utf-8"
        )
        env_cmd = [
            str(textlint),
            "--config",
            str(folder / ".textlintrc.json"),
            "--rules-base-directory",
            str(PEER / "node_modules"),
            "--format",
            "json",
            str(draft),
        ]
        theirs, theirs_cpu = timed(env_cmd, folder / "theirs.json", cwd=PEER)
        print(_show(f"textlint + prh ({len(pairs)} wrong→right pairs only)", size, theirs, theirs_cpu))
        cpu_ratio = f"; CPU {theirs_cpu / ours_cpu:.2f}x" if ours_cpu and theirs_cpu else ""
        print(f"ratio: drafter is {theirs / ours:.2f}x (wall) the speed of textlint+prh{cpu_ratio}, running every rule")


if __name__ == "__main__":
    main()
