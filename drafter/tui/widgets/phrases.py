"""The phrase panel: search the bank as you type (Hanzi, pinyin, initials), filter by category or
by the part of the speech the cursor is in, ↑↓ from the search box move the highlight, Enter
inserts the highlighted entry.

When drafter has an archive of the unit's past documents (found as `drafter archive` finds it),
a second tab, 往年资料, searches it the same way; a past passage goes in with its figures, dates
and names turned into `**` (drafter.archive's mask_facts, as `archive search --mask`), and with
the box empty the tab lists the past passages closest to the paragraph under the cursor,
looked up in a worker a moment after the cursor settles. With no archive the tab is not shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static, Tab, Tabs
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from drafter.bank.model import SearchHit
from drafter.draft.roles import role_label
from drafter.tui.context import drafter_app
from drafter.tui.messages import BankReady
from drafter.tui.widgets.choice import ChoiceBox
from drafter.tui.widgets.inorder_input import InOrderInput

if TYPE_CHECKING:
    from drafter.archive.editor import EditorArchive
    from drafter.archive.model import ArchiveHit
    from drafter.services.bank import PhraseBank

SEARCH_LIMIT = 60
ARCHIVE_LIMIT = 30
CLOSEST_DELAY = 0.5  # seconds the cursor rests on a paragraph before its past passages are looked up
CLOSEST_LIMIT = 5
EXCERPT_LEAD = 4  # characters shown before a match in a result's line
NEAR_HINT = 0.6  # similarity from which the bank tab also names the closest past passage
BANK, ARCHIVE = "source-bank", "source-archive"


class PhraseQuery(InOrderInput):
    """The search box: ↑/↓ move the results' highlight without leaving it."""

    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    @dataclass
    class Move(Message):
        delta: int

    def action_move(self, delta: int) -> None:
        self.post_message(self.Move(delta))


