"""Small modal screens: confirm, message, open file, recover, export, add section."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from drafter.tui.widgets.choice import ChoiceBox
from drafter.tui.widgets.inorder_input import InOrderInput


class Confirm(ModalScreen[bool]):
    """A yes/no question; Escape answers no."""

    BINDINGS = [("escape", "dismiss(False)", "取消")]

    def __init__(self, question: str, yes: str = "确定", no: str = "取消") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        # Enter answers with the highlighted (primary) button, as in any dialog; Escape says no.
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class Choice(ModalScreen[str | None]):
    """Pick one of several answers (e.g. save / discard / cancel)."""

    BINDINGS = [("escape", "dismiss(None)", "取消")]

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question, self.answers = question, answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            with Horizontal(classes="buttons"):
                for i, (key, label) in enumerate(self.answers):
                    yield Button(label, id=f"answer-{key}", variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))


class AskPath(ModalScreen[Path | None]):
    """Ask for a file path (open a draft, choose where to save)."""

    BINDINGS = [("escape", "dismiss(None)", "取消")]

    def __init__(self, prompt: str, value: str = "", must_exist: bool = True) -> None:
        super().__init__()
        self.prompt, self.value, self.must_exist = prompt, value, must_exist

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt)
            yield InOrderInput(value=self.value, id="path")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("确定", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    def on_input_submitted(self) -> None:
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        text = self.query_one("#path", Input).value.strip().strip('"')
        path = Path(text).expanduser() if text else None
        if path is None:
            self.query_one("#error", Static).update("请输入文件路径")
        elif self.must_exist and not path.is_file():
            self.query_one("#error", Static).update(f"文件不存在：{path}")
        else:
            self.dismiss(path)


class PickOne(ModalScreen[int | None]):
    """Choose from a list (e.g. which section of the template's skeleton to add)."""

    BINDINGS = [("escape", "dismiss(None)", "取消")]

    def __init__(self, title: str, labels: list[str]) -> None:
        super().__init__()
        self.title_text, self.labels = title, labels

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text)
            yield OptionList(*[Option(label, id=str(i)) for i, label in enumerate(self.labels)], id="choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))


class ExportDialog(ModalScreen[tuple[str, Path, bool] | None]):
    """Preset, output path, and whether to export with blanks highlighted."""

    BINDINGS = [("escape", "dismiss(None)", "取消")]

    def __init__(self, presets: list[str], output: Path, blanks: int) -> None:
        super().__init__()
        self.presets, self.output, self.blanks = presets, output, blanks

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("导出为 Word（GB/T 9704 公文格式）")
            yield ChoiceBox([(p, p) for p in self.presets], value=self.presets[0], allow_blank=False, id="preset")
            yield Label("保存到：")
            yield InOrderInput(value=str(self.output), id="output")
            note = f"还有 {self.blanks} 处占位符未填写。" if self.blanks else "没有未填写的占位符。"
            yield Static(note, id="blank-note")
            yield Checkbox("有占位符也导出，并用黄色标出", value=False, id="allow")
            with Horizontal(classes="buttons"):
                yield Button("导出", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "ok":
            self.dismiss(None)
            return
        preset = str(self.query_one("#preset", Select).value)
        output = Path(self.query_one("#output", Input).value.strip())
        self.dismiss((preset, output, self.query_one("#allow", Checkbox).value))
