"""Time the currency rules on growing drafts and compare them with the bare placeholder scan run
on the same text: the rules must stay linear (each doubling at most about twice the time).

    python bench/bench_currency.py [MB ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from drafter.checks.currency import ANNIVERSARY, COPIED_YEAR, ENDED, PLAN, CurrencyFamily
from drafter.checks.placeholder import PlaceholderFamily
from drafter.document import Document

SAMPLE = (
    "今天，我们召开2025年安全生产工作会议，隆重庆祝中国共产党成立104周年。今年是“十四五”规划收官之年。"
    "回顾“十四五”时期，成绩显著，2021年以来累计完成投资**亿元。深入开展党纪学习教育，巩固拓展主题教育成果。\n"
)


def _draft(megabytes: float) -> str:
    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_90650464488cdbe9.txt"
    base = (seed.read_text(encoding="utf-8") if seed.is_file() else "") + SAMPLE
    copies = max(1, int(megabytes * 1_000_000 / len(base.encode("utf-8"))))
    return "讲话\n\n同志们：\n" + base * copies + "\n2026年12月1日\n"


def _time(fn) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(sizes: list[float]) -> None:
    currency = CurrencyFamily()
    currency.campaigns()  # load the bank once, outside the timing
    placeholder = PlaceholderFamily()
    rules = {ANNIVERSARY.id, PLAN.id, ENDED.id, COPIED_YEAR.id}
    stars = {r.id for r in placeholder.rules()}
    previous = None
    print(f"{'MB':>6} {'currency s':>11} {'placeholder s':>14} {'ratio':>6} {'growth':>7}")
    for mb in sizes:
        text = _draft(mb)
        doc = Document("bench.txt", "text", text)
        _ = doc.draft  # parse once: every rule family shares the parsed draft
        took = _time(lambda doc=doc: list(currency.check(doc, rules)))
        base = _time(lambda text=text: list(placeholder.check(Document("bench.txt", "text", text), stars)))
        growth = f"{took / previous:.2f}" if previous else "-"
        print(f"{mb:>6.1f} {took:>11.3f} {base:>14.3f} {took / base:>6.2f} {growth:>7}")
        previous = took


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [1.25, 2.5, 5.0, 10.0])