class PhrasePanel(Vertical):
    DEFAULT_CSS = """
    PhrasePanel { width: 34; border-left: solid $primary-background; }
    PhrasePanel.-narrow { width: 26; }
    PhrasePanel #phrase-source { display: none; }
    PhrasePanel.-archive-found #phrase-source { display: block; }
    PhrasePanel.-archive-found #phrase-title { display: none; }
    PhrasePanel.-archive-view #category { display: none; }
    PhrasePanel #archive-near {
        display: none; height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    PhrasePanel.-near #archive-near { display: block; }
    PhrasePanel.-archive-view #archive-near { display: none; }
    PhrasePanel #role-filter { margin: 0 1; }
    PhrasePanel #phrase-results {
        height: 1fr; min-height: 3; border: none; text-wrap: nowrap; text-overflow: ellipsis;
    }
    PhrasePanel #phrase-preview { height: auto; max-height: 7; padding: 0 1; color: $text-muted; }
    PhrasePanel.-narrow #phrase-preview { max-height: 3; }
    """

    @dataclass
    class Insert(Message):
        text: str
        from_archive: bool = False  # a past passage, its facts already turned into blanks

    def __init__(self, roles: Callable[[], list[str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.roles = roles  # the roles of the part the cursor is in, asked when the filter is on
        self.bank: PhraseBank | None = None
        self.hits: list[SearchHit] = []
        self.archive: EditorArchive | None = None  # set once the archive is found to exist
        self.archive_size = 0  # distinct passages in it
        self.archive_hits: list[tuple[float | None, ArchiveHit]] = []  # (similarity for closest, hit)
        self.closest_hits: list[tuple[float, ArchiveHit]] = []  # for the paragraph under the cursor
        self._paragraph = ""  # the paragraph the closest passages are for
        self._closest_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Label("词库", classes="panel-title", id="phrase-title")
        yield Tabs(Tab("词库", id=BANK), Tab("往年资料", id=ARCHIVE), id="phrase-source")
        yield PhraseQuery(placeholder="汉字、拼音或首字母（lgql）", id="phrase-query", compact=True)
        yield ChoiceBox([], prompt="全部类别", id="category", compact=True)
        yield Checkbox("只看适合当前部分的", value=False, id="role-filter", compact=True)
        yield OptionList(id="phrase-results")
        yield Static("", id="phrase-preview")
        yield Static("", id="archive-near")

    def on_mount(self) -> None:
        app = drafter_app(self)
        app.bank_signal.subscribe(self, self.bank_ready)
        if app.bank is not None and app.bank.search_ready:
            self.bank_ready(BankReady(app.bank))
        if app.engine is not None:  # the configuration is loaded: it may name the archive
            self._find_archive()
        else:
            app.data_signal.subscribe(self, lambda _message: self._find_archive() if self.archive is None else None)

    def on_unmount(self) -> None:
        if self.archive is not None:
            self.archive.close()

    # -- the archive: found once, in a worker (a server may take seconds to answer) -----------

    @work(thread=True, exclusive=True, group="archive-open")
    def _find_archive(self) -> None:
        from drafter.archive.editor import EditorArchive  # here: the editor opens without it

        archive = EditorArchive(config=drafter_app(self).config)
        size = archive.probe()
        if size is None and not archive.named:
            archive.close()
            return  # no archive of one's own yet: nothing shown, nothing said
        self.app.call_from_thread(self._archive_found, archive, size or 0)

    def _archive_found(self, archive: EditorArchive, size: int) -> None:
        self.archive, self.archive_size = archive, size
        self.add_class("-archive-found")
        if self._paragraph:
            self._lookup_closest(self._paragraph)

    @property
    def archive_view(self) -> bool:
        """The 往年资料 tab is the one shown."""
        return self.archive is not None and self.query_one("#phrase-source", Tabs).active == ARCHIVE

    def switch_source(self) -> None:
        """Ctrl+F in the search box: the other tab (when there is an archive)."""
        if self.archive is not None:
            tabs = self.query_one("#phrase-source", Tabs)
            tabs.active = BANK if tabs.active == ARCHIVE else ARCHIVE

    @on(Tabs.TabActivated, "#phrase-source")
    def _source_changed(self, event: Tabs.TabActivated) -> None:
        event.stop()
        archive = event.tab.id == ARCHIVE
        self.set_class(archive, "-archive-view")
        box = self.query_one("#phrase-query", Input)
        box.placeholder = "往年段落：汉字、拼音或首字母" if archive else "汉字、拼音或首字母（lgql）"
        self.refresh_hits()

    def cursor_paragraph(self, text: str) -> None:
        """The paragraph under the cursor, as the editor has it now: its past passages are
        looked up once the cursor has rested a moment (never on the keystroke itself)."""
        text = text.strip()
        if text == self._paragraph:
            return
        self._paragraph = text
        if self._closest_timer is not None:
            self._closest_timer.stop()
        if self.archive is not None:
            self._closest_timer = self.set_timer(CLOSEST_DELAY, lambda: self._lookup_closest(text))

    @work(thread=True, exclusive=True, group="archive-closest")
    def _lookup_closest(self, paragraph: str) -> None:
        archive = self.archive
        if archive is None:
            return
        found = archive.closest(paragraph, CLOSEST_LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_closest, paragraph, found)

    def _show_closest(self, paragraph: str, found: list[tuple[float, ArchiveHit]]) -> None:
        if paragraph != self._paragraph:
            return  # the cursor has moved on
        self.closest_hits = found
        near = self.query_one("#archive-near", Static)
        best = found[0] if found else None
        if best is not None and best[0] >= NEAR_HINT:
            first = best[1].sources[0].label() if best[1].sources else ""
            near.update(Text(f"往年相近 {best[0]:.0%}：{first}", no_wrap=True, overflow="ellipsis"))
            self.add_class("-near")
        else:
            near.update("")
            self.remove_class("-near")
        if self.archive_view and not self.query_one("#phrase-query", Input).value.strip():
            self._show_archive_hits([(ratio, hit) for ratio, hit in found])

    def bank_ready(self, message: BankReady) -> None:
        self.bank = message.bank
        self.query_one("#category", Select).set_options([(c, c) for c in message.bank.categories()])
        self.refresh_hits()

    @on(Input.Changed, "#phrase-query")
    @on(Select.Changed, "#category")
    @on(Checkbox.Changed, "#role-filter")
    def _query_changed(self) -> None:
        self.refresh_hits()

    def refresh_hits(self) -> None:
        """Read the box and filters here, on the UI thread; search in a worker."""
        if self.archive_view:
            query = self.query_one("#phrase-query", Input).value
            roles = self.roles() if self.query_one("#role-filter", Checkbox).value else []
            if query.strip():
                self._search_archive(query, roles)
            else:
                self._show_archive_hits([(ratio, hit) for ratio, hit in self.closest_hits])
            return
        if self.bank is None or not self.bank.search_ready:
            return
        category = self.query_one("#category", Select).value
        roles = self.roles() if self.query_one("#role-filter", Checkbox).value else []
        self._search(
            self.query_one("#phrase-query", Input).value, category if isinstance(category, str) else None, roles
        )

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, category: str | None, roles: list[str]) -> None:
        bank = self.bank
        if bank is None:
            return
        worker = get_current_worker()
        hits: list[SearchHit] = []
        for role in roles or [None]:
            hits += bank.search(query, limit=SEARCH_LIMIT, category=category, role=role)
        if roles:
            hits.sort(key=lambda h: -h.score)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_hits, hits[:SEARCH_LIMIT])

    @work(thread=True, exclusive=True, group="search")
    def _search_archive(self, query: str, roles: list[str]) -> None:
        archive = self.archive
        if archive is None:
            return
        worker = get_current_worker()
        hits: list[ArchiveHit] = []
        for role in roles or [None]:
            hits += archive.search(query, ARCHIVE_LIMIT, role=role)
        if roles:
            hits.sort(key=lambda h: -h.score)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_archive_hits, [(None, h) for h in hits[:ARCHIVE_LIMIT]])

    def _show_archive_hits(self, hits: list[tuple[float | None, ArchiveHit]]) -> None:
        if not self.archive_view:
            return  # the writer went back to the bank while the search ran
        self.archive_hits = hits
        options = []
        for i, (ratio, hit) in enumerate(hits):
            head = f"{ratio:.0%} " if ratio is not None else (f"{hit.year} " if hit.year else "")
            label = Text(head, style="dim", no_wrap=True, overflow="ellipsis")
            body = Text(hit.text)
            for start, end in hit.spans:
                body.stylize("bold reverse", start, end)
            # A passage is long and the panel narrow: begin a little before the match.
            skip = max(0, hit.spans[0][0] - EXCERPT_LEAD) if hit.spans else 0
            label.append_text(Text("…") + body[skip:] if skip else body)
            options.append(Option(label, id=str(i)))
        results = self.query_one("#phrase-results", OptionList)
        results.clear_options()
        results.add_options(options)
        if hits:
            results.highlighted = 0
        self._preview(0)

    def _preview_archive(self, index: int) -> None:
        preview = self.query_one("#phrase-preview", Static)
        archive = self.archive
        if not self.archive_hits or index >= len(self.archive_hits):
            if archive is not None and archive.problem:
                preview.update(Text(archive.problem))
            elif self.query_one("#phrase-query", Input).value.strip():
                preview.update("往年资料中没有找到")
            elif self._paragraph:
                preview.update(f"往年资料（{self.archive_size:,} 段）中没有与光标所在段相近的段落")
            else:
                preview.update(f"往年资料 {self.archive_size:,} 段：输入要找的内容，或把光标放在一段上看相近的往年段落")
            return
        ratio, hit = self.archive_hits[index]
        lines = [archive.insert_text(hit) if archive is not None else hit.text]
        if hit.sources:
            first = hit.sources[0]
            more = f"（另有 {hit.source_count - 1} 处）" if hit.source_count > 1 else ""
            lines.append(f"[{first.label()} 第 {first.line} 行]{more}")
        lines.append(("相似 " + f"{ratio:.0%}，" if ratio is not None else "") + "插入时数字、日期、名称换成 **")
        preview.update(Text("\n".join(lines)))

    def _show_hits(self, hits: list[SearchHit]) -> None:
        if self.archive_view:
            return  # a bank search finished after the writer switched to the archive
        self.hits = hits
        results = self.query_one("#phrase-results", OptionList)
        options = []
        for i, hit in enumerate(hits):
            label = Text(hit.entry.text, no_wrap=True, overflow="ellipsis")
            for start, end in hit.spans:
                label.stylize("bold reverse", start, end)
            options.append(Option(label, id=str(i)))
        results.clear_options()
        results.add_options(options)  # one update, not one per result
        if hits:
            results.highlighted = 0
        self._preview(0)

    @on(PhraseQuery.Move)
    def _move(self, event: PhraseQuery.Move) -> None:
        results = self.query_one("#phrase-results", OptionList)
        count = len(self.archive_hits) if self.archive_view else len(self.hits)
        if not count:
            return
        current = results.highlighted if results.highlighted is not None else -event.delta
        results.highlighted = max(0, min(count - 1, current + event.delta))

    @on(OptionList.OptionHighlighted, "#phrase-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(int(event.option.id or 0))

    def _preview(self, index: int) -> None:
        if self.archive_view:
            self._preview_archive(index)
            return
        preview = self.query_one("#phrase-preview", Static)
        if not self.hits or index >= len(self.hits):
            preview.update("没有找到词条" if self.query_one("#phrase-query", Input).value else "")
            return
        e = self.hits[index].entry
        where = "/".join(x for x in (e.category, role_label(e.role)) if x)
        lines = [e.text, f"[{where}] {e.id}"]
        if e.items:
            lines.append("要素：" + "、".join(e.items))
        if e.note:
            lines.append(e.note)
        preview.update(Text("\n".join(lines)))

    @on(Input.Submitted, "#phrase-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one("#phrase-results", OptionList).highlighted
        self._insert(highlighted or 0)

    @on(OptionList.OptionSelected, "#phrase-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._insert(int(event.option.id or 0))

    def _insert(self, index: int) -> None:
        if self.archive_view:
            if self.archive is not None and index < len(self.archive_hits):
                self.post_message(self.Insert(self.archive.insert_text(self.archive_hits[index][1]), True))
        elif index < len(self.hits):
            self.post_message(self.Insert(self.hits[index].entry.text))
