"""The phrase panel: search the bank as you type (Hanzi, pinyin, initials), filter by category or
by the part of the speech the cursor is in, ↑↓ from the search box move the highlight, Enter
inserts the highlighted entry."""

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
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from drafter.bank.model import SearchHit
from drafter.draft.roles import role_label
from drafter.tui.context import drafter_app
from drafter.tui.messages import BankReady
from drafter.tui.widgets.choice import ChoiceBox

if TYPE_CHECKING:
    from drafter.services.bank import PhraseBank

SEARCH_LIMIT = 60


class PhraseQuery(Input):
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

    def __init__(self, roles: Callable[[], list[str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.roles = roles  # the roles of the part the cursor is in, asked when the filter is on
        self.bank: PhraseBank | None = None
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        yield Label("词库", classes="panel-title")
        yield PhraseQuery(placeholder="汉字、拼音或首字母（lgql）", id="phrase-query", compact=True)
        yield ChoiceBox([], prompt="全部类别", id="category", compact=True)
        yield Checkbox("只看适合当前部分的", value=False, id="role-filter", compact=True)
        yield OptionList(id="phrase-results")
        yield Static("", id="phrase-preview")

    def on_mount(self) -> None:
        app = drafter_app(self)
        app.bank_signal.subscribe(self, self.bank_ready)
        if app.bank is not None and app.bank.search_ready:
            self.bank_ready(BankReady(app.bank))

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

    def _show_hits(self, hits: list[SearchHit]) -> None:
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
        if not self.hits:
            return
        current = results.highlighted if results.highlighted is not None else -event.delta
        results.highlighted = max(0, min(len(self.hits) - 1, current + event.delta))

    @on(OptionList.OptionHighlighted, "#phrase-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(int(event.option.id or 0))

    def _preview(self, index: int) -> None:
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
        if index < len(self.hits):
            self.post_message(self.Insert(self.hits[index].entry.text))
