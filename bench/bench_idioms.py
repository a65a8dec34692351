"""Benchmark rule `wording.idiom` (one wrong character in a fixed expression, issue 13).

Prints, measured in one run on this machine (CPU time, best of three):
- a speech-sized text checked from a cold index (compared in place: no set-up), and the one-off
  cost per process for long texts: every one-character variant of `rules/idioms.yaml` and the
  automaton, and jieba's word frequencies (read on the first candidate);
- the rule through the engine (`build_engine(only=["wording.idiom"])`) on 10 MB of speech text
  (the seed speech repeated, with three slips every 50 KB so the prose guards run too), in MB/s
  against the target of 15 MB/s;
- the scan alone with ahocorasick-rs (what the rule uses) and, over the same variants, with
  pyahocorasick (10 MB), a Python regex alternation and a dict look-up of every window at every
  position (both on a slice: too slow for 10 MB); each with its ratio to ahocorasick-rs;
- generalisation: how many of the misspellings listed by hand in `rules/wording.yaml` the rule
  finds without that list.

Run: python bench/bench_idioms.py
"""

from __future__ import annotations

import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_90650464488cdbe9.txt"
FALLBACK = "今天召开全区重点工作推进会，研究部署下一步工作，大家要一鼓作气、久久为功。\n" * 40
SLIPS = "各单位要未雨愁缪，做到履职尽则，抓落实贵在久久为公。\n"
TARGET = 15.0  # MB/s


def best_of_cpu(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def speech_text(size: int) -> str:
    seed = SEED.read_text(encoding="utf-8") if SEED.is_file() else FALLBACK
    block = seed
    while len(block.encode("utf-8")) < 50_000:
        block += seed
    block += SLIPS
    return block * (size // len(block.encode("utf-8")) + 1)


def main() -> int:
    from drafter.checks import build_engine
    from drafter.checks.idioms import SMALL_TEXT, IdiomIndex, build_index, common_words, pyahocorasick_scan
    from drafter.checks.registry import make_context
    from drafter.document import Document

    context = make_context()
    context.bank_entries()
    data = context.rule_data("idioms", key="text")
    import ahocorasick_rs  # noqa: F401  (imports are not the build)
    import pypinyin  # noqa: F401

    expressions = [e["text"] for e in data.entries if not e.get("look") and not e.get("real")]
    looks = [e["text"] for e in data.entries if e.get("look")]
    start = time.process_time()
    index = IdiomIndex(expressions, looks)
    speech = speech_text(50_000)[:SMALL_TEXT // 10]
    found = index.candidates_by_comparison(speech)
    small = time.process_time() - start
    small_mb = len(speech.encode("utf-8")) / 2**20
    print(f"a speech-sized text ({small_mb * 1024:.0f} KB), compared in place with no automaton: {small:.2f} s CPU "
          f"from a cold index, {len(found)} candidates")
    start = time.process_time()
    len(index.variants)
    index.candidates_by_automaton("")
    build = time.process_time() - start
    start = time.process_time()
    common_words()
    freq = time.process_time() - start
    print(f"long texts: variants and automaton built once per process: {len(index.expressions)} expressions → "
          f"{len(index.variants)} variants, {build:.2f} s CPU; word frequencies {freq:.2f} s CPU (first candidate)")

    text = speech_text(10 * 2**20)
    size_mb = len(text.encode("utf-8")) / 2**20
    engine = build_engine(only=["wording.idiom"])
    doc = Document("big.txt", "text", text)
    build_index(context)  # warm: the engine's family builds (or reuses) the same cached index
    findings = engine.check(doc)
    t_engine = best_of_cpu(lambda: engine.check(doc))
    engine_mbs = size_mb / t_engine
    print(f"engine, wording.idiom alone, {size_mb:.1f} MB: {t_engine:.3f} s = {engine_mbs:.1f} MB/s "
          f"(target {TARGET:.0f} MB/s: {'met' if engine_mbs >= TARGET else 'NOT met'}), {len(findings)} findings")

    t_rs = best_of_cpu(lambda: index.candidates_by_automaton(text))
    rs_mbs = size_mb / t_rs
    print(f"automaton scan alone (ahocorasick-rs), {size_mb:.1f} MB: {t_rs:.3f} s = {rs_mbs:.1f} MB/s")

    variants = list(index.variants)
    py_scan = pyahocorasick_scan(variants)
    t_py = best_of_cpu(lambda: py_scan(text), repeat=1)
    py_mbs = size_mb / t_py
    print(f"pyahocorasick, same {len(variants)} variants, {size_mb:.1f} MB: {py_mbs:.1f} MB/s "
          f"— ahocorasick-rs is {rs_mbs / py_mbs:.1f}× faster")

    slice_text = text[:100_000]
    slice_mb = len(slice_text.encode("utf-8")) / 2**20
    start = time.process_time()
    alternation = re.compile("|".join(map(re.escape, sorted(variants, key=len, reverse=True))))
    compile_s = time.process_time() - start
    t_re = best_of_cpu(lambda: sum(1 for _ in alternation.finditer(slice_text)), repeat=1)
    re_mbs = slice_mb / t_re
    print(f"regex alternation of the variants, {slice_mb:.2f} MB slice: {re_mbs:.2f} MB/s "
          f"(compile {compile_s:.1f} s) — ahocorasick-rs is {rs_mbs / re_mbs:.0f}× faster")

    table = set(variants)
    lengths = sorted({len(v) for v in variants})

    def per_position() -> int:
        n = 0
        for i in range(len(slice_text)):
            for m in lengths:
                if slice_text[i : i + m] in table:
                    n += 1
        return n

    t_dict = best_of_cpu(per_position, repeat=1)
    dict_mbs = slice_mb / t_dict
    print(f"dict look-up per position ({len(lengths)} lengths), {slice_mb:.2f} MB slice: {dict_mbs:.2f} MB/s "
          f"— ahocorasick-rs is {rs_mbs / dict_mbs:.0f}× faster")

    # Generalisation: the misspellings wording.yaml lists by hand, found by wording.idiom alone
    # (it never reads that list): how much of what someone foresaw the variants would have caught.
    pairs = [
        (e["wrong"], e["right"])
        for e in context.rule_data("wording", key="wrong").entries
        if len(e["wrong"]) >= 4 and len(e["wrong"]) == len(e["right"]) and not e.get("before") and not e.get("after")
    ]
    caught = wrong = 0
    for bad, good in pairs:
        got = [f.suggestion for f in engine.check(Document("t.txt", "text", f"我们要{bad}。"))]
        caught += good in got
        wrong += bool(got) and good not in got
    print(f"generalisation: of {len(pairs)} idiom misspellings listed in wording.yaml, wording.idiom alone finds "
          f"{caught} ({caught / len(pairs):.0%}) with the right form, {wrong} with another")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
