"""Benchmark the phrase bank (issue: phrase bank and pinyin-aware search).

Builds a 50,000-entry bank (clauses of the built-in entries recombined, so the text is real
Chinese), then prints, measured in one process:
- load with a cold cache (parse + pinyin for every entry) and with a warm cache;
- building the search index;
- per-query latency, median and p95, for 1–8 character Hanzi, full-pinyin and initials queries;
- the naive way on the same bank: rapidfuzz.process.extract(query, texts, scorer=WRatio).

Run: python bench/bench_phrases.py [--entries N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path


def build_bank(folder: Path, count: int, seed: int = 9) -> list[str]:
    from drafter.bank import PhraseBank
    from drafter.resources import phrasebank_dir

    builtin = PhraseBank.load(phrasebank_dir(), standard=False, use_cache=False)
    clauses = sorted({c for e in builtin for c in re.split(r"[，；。！：]", e.text) if 4 <= len(c) <= 30})
    rng = random.Random(seed)
    texts = []
    per_file = 5000
    for start in range(0, count, per_file):
        lines = ["category: 压测", "entries:"]
        for n in range(start, min(start + per_file, count)):
            text = "，".join(rng.sample(clauses, rng.randint(2, 4))) + "。"
            texts.append(text)
            lines.append(f"  - id: bench.e{n}")
            lines.append(f"    text: '{text}'")
            lines.append(f"    role: {rng.choice(['measure', 'problem', 'achievement'])}")
        (folder / f"bank{start // per_file:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return texts


def queries(texts: list[str], n: int, seed: int = 3) -> dict[str, list[str]]:
    from drafter.bank.keys import query_keys

    rng = random.Random(seed)
    out: dict[str, list[str]] = {"hanzi": [], "pinyin": [], "initials": []}
    while len(out["hanzi"]) < n:
        text = rng.choice(texts)
        size = rng.randint(1, 8)
        start = rng.randrange(0, max(1, len(text) - size))
        q = text[start : start + size]
        if any(not ("\u4e00" <= ch <= "\u9fff") for ch in q):
            continue
        full, initials = query_keys(q)
        out["hanzi"].append(q)
        out["pinyin"].append(full)
        out["initials"].append(initials)
    return out


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    return f"median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   max {ms[-1]:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bank"
        folder.mkdir()
        os.environ["DRAFTER_CACHE_DIR"] = str(Path(tmp) / "cache")
        texts = build_bank(folder, args.entries)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20

        from drafter.bank import PhraseBank

        cold, _ = timed(PhraseBank.load, folder, standard=False)
        warm_times = [timed(PhraseBank.load, folder, standard=False)[0] for _ in range(3)]
        warm, bank = timed(PhraseBank.load, folder, standard=False)
        index, _ = timed(bank.prepare_search)
        print(f"bank: {len(bank)} entries in {len(list(folder.iterdir()))} files, {size:.1f} MB of YAML")
        print(f"  load, cold cache (parse + pinyin): {cold * 1000:8.1f} ms")
        print(f"  load, warm cache                 : {min([warm, *warm_times]) * 1000:8.1f} ms  (target <= 300 ms)")
        print(f"  search index build (+ pypinyin)  : {index * 1000:8.1f} ms  (once, in the TUI's worker)")

        qs = queries(texts, args.queries)
        print(f"per-query latency, {args.queries} queries of each kind, 1-8 characters, limit 20:")
        all_times: list[float] = []
        for kind, items in qs.items():
            times = [timed(bank.search, q, 20)[0] for q in items]
            all_times += times
            print(f"  drafter {kind:<9}: {summary(times)}")
        print(f"  drafter all      : {summary(all_times)}  (target p95 <= 10 ms)")

        from rapidfuzz import fuzz, process

        naive_queries = [q for items in qs.values() for q in items[:15]]
        naive = [timed(process.extract, q, texts, scorer=fuzz.WRatio, limit=20)[0] for q in naive_queries]
        print(f"  naive WRatio scan: {summary(naive)}  ({len(naive_queries)} queries)")
        ratio = statistics.median(naive) / statistics.median(all_times)
        print(f"  median speed-up over the naive scan: {ratio:.0f}x")


if __name__ == "__main__":
    main()
