"""The findings list below the text. Rebuilt only when the findings change, keeping the highlight;
the list renders only its visible rows, so hundreds of findings cost no more than a screenful."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.services.checking import Finding
from drafter.session import Analysis
from drafter.tui.widgets.base import subscribe_analysis


def finding_label(f: Finding) -> Text:
    label = Text(f"{f.line}:{f.column} ", style="dim", no_wrap=True, overflow="ellipsis")
    label.append(f"{f.severity.label} ", style="bold red" if f.severity.value == "error" else "yellow")
    label.append(f.message)
    return label


class FindingsPane(OptionList):
    DEFAULT_CSS = """
    FindingsPane, FindingsPane:focus {
        height: 9; border: none; border-top: solid $primary-background; text-wrap: nowrap; text-overflow: ellipsis;
    }
    FindingsPane.-short { height: 5; }
    """

    @dataclass
    class Jump(Message):
        finding: Finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []
        self._finding_keys: list[tuple[int, int, str, str]] = []

    def on_mount(self) -> None:
        subscribe_analysis(self, self.show_analysis)

    def show_analysis(self, analysis: Analysis) -> None:
        keys = [(f.line, f.column, f.rule, f.text) for f in analysis.findings]
        self.findings = list(analysis.findings)
        if keys == self._finding_keys:
            return
        self._finding_keys = keys
        keep = self.highlighted
        self.clear_options()
        self.add_options([Option(finding_label(f), id=str(i)) for i, f in enumerate(self.findings)])
        if keep is not None and self.findings:
            self.highlighted = min(keep, len(self.findings) - 1)

    def chosen(self) -> Finding | None:
        """The highlighted finding (when the list has focus, F4 and Enter act on it)."""
        if self.highlighted is None or self.highlighted >= len(self.findings):
            return None
        return self.findings[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.chosen()
        if finding is not None:
            self.post_message(self.Jump(finding))
