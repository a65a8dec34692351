"""Benchmark the TUI (issue: the drafting TUI), headless, with Textual's Pilot.

Prints: start-up to the first frame of the editor on the seed speech (target < 0.5 s), start-up to
the first complete analysis (outline, findings), and keystroke-to-results latency of the phrase
search over a 50,000-entry team bank (median and p95, results on screen), next to the bank's own
search time for the same queries (the floor).

Run: python bench/bench_tui.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_90650464488cdbe9.txt"
sys.path.insert(0, str(ROOT / "bench"))


async def startup(draft: Path) -> tuple[float, float]:
    from drafter.tui.app import DrafterApp
    from drafter.tui.editor import EditorScreen

    start = time.perf_counter()
    app = DrafterApp(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, EditorScreen):
            await pilot.pause(0.005)
        first = time.perf_counter() - start
        while app.screen.analysis is None:  # type: ignore[attr-defined]
            await pilot.pause(0.005)
        analysed = time.perf_counter() - start
    return first, analysed


async def typing(draft: Path, queries: list[str]) -> tuple[list[float], list[float], float]:
    """For each query: type all but its last character, let the results settle, then time the
    last keystroke until its results are on screen (the latency a writer feels as they type)."""
    from textual.widgets import Input, OptionList

    from drafter.tui.app import DrafterApp

    app = DrafterApp(draft)
    latencies: list[float] = []
    floors: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while app.bank is None or not app.bank.search_ready:
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        screen = app.screen
        box = screen.query_one("#phrase-query", Input)
        results = screen.query_one("#phrase-results", OptionList)
        for query in queries:
            box.value = query[:-1]
            await app.workers.wait_for_complete()
            await pilot.pause()
            before = screen._hits  # type: ignore[attr-defined]
            start = time.perf_counter()
            box.value = query  # the last keystroke
            while screen._hits is before:  # type: ignore[attr-defined]
                await asyncio.sleep(0.0005)
            await pilot.pause()  # the OptionList has redrawn
            latencies.append(time.perf_counter() - start)
            assert results.option_count == len(screen._hits)  # type: ignore[attr-defined]
            t = time.perf_counter()
            app.bank.search(query, limit=60)
            floors.append(time.perf_counter() - t)
        press = time.perf_counter()
        for ch in "abcd":
            await pilot.press(ch)
        pilot_press = (time.perf_counter() - press) / 4
    return latencies, floors, pilot_press


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):7.1f} ms   p95 {ms[max(0, round(0.95 * len(ms)) - 1)]:7.1f} ms"


def main() -> None:
    from bench_phrases import build_bank, queries

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(work / "data")
        os.environ["DRAFTER_CACHE_DIR"] = str(work / "cache")
        draft = work / "seed.txt"
        draft.write_text(
            SEED.read_text(encoding="utf-8") if SEED.is_file() else "讲话\n\n一、部分\n**\n", encoding="utf-8"
        )
        asyncio.run(startup(draft))  # warm the phrase-bank cache once, as a writer's second start
        first, analysed = asyncio.run(startup(draft))
        print("editor on the seed speech (built-in bank):")
        print(f"  start-up to first frame    : {first * 1000:7.1f} ms  (target < 500 ms)")
        print(f"  start-up to outline+checks : {analysed * 1000:7.1f} ms")
        from bench_export import speech

        from drafter.checks import build_engine
        from drafter.session import DraftSession

        long_draft = DraftSession(work / "long.txt", speech(100), "")
        engine = build_engine()
        times = []
        for _ in range(5):
            t = time.perf_counter()
            long_draft.analyze(engine)
            times.append(time.perf_counter() - t)
        print(f"  100-page draft, one analysis (worker, after each pause in typing): {min(times) * 1000:6.1f} ms")
        team = work / "team"
        team.mkdir()
        texts = build_bank(team, 50_000)
        os.environ["DRAFTER_BANK_PATH"] = str(team)
        asyncio.run(startup(draft))  # cold cache of the 50k bank, not measured
        first, analysed = asyncio.run(startup(draft))
        print("with a 50,000-entry team bank:")
        print(f"  start-up to first frame    : {first * 1000:7.1f} ms")
        qs = queries(texts, 20)
        sample = qs["hanzi"][:10] + qs["pinyin"][:10] + qs["initials"][:10]
        latencies, floors, pilot_press = asyncio.run(typing(draft, sample))
        print(f"  keystroke-to-results on screen ({len(sample)} queries): {summary(latencies)}")
        print(f"  bank.search alone (floor)                 : {summary(floors)}")
        print(f"  (for scale: one Pilot key press into the app takes {pilot_press * 1000:.0f} ms headless)")


if __name__ == "__main__":
    main()
