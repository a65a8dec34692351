"""Benchmark the TUI (issue: the drafting TUI), headless, with Textual's Pilot.

Prints: start-up to the first frame of the editor on the seed speech (target < 0.5 s), start-up to
the first complete analysis (outline, findings), keystroke-to-screen latency while typing into a
100-page draft at four rhythms (back-to-back, 150, 300, 500 ms between keys: p50/p95/max, from
the moment a key is due to the first composed frame that shows it), against the same typing into
a one-paragraph draft (the floor) and into the same draft with the editor as it was before its
incremental panes (old: findings rebuilt in an OptionList, every row redrawn, no frozen heap,
Python's 5 ms GIL switch interval),
opening that draft, and keystroke-to-results
latency of the phrase search over a 50,000-entry team bank (median and p95, results on screen),
next to the bank's own search time for the same queries (the floor).

Run: python bench/bench_tui.py
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
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


async def rhythm(draft: Path, interval: float, keys: int = 30) -> tuple[list[float], list[float]]:
    """Type `keys` characters into the middle of `draft`, one every `interval` seconds, and time
    each from the moment it was due until the first frame that shows it is composed. Keys go in
    as the terminal driver sends them (no Pilot wait-for-idle, which would also wait for the
    analysis worker's CPU); a key that falls due while the UI thread is busy (redrawing the panes
    after an analysis, a garbage collection) waits, and that wait is the stall the writer feels.
    Also returns the UI thread's own CPU time from each key's sending to its frame: the work, which
    other load on the machine does not inflate as it does the wall-clock figure."""
    from textual import events

    from drafter.session import recovery_path
    from drafter.tui.app import DrafterApp
    from drafter.tui.editor import EditorScreen

    # The last run's keys were autosaved: left there, the editor would open on the question
    # whether to restore them, and that dialog would swallow these keys (why this never finished).
    recovery_path(draft).unlink(missing_ok=True)
    # Each run starts as a fresh editor would: nothing frozen yet, no garbage of earlier runs.
    gc.unfreeze()
    gc.collect()
    app = DrafterApp(draft)
    latencies: list[float] = []
    work: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, EditorScreen) or app.screen.analysis is None:
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text_area = app.screen.text_area
        text_area.move_cursor((len(text_area.text.split("\n")) // 2, 0))
        await pilot.pause()
        painted = asyncio.Event()
        expected: list[tuple[int, int] | None] = [None]
        display = app._display

        def composed(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            display(screen, renderable)
            if renderable is not None and text_area.cursor_location == expected[0]:
                painted.set()

        app._display = composed  # type: ignore[method-assign]
        driver = app._driver
        assert driver is not None
        due = time.perf_counter()
        for i in range(keys):
            now = time.perf_counter()
            if due > now:
                await asyncio.sleep(due - now)
            row, column = text_area.cursor_location
            expected[0] = (row, column + 1)
            painted.clear()
            char = "好" if i % 2 else "的"
            cpu = time.thread_time()
            driver.send_message(events.Key(char, char))
            await asyncio.wait_for(painted.wait(), 10)
            latencies.append(time.perf_counter() - due)
            work.append(time.thread_time() - cpu)
            due = due + interval if interval else time.perf_counter()
        await asyncio.sleep(0.6)  # the last analysis lands before the app closes
        await app.workers.wait_for_complete()
    return latencies, work


@contextlib.contextmanager
def old_editor() -> Iterator[None]:
    """The editor as it was before its fast paths, for the ratio in the same run: the findings
    in an OptionList rebuilt on every change, every text row redrawn on every key, and the
    collector walking the phrase bank on every full collection, the GIL held 5 ms at a time."""
    from textual.widgets import OptionList, TextArea
    from textual.widgets.option_list import Option

    import drafter.tui.app as app_module
    import drafter.tui.editor as editor_module
    from drafter.tui.widgets.base import subscribe_analysis
    from drafter.tui.widgets.draft_text import DraftText
    from drafter.tui.widgets.findings import FindingsPane, finding_label

    class RebuiltFindings(OptionList):
        DEFAULT_CSS = "RebuiltFindings { height: 9; border: none; text-wrap: nowrap; }"

        def __init__(self, *, id: str | None = None) -> None:
            super().__init__(id=id)
            self._keys: list[tuple[int, int, str, str]] = []

        def on_mount(self) -> None:
            subscribe_analysis(self, self.show_analysis)

        def show_analysis(self, analysis) -> None:  # type: ignore[no-untyped-def]
            keys = [(f.line, f.column, f.rule, f.text) for f in analysis.findings]
            if keys == self._keys:
                return
            self._keys = keys
            keep = self.highlighted
            self.clear_options()
            self.add_options([Option(finding_label(f), id=str(i)) for i, f in enumerate(analysis.findings)])
            if keep is not None and keys:
                self.highlighted = min(keep, len(keys) - 1)

    render_line = DraftText.render_line
    freeze = gc.freeze
    switch = app_module.SWITCH_INTERVAL
    app_module.SWITCH_INTERVAL = 0.005  # Python's default
    editor_module.FindingsPane = RebuiltFindings  # type: ignore[misc]
    DraftText.render_line = TextArea.render_line  # type: ignore[method-assign]
    gc.freeze = lambda: None
    try:
        yield
    finally:
        editor_module.FindingsPane = FindingsPane  # type: ignore[misc]
        DraftText.render_line = render_line  # type: ignore[method-assign]
        gc.freeze = freeze
        app_module.SWITCH_INTERVAL = switch


def percentiles(times: list[float]) -> tuple[float, float, float]:
    ms = sorted(t * 1000 for t in times)
    return statistics.median(ms), ms[max(0, round(0.95 * len(ms)) - 1)], ms[-1]


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):7.1f} ms   p95 {ms[max(0, round(0.95 * len(ms)) - 1)]:7.1f} ms"


def main() -> None:
    from bench_phrases import build_bank, queries

    if hasattr(os, "getloadavg"):  # other work on the machine slows every figure, the floor too
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
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
        print(
            "  keystroke to screen while typing, 30 keys (p50 / p95 / max; floor: the same keys into one\n"
            "  paragraph; old: the editor before incremental panes, same draft, same run; target p95 < 50 ms):"
        )
        cpu_lines = []
        for name, interval in RHYTHMS:
            new, new_cpu = asyncio.run(rhythm(long_path, interval))
            floor, floor_cpu = asyncio.run(rhythm(short, interval))
            with old_editor():
                old, old_cpu = asyncio.run(rhythm(long_path, interval))
            (p50, p95, worst), (_, f95, _), (o50, o95, oworst) = map(percentiles, (new, floor, old))
            print(
                f"    {name:<12} {p50:6.1f} / {p95:6.1f} / {worst:6.1f} ms   floor p95 {f95:6.1f} ms"
                f" ({p95 / max(f95, 0.001):3.1f}×)   old {o50:6.1f} / {o95:6.1f} / {oworst:6.1f} ms"
                f" (old/new p95 {o95 / max(p95, 0.001):3.1f}×)"
            )
            (c50, c95, _), (_, fc95, _), (_, oc95, _) = map(percentiles, (new_cpu, floor_cpu, old_cpu))
            cpu_lines.append(
                f"    {name:<12} {c50:6.1f} / {c95:6.1f} ms   floor p95 {fc95:6.1f} ms   old p95 {oc95:6.1f} ms"
                f" (old/new {oc95 / max(c95, 0.001):3.1f}×)"
            )
        print("  UI-thread CPU per key, p50 / p95 (the work itself, whatever else loads the machine):")
        print("\n".join(cpu_lines))
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
