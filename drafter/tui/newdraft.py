"""New from template: pick a genre, fill its variables in a form, choose where to save. The
draft is made by drafter.services.templates.create_draft, exactly as `drafter new` makes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from drafter.errors import DrafterError
from drafter.services.templates import create_draft
from drafter.templating.model import Template, Variable
from drafter.tui.actions import NEW, bindings
from drafter.tui.context import drafter_app
from drafter.tui.dialogs import Confirm
from drafter.tui.messages import CatalogLoaded
from drafter.tui.widgets.choice import ChoiceBox
from drafter.tui.widgets.inorder_input import InOrderInput


def default_text(variable: Variable) -> str:
    """A variable's default as the form shows it (a list one item a line)."""
    default = variable.default
    if isinstance(default, list):
        return "\n".join(str(x) for x in default)
    return "" if default is None else str(default)


class NewDraftScreen(Screen[None]):
    BINDINGS = bindings(NEW)
    DEFAULT_CSS = """
    NewDraftScreen #new { height: 1fr; }
    NewDraftScreen #genres { width: 1fr; }
    NewDraftScreen #form { width: 2fr; padding: 0 1; }
    NewDraftScreen #genre-description { padding: 1; color: $text-muted; }
    NewDraftScreen .list-value { height: 5; }
    """

    def __init__(self, preselect: str | None = None) -> None:
        super().__init__()
        self.preselect = preselect
        self.template: Template | None = None

    @property
    def templates(self) -> dict[str, Template]:
        return drafter_app(self).catalog.templates

    def compose(self) -> ComposeResult:
        with Horizontal(id="new"):
            with Vertical(id="genres"):
                yield Label("选择文种", classes="panel-title")
                yield OptionList(*[Option(t.title, id=tid) for tid, t in self.templates.items()], id="genre-list")
                yield Static("", id="genre-description")
            with VerticalScroll(id="form"):
                yield Label("选好文种后，在这里填写", classes="panel-title", id="form-title")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        genres = self.query_one("#genre-list", OptionList)
        genres.focus()
        app = drafter_app(self)
        if app.catalog_loaded:
            self._offer_genres()
        else:  # the templates are still being read in the loading worker
            self.query_one("#genre-description", Static).update("正在读取模板……")
            app.catalog_signal.subscribe(self, self._catalog_loaded)

    def _catalog_loaded(self, _message: CatalogLoaded) -> None:
        genres = self.query_one("#genre-list", OptionList)
        if genres.option_count:
            return
        genres.add_options([Option(t.title, id=tid) for tid, t in self.templates.items()])
        self.query_one("#genre-description", Static).update("")
        self._offer_genres()

    def _offer_genres(self) -> None:
        genres = self.query_one("#genre-list", OptionList)
        ids = list(self.templates)
        if ids:
            genres.highlighted = ids.index(self.preselect) if self.preselect in ids else 0
            if self.preselect in ids:
                genres.action_select()  # from the command palette: straight to the form

    @on(OptionList.OptionHighlighted, "#genre-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        t = self.templates.get(event.option.id or "")
        if t is not None:
            self.query_one("#genre-description", Static).update(t.description)

    @on(OptionList.OptionSelected, "#genre-list")
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        t = self.templates[event.option.id or ""]
        self.template = t
        form = self.query_one("#form", VerticalScroll)
        await form.remove_children()
        widgets: list[Widget] = [
            Label(f"{t.title}：填写后按 Ctrl+S 生成（留空的必填项会留下 ** 待填）", classes="panel-title")
        ]
        for v in t.variables:
            optional = not v.required and v.default is None
            hint = "（可省略）" if optional else ""
            if v.type == "list":
                hint += "（每行一项）"
            widgets.append(Label(v.label + hint))
            if v.type == "choice":
                value = v.default if v.default in v.choices else v.choices[0]
                widgets.append(
                    ChoiceBox([(c, c) for c in v.choices], value=value, allow_blank=False, id=f"var-{v.name}")
                )
            elif v.type == "list":
                widgets.append(TextArea(default_text(v), id=f"var-{v.name}", classes="list-value", soft_wrap=True))
            else:
                widgets.append(InOrderInput(value=default_text(v), id=f"var-{v.name}", select_on_focus=False))
        widgets.append(Label("保存到："))
        widgets.append(InOrderInput(value=f"{t.title}.txt", id="target", select_on_focus=False))
        widgets.append(Static("", id="form-error", classes="error"))
        widgets.append(Button("生成文稿", variant="primary", id="create"))
        await form.mount_all(widgets)
        first = next(iter(form.query("Input, TextArea, Select")), None)
        if first is not None:
            first.focus()

    def on_key(self, event: events.Key) -> None:
        """A key typed while the form was being built reached the genre list, not a field; it
        arrives here once the form is up, and goes into the field that now has the focus."""
        focused = self.focused
        if self.template is None or not event.is_printable or not event.character:
            return
        if isinstance(focused, Input):
            focused.insert_text_at_cursor(event.character)
            event.stop()
        elif isinstance(focused, TextArea):
            focused.insert(event.character)
            event.stop()

    def _values(self) -> dict[str, Any]:
        """What the writer typed, for each field that is not empty."""
        given: dict[str, Any] = {}
        t = self.template
        if t is None:
            return given
        for v in t.variables:
            widget = self.query_one(f"#var-{v.name}")
            if isinstance(widget, TextArea):
                items = [line.strip() for line in widget.text.split("\n") if line.strip()]
                if items:
                    given[v.name] = items
            elif isinstance(widget, (Input, Select)):
                value = widget.value
                if isinstance(value, str) and value.strip():
                    given[v.name] = value.strip()
        return given

    def _changed(self) -> bool:
        """Has the writer typed anything the form did not start with?"""
        t = self.template
        if t is None:
            return False
        for v in t.variables:
            widget = self.query_one(f"#var-{v.name}")
            now = widget.text if isinstance(widget, TextArea) else getattr(widget, "value", "")
            start = default_text(v)
            if v.type == "choice":
                start = v.default if v.default in v.choices else v.choices[0]
            if str(now).strip() != start.strip():
                return True
        return False

    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.action_create()

    def action_back(self) -> None:
        if not self._changed():
            self.app.pop_screen()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self.app.push_screen(Confirm("已填写的内容还没有生成文稿。放弃这些内容吗？", "放弃", "继续填写"), answered)

    def action_create(self) -> None:
        t = self.template
        if t is None:
            return
        error = self.query_one("#form-error", Static)
        target = Path(self.query_one("#target", Input).value.strip())
        try:
            create_draft(t, self._values(), target)
        except DrafterError as exc:  # every problem is a message in the form, and a notice on top
            error.update(str(exc))
            self.notify(str(exc), title="无法生成", severity="error")
            return
        self.app.pop_screen()
        drafter_app(self).open_draft(target)
