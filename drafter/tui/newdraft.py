"""New from template: pick a genre, fill its variables in a form, choose where to save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from drafter.errors import DrafterError


class NewDraftScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "返回"), Binding("ctrl+s", "create", "生成", id="create")]

    def __init__(self, preselect: str | None = None) -> None:
        super().__init__()
        self.templates = dict(self.app_templates())
        self.template: Any = None
        self.preselect = preselect

    def app_templates(self) -> dict[str, Any]:
        from drafter.tui.app import loaded_templates

        return loaded_templates()

    def compose(self) -> ComposeResult:
        with Horizontal(id="new"):
            with Vertical(id="genres"):
                yield Label("选择文种", classes="panel-title")
                yield OptionList(*[Option(t.title, id=tid) for tid, t in self.templates.items()], id="genre-list")
                yield Static("", id="genre-description")
            with VerticalScroll(id="form"):
                yield Label("选好文种后，在这里填写", classes="panel-title", id="form-title")
        yield Footer()

    def on_mount(self) -> None:
        genres = self.query_one("#genre-list", OptionList)
        genres.focus()
        if self.templates:
            ids = list(self.templates)
            genres.highlighted = ids.index(self.preselect) if self.preselect in ids else 0
            if self.preselect in ids:
                genres.action_select()  # from the command palette: straight to the form

    @on(OptionList.OptionHighlighted, "#genre-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        t = self.templates.get(event.option.id or "")
        if t is not None:
            self.query_one("#genre-description", Static).update(t.description)

    @on(OptionList.OptionSelected, "#genre-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.template = self.templates[event.option.id or ""]
        form = self.query_one("#form", VerticalScroll)
        form.remove_children()
        t = self.template
        widgets: list[Any] = [
            Label(f"{t.title}：填写后按 Ctrl+S 生成（留空的必填项会留下 ** 待填）", classes="panel-title")
        ]
        for v in t.variables:
            optional = not v.required and v.default is None
            widgets.append(Label(v.label + ("（可省略）" if optional else "")))
            default = v.default
            if v.type == "choice":
                widgets.append(
                    Select(
                        [(c, c) for c in v.choices],
                        value=default if default in v.choices else v.choices[0],
                        allow_blank=False,
                        id=f"var-{v.name}",
                    )
                )
            else:
                text = " | ".join(default) if isinstance(default, list) else ("" if default is None else str(default))
                widgets.append(
                    Input(value=text, id=f"var-{v.name}", placeholder="用 | 分隔多项" if v.type == "list" else "")
                )
        widgets.append(Label("保存到："))
        widgets.append(Input(value=f"{t.title}.txt", id="target"))
        widgets.append(Static("", id="form-error", classes="error"))
        widgets.append(Button("生成文稿", variant="primary", id="create"))
        form.mount(*widgets)
        first = form.query(Input).first() if form.query(Input) else None
        if first is not None:
            first.focus()

    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.action_create()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_create(self) -> None:
        from drafter.draft.sidecar import write_sidecar
        from drafter.fileio import atomic_write_utf8
        from drafter.templating import render, resolve_values
        from drafter.templating.helpers import Blank

        t = self.template
        if t is None:
            return
        error = self.query_one("#form-error", Static)
        given: dict[str, Any] = {}
        for v in t.variables:
            widget = self.query_one(f"#var-{v.name}")
            value = widget.value if isinstance(widget, (Input, Select)) else None
            if isinstance(value, str) and value.strip():
                given[v.name] = value.strip()
            elif v.required and v.default is None:
                given[v.name] = [Blank()] if v.type == "list" else Blank()
        target = Path(self.query_one("#target", Input).value.strip())
        try:
            if target.exists():
                raise DrafterError(f"{target} 已存在，请换一个文件名")
            values, _ = resolve_values(t, given, allow_missing=True)
            text = render(t, values)
            atomic_write_utf8(target, text)
            write_sidecar(
                target, {"template": t.id, "values": {k: str(v) for k, v in given.items() if not isinstance(v, Blank)}}
            )
        except Exception as exc:  # every problem is a message in the form, and a notice on top
            error.update(str(exc))
            self.notify(str(exc), title="无法生成", severity="error")
            return
        self.app.pop_screen()
        self.app.open_draft(target)  # type: ignore[attr-defined]
