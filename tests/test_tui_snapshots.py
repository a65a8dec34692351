"""Snapshots of the main screens at 120×40 with Chinese text (“ ” … — included): a change in the
look of a screen shows up here as a failing test with the before/after pictures."""

from __future__ import annotations

from pathlib import Path

from drafter.tui.app import DrafterApp

SIZE = (120, 40)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Until the data worker, the checks and the phrase search have all finished and drawn."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        ready = app.engine is not None and (app.bank is None or app.bank.search_ready)
        editor = app.screen
        analysed = getattr(editor, "analysis", True) is not None
        if ready and analysed and not any(w.is_running for w in app.workers):
            break
        await pilot.pause(0.02)
    # A blinking cursor would make the picture differ from run to run: take it with nothing focused.
    app.screen.set_focus(None)
    await pilot.pause()


def test_start_screen(snap_compare) -> None:
    assert snap_compare(DrafterApp(), terminal_size=SIZE, run_before=_settle)


def test_editor_on_the_seed_speech(snap_compare, seed: Path, tmp_path: Path) -> None:
    draft = tmp_path / "seed.txt"
    draft.write_bytes(seed.read_bytes())
    assert snap_compare(DrafterApp(draft), terminal_size=SIZE, run_before=_settle)


def test_editor_with_phrase_search(snap_compare, seed: Path, tmp_path: Path) -> None:
    draft = tmp_path / "seed.txt"
    draft.write_bytes(seed.read_bytes())

    async def search(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("f3")
        await pilot.press("ctrl+f")
        await pilot.press(*"sgzx")
        await _settle(pilot)

    assert snap_compare(DrafterApp(draft), terminal_size=SIZE, run_before=search)


def test_new_draft_form(snap_compare, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def form(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press("n")
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(DrafterApp(), terminal_size=SIZE, run_before=form)


def test_editor_at_80_by_24(snap_compare, seed: Path, tmp_path: Path) -> None:
    draft = tmp_path / "seed.txt"
    draft.write_bytes(seed.read_bytes())
    assert snap_compare(DrafterApp(draft), terminal_size=(80, 24), run_before=_settle)
