"""Benchmark the TUI (issue: the drafting TUI), headless, with Textual's Pilot.

Prints: start-up to the first frame of the editor on the seed speech (target < 0.5 s), start-up to
the first complete analysis (outline, findings), keystroke-to-screen latency while typing into a
100-page draft at four rhythms (back-to-back, 150, 300, 500 ms between keys: p50/p95/max, against
the same typing into a one-paragraph draft, the floor), opening that draft, and keystroke-to-results
latency of the phrase search over a 50,000-entry team bank (median and p95, results on screen),
next to the bank's own search time for the same queries (the floor).

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
        screen = app.screen.query_one("#right")  # the phrase panel
        box = screen.query_one("#phrase-query", Input)
        results = screen.query_one("#phrase-results", OptionList)
        for query in queries:
            box.value = query[:-1]
            await app.workers.wait_for_complete()
            await pilot.pause()
            before = screen.hits  # type: ignore[attr-defined]
            start = time.perf_counter()
            box.value = query  # the last keystroke
            while screen.hits is before:  # type: ignore[attr-defined]
                await asyncio.sleep(0.0005)
            await pilot.pause()  # the OptionList has redrawn
            latencies.append(time.perf_counter() - start)
            assert results.option_count == len(screen.hits)  # type: ignore[attr-defined]
            t = time.perf_counter()
            app.bank.search(query, limit=60)
            floors.append(time.perf_counter() - t)
        press = time.perf_counter()
        for ch in "abcd":
            await pilot.press(ch)
        pilot_press = (time.perf_counter() - press) / 4
    return latencies, floors, pilot_press


RHYTHMS = (("back-to-back", 0.0), ("150 ms", 0.15), ("300 ms", 0.3), ("500 ms", 0.5))


async def rhythm(draft: Path, interval: float, keys: int = 30) -> list[float]:
    """Type `keys` characters into the middle of `draft`, one every `interval` seconds, and time
    each from the moment it was due until it is on screen. A key that falls due while the UI is
    busy (redrawing the outline and findings after an analysis) waits: that wait is the stall."""
    from drafter.tui.app import DrafterApp
    from drafter.tui.editor import EditorScreen

    app = DrafterApp(draft)
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, EditorScreen) or app.screen.analysis is None:
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        editor = app.screen
        text_area = editor.text_area
        text_area.move_cursor((len(text_area.text.split("\n")) // 2, 0))
        due = time.perf_counter()
        for i in range(keys):
            now = time.perf_counter()
            if due > now:
                await asyncio.sleep(due - now)
            await pilot.press("好" if i % 2 else "的")
            await pilot.pause()  # drawn
            latencies.append(time.perf_counter() - due)
            due = max(due + interval, time.perf_counter()) if interval else time.perf_counter()
        await asyncio.sleep(0.6)  # the last analysis lands before the app closes
    return latencies


def percentiles(times: list[float]) -> tuple[float, float, float]:
    ms = sorted(t * 1000 for t in times)
    return statistics.median(ms), ms[max(0, round(0.95 * len(ms)) - 1)], ms[-1]


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

        from drafter.services.checking import make_engine
        from drafter.session import DraftSession

        long_path = work / "long.txt"
        long_path.write_text(speech(100), encoding="utf-8")
        long_draft = DraftSession(long_path, long_path.read_text(encoding="utf-8"), "")
        engine = make_engine()
        times = []
        for _ in range(5):
            t = time.perf_counter()
            analysis = long_draft.analyze(engine)
            times.append(time.perf_counter() - t)
        print(
            f"100-page draft ({len(long_draft.text):,} characters, {len(analysis.findings)} findings):\n"
            f"  one analysis (worker, after each pause in typing): {min(times) * 1000:6.1f} ms"
        )
        first, analysed = asyncio.run(startup(long_path))
        print(f"  opening it: first frame {first * 1000:7.1f} ms (target < 500 ms)")
        print(f"              outline+checks {analysed * 1000:7.1f} ms")
        short = work / "short.txt"
        short.write_text("讲话\n\n一、部分\n正文一段。\n", encoding="utf-8")
        print("  keystroke to screen while typing (p50 / p95 / max; floor: the same keys into one paragraph):")
        for name, interval in RHYTHMS:
            p50, p95, worst = percentiles(asyncio.run(rhythm(long_path, interval)))
            _, f95, _ = percentiles(asyncio.run(rhythm(short, interval)))
            print(
                f"    {name:<12} {p50:6.1f} / {p95:6.1f} / {worst:6.1f} ms"
                f"   floor p95 {f95:6.1f} ms   ratio p95 {p95 / max(f95, 0.001):4.1f}×  (target p95 < 50 ms)"
            )
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
