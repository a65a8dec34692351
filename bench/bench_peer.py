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


def timed(cmd: list[str], out: Path, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    with out.open("wb") as fh:
        subprocess.run(cmd, stdout=fh, stderr=subprocess.DEVNULL, cwd=cwd, check=False)
    return time.perf_counter() - start


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = speech_text(megabytes)
        draft = folder / "speech.txt"
        draft.write_text(text, encoding="utf-8")
        size = draft.stat().st_size / 1_000_000
        drafter = shutil.which("drafter") or str(Path(sys.executable).with_name("drafter"))
        ours = timed([drafter, "check", str(draft), "--format", "json"], folder / "ours.json")
        print(f"{size:.1f} MB speech text; drafter, every rule, --format json: {ours:.2f} s = {size / ours:.1f} MB/s")
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
        theirs = timed(env_cmd, folder / "theirs.json", cwd=PEER)
        print(f"textlint + prh ({len(pairs)} wrong→right pairs only): {theirs:.2f} s = {size / theirs:.1f} MB/s")
        print(f"ratio: drafter is {theirs / ours:.2f}x the speed of textlint+prh while running every rule")


if __name__ == "__main__":
    main()
