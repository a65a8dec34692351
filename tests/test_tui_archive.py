"""The archive in the editor, driven with Pilot over a real archive built in a tmp folder at the
place `drafter archive add` puts it (the user data folder): the 往年资料 tab, inserting a past
passage with its facts turned into blanks, the cursor paragraph's closest past passages, and
an editor with no archive at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_fixtures import REUSED_2022, REUSED_2023, SHARED, make_folder, postgres_location
from textual.widgets import Input, OptionList, Tabs
from tui_helpers import SIZE, editor_of, run, settle

from drafter.archive import open_archive
from drafter.tui.app import DrafterApp
from drafter.tui.widgets.phrases import CLOSEST_DELAY, PhrasePanel

# This year's draft: the 2022 measure paragraph again with other figures, and a new one.
DRAFT = (
    "在2024年度党组织书记抓基层党建工作述职评议会上的讲话\n\n同志们：\n"
    "一、扎实做好下一步工作\n"
    "三要狠抓安全生产隐患排查治理。全年开展隐患排查150次，整改问题420项，整改率达到99.5%，确保安全生产形势持续稳定。\n"
    "今年我们将首次开展数字化转型试点，探索一条适合本单位实际的新路子，具体方案另行部署。\n"
)


def _build_default_archive(root: Path) -> None:
    """`drafter archive add 往年材料/` with no --archive: the user's own archive."""
    with open_archive() as archive:
        report = archive.add([str(make_folder(root))])
    assert report.added == 3


@pytest.fixture(params=["sqlite", "postgresql"])
def built(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The archive the editor finds: the user's own SQLite file, or a unit's PostgreSQL server
    named by DRAFTER_ARCHIVE (skipped without a test server)."""
    if request.param == "postgresql":
        monkeypatch.setenv("DRAFTER_ARCHIVE", postgres_location())
    _build_default_archive(tmp_path)
    return str(request.param)


def _draft(tmp_path: Path) -> Path:
    path = tmp_path / "2024讲话.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_archive_tab_searches_inserts_masked_and_shows_closest(tmp_path: Path, built: str) -> None:

    async def flow() -> None:
        app = DrafterApp(_draft(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            panel = editor.query_one(PhrasePanel)
            assert panel.has_class("-archive-found") and panel.archive_size > 0
            assert editor.query_one("#phrase-source", Tabs).display

            # The cursor rests on the reused paragraph: its past versions come up, off the keystroke path.
            editor.text_area.move_cursor((4, 3))
            await settle(pilot, app, CLOSEST_DELAY + 0.2)
            ratio, hit = panel.closest_hits[0]
            assert ratio > 0.9 and hit.text in (REUSED_2022, REUSED_2023)
            near = str(editor.query_one("#archive-near").render())
            assert "往年相近" in near and "述职评议会" in near

            # Ctrl+F twice: the 往年资料 tab; with the box empty it lists those closest passages.
            await pilot.press("ctrl+f")
            await pilot.press("ctrl+f")
            await settle(pilot, app)
            assert editor.query_one("#phrase-source", Tabs).active == "source-archive"
            results = editor.query_one("#phrase-results", OptionList)
            assert results.option_count == len(panel.closest_hits) > 0
            assert "%" in str(results.get_option_at_index(0).prompt)

            # A search by initials; Enter inserts the passage with its figures as blanks, as a
            # paragraph of its own after the one the cursor is in.
            editor.text_area.move_cursor((5, 3))
            editor.query_one("#phrase-query", Input).focus()
            await pilot.press(*"scyhpczl")
            await settle(pilot, app)
            assert panel.archive_hits and all("隐患排查治理" in h.text for _, h in panel.archive_hits)
            preview = str(editor.query_one("#phrase-preview").render())
            assert "**次" in preview and "126" not in preview and "述职评议会" in preview
            await pilot.press("enter")
            await settle(pilot, app)
            assert editor.text_area.document.get_line(5) == DRAFT.splitlines()[5]
            inserted = editor.text_area.document.get_line(6)
            assert inserted.startswith("三要狠抓安全生产隐患排查治理。全年开展隐患排查**次，整改问题**项")
            assert "126" not in inserted and "141" not in inserted

            # Back to the bank (the insert returned to the text: Ctrl+F to the box, again to switch).
            await pilot.press("ctrl+f")
            assert editor.query_one("#phrase-source", Tabs).active == "source-archive"
            await pilot.press("ctrl+f")
            await settle(pilot, app)
            assert editor.query_one("#phrase-source", Tabs).active == "source-bank"
            assert editor.query_one("#category").display

    run(flow())


def test_without_an_archive_nothing_is_shown_and_nothing_said(tmp_path: Path) -> None:
    async def flow() -> None:
        app = DrafterApp(_draft(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            panel = editor.query_one(PhrasePanel)
            editor.text_area.move_cursor((4, 3))
            await settle(pilot, app, CLOSEST_DELAY + 0.2)
            assert panel.archive is None and not panel.has_class("-archive-found")
            assert not editor.query_one("#phrase-source", Tabs).display
            assert not editor.query_one("#archive-near").display
            assert not app._notifications  # no error, no note
            await pilot.press("ctrl+f")
            await pilot.press("ctrl+f")  # no second tab to switch to: still the bank
            await pilot.press(*"sgzx")
            await settle(pilot, app)
            assert panel.hits and not panel.archive_view

    run(flow())


def test_a_named_archive_that_cannot_be_opened_says_why_in_its_tab(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DRAFTER_ARCHIVE", str(tmp_path / "共享" / "archive.sqlite"))

    async def flow() -> None:
        app = DrafterApp(_draft(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            await pilot.press("ctrl+f")
            await pilot.press("ctrl+f")
            await settle(pilot, app)
            assert editor.query_one("#phrase-source", Tabs).active == "source-archive"
            preview = str(editor.query_one("#phrase-preview").render())
            assert "资料库文件不存在" in preview and "archive.sqlite" in preview

    run(flow())


def test_closest_follows_the_cursor_not_each_keystroke(tmp_path: Path) -> None:
    _build_default_archive(tmp_path)

    async def flow() -> None:
        app = DrafterApp(_draft(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            editor = editor_of(app)
            panel = editor.query_one(PhrasePanel)
            calls: list[str] = []
            archive = panel.archive
            assert archive is not None
            real = archive.closest

            def counting(paragraph: str, limit: int = 3):  # type: ignore[no-untyped-def]
                calls.append(paragraph)
                return real(paragraph, limit)

            archive.closest = counting  # type: ignore[method-assign]
            editor.text_area.move_cursor((5, 0))
            editor.text_area.focus()
            await pilot.press(*"各级党组织要")  # typing: the paragraph changes at every key
            await settle(pilot, app, CLOSEST_DELAY + 0.2)
            assert len(calls) == 1 and calls[0].startswith("各级党组织要今年")
            assert SHARED  # the fixture's shared paragraph is in the archive; the new one is not near it

    run(flow())


def test_snapshot_archive_tab(snap_compare, tmp_path: Path) -> None:
    """The 往年资料 tab: hits by initials, the highlighted one's masked text and source."""
    _build_default_archive(tmp_path)
    draft = _draft(tmp_path)

    async def search(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        await settle(pilot, app)
        editor_of(app).text_area.move_cursor((4, 3))
        await settle(pilot, app, CLOSEST_DELAY + 0.2)
        await pilot.press("ctrl+f")
        await pilot.press("ctrl+f")
        await pilot.press(*"yhpc")
        await settle(pilot, app)
        app.screen.set_focus(None)  # no blinking cursor in the picture
        await pilot.pause()

    assert snap_compare(DrafterApp(draft), terminal_size=SIZE, run_before=search)
