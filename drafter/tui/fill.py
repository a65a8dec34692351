"""The fill screen of `drafter fill 讲话稿.docx`: every blank of the Word file in reading order, with
its context and number; type the value, Enter for the next; Ctrl+A gives the same value to every
blank that shares its context (the seed has many `**企业`); Ctrl+S writes the .docx in place
(atomic, `.bak`) through the same library call as `drafter fill --values`."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.docxedit.inplace import FillPlan
from drafter.errors import DrafterError
from drafter.services.checking import CheckEngine, Finding
from drafter.tui.palette import ChinesePalette
from drafter.tui.widgets.inorder_input import InOrderInput

CSS = """
#blanks { height: 1fr; }
#context { height: auto; padding: 0 1; border-top: solid $primary-background; }
#value { margin: 0 1; }
#left { height: 1; background: $primary-background; padding: 0 1; }
"""


def _line(number: int, blank: Finding, value: str | None) -> str:
    where = f"［{blank.cell or blank.location}］" if blank.location or blank.cell else ""
    shown = f"→ {value}" if value else "（待填）"
    return f"{number:>3}. {where}{blank.before[-10:]}【{blank.text}】{blank.after[:10]}  {shown}"


# What the fill screen's command palette offers: (name, what it does, action, key).
FILL_COMMANDS = (
    ("保存", "把填写的值写入 Word 文件（原子写入，旧版本留作 .bak）", "save", "Ctrl+S"),
    ("同类全填", "给上下文相同的每一处填入同一个值", "fill_alike", "Ctrl+A"),
    ("上一处", "回到上一处占位符", "move(-1)", "↑"),
    ("下一处", "到下一处占位符", "move(1)", "↓"),
    ("退出", "退出（有未保存的值时先问）", "quit_fill", "Ctrl+Q"),
)


class FillCommands(Provider):
    """The fill screen's commands, in Chinese (Textual's own, in English, are not offered)."""

    async def discover(self) -> Hits:
        for name, help_text, action, key in FILL_COMMANDS:
            yield DiscoveryHit(f"{name}：{help_text}", partial(self.app.run_action, action), help=f"命令 · {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action, key in FILL_COMMANDS:
            label = f"{name}：{help_text}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self.app.run_action, action), help=f"命令 · {key}")


class ValueInput(InOrderInput):
    """The value box. Its keys are bound here, not as priority keys on the app: a priority binding
    runs before the box has taken the characters typed just before it (an IME commits several at
    once), so Ctrl+A or Ctrl+S pressed at once would act on the value without them.

    A plain binding is no better: Textual runs it only when the key has bubbled up to the app, and
    by then the box has already taken the characters typed after it (`11⏎22⏎` in one burst put
    `1122` into the first blank). So every bound key of this box (Enter, the arrows, Backspace,
    Ctrl+S...) runs here, in the box's own key queue, before the next key is looked at; Enter
    hands the value to the app by a direct call rather than a posted message for the same reason.
    """

    BINDINGS = [
        Binding("ctrl+s", "app.save", "保存"),
        Binding("ctrl+a", "app.fill_alike", "同类全填"),
        Binding("up", "app.move(-1)", "上一处", show=False),
        Binding("down", "app.move(1)", "下一处", show=False),
    ]

    async def action_submit(self) -> None:
        app = self.app
        if isinstance(app, FillApp):
            app.submit_value(self.value)
        else:  # pragma: no cover - the box is only used on the fill screen
            await super().action_submit()


class FillApp(App[int]):
    """One screen: the blanks, the context of the highlighted one, a value box, what is left."""

    CSS = CSS
    TITLE = "drafter 填写"
    COMMANDS = {FillCommands}
    BINDINGS = [
        Binding("ctrl+s", "save", "保存"),
        Binding("ctrl+a", "fill_alike", "同类全填"),
        Binding("ctrl+q", "quit_fill", "退出"),
        # Named here so the footer says 命令 as the editor's does, not Textual's English "palette".
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True),
    ]

    def __init__(self, path: Path, engine: CheckEngine, output: Path | None = None) -> None:
        super().__init__()
        self.path = path
        self.output = output
        self.engine = engine
        self.plan = FillPlan.of_file(path, engine)
        self.current = 0
        self.dirty = False
        self._quit_armed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield OptionList(id="blanks")
            yield Static(id="context")
            yield ValueInput(placeholder="输入这一处的值，回车填下一处", id="value")
            yield Label(id="left")
        yield Footer()

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(ChinesePalette("输入命令……"))

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self._refresh_list()
        self.query_one("#value", Input).focus()

    # -- view ------------------------------------------------------------------------------------

    def _refresh_list(self) -> None:
        blanks = self.query_one("#blanks", OptionList)
        blanks.clear_options()
        blanks.add_options(
            Option(_line(i + 1, b, self.plan.values[i]), id=str(i)) for i, b in enumerate(self.plan.blanks)
        )
        self._show()

    def _show(self) -> None:
        plan = self.plan
        left = self.query_one("#left", Label)
        if not plan.blanks:
            self.query_one("#context", Static).update("这个文件里没有待填的占位符。")
            left.update("没有待填的占位符")
            return
        blank = plan.blanks[self.current]
        alike = len(plan.alike(self.current))
        same = f"；与它上下文相同的还有 {alike - 1} 处（Ctrl+A 同类全填）" if alike > 1 else ""
        where = blank.cell or blank.location or "正文"
        context = f"{blank.before}【{blank.text}】{blank.after}"
        self.query_one("#context", Static).update(
            f"第 {self.current + 1} 处（{where}，第 {blank.line} 段）：{context}{same}"
        )
        self.query_one("#blanks", OptionList).highlighted = self.current
        value = self.query_one("#value", Input)
        value.value = plan.values[self.current] or ""
        value.cursor_position = len(value.value)  # a correction types on at the end, not mid-value
        saved = "" if not self.dirty else "（未保存）"
        left.update(f"共 {len(plan.blanks)} 处，已填 {plan.filled} 处，还剩 {plan.remaining} 处{saved}")

    def _update_option(self, index: int) -> None:
        blanks = self.query_one("#blanks", OptionList)
        blanks.replace_option_prompt_at_index(index, _line(index + 1, self.plan.blanks[index], self.plan.values[index]))

    # -- actions ---------------------------------------------------------------------------------

    def submit_value(self, value: str) -> None:
        """Enter in the value box: keep the value, go to the next blank still empty. Called
        directly by the box so it has moved before the box takes the next key."""
        if not self.plan.blanks:
            return
        self._set(self.current, value)
        nxt = self.plan.next_unfilled(self.current)
        self.current = nxt if nxt is not None else self.current
        self._show()

    def _set(self, index: int, value: str) -> None:
        if (self.plan.values[index] or "") != value.strip():
            self.plan.set(index, value)
            self.dirty = True
            self._quit_armed = False
            self._update_option(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.current = event.option_index
        self._show()
        self.query_one("#value", Input).focus()

    def action_move(self, step: int) -> None:
        if not self.plan.blanks:
            return
        self._set(self.current, self.query_one("#value", Input).value)
        self.current = max(0, min(len(self.plan.blanks) - 1, self.current + step))
        self._show()

    def action_fill_alike(self) -> None:
        if not self.plan.blanks:
            return
        value = self.query_one("#value", Input).value.strip()
        if not value:
            self.notify("先输入要填的值", severity="warning")
            return
        changed = self.plan.set_alike(self.current, value)
        self.dirty = True
        for index in changed:
            self._update_option(index)
        self.notify(f"已给上下文相同的 {len(changed)} 处填入“{value}”")
        nxt = self.plan.next_unfilled(self.current)
        self.current = nxt if nxt is not None else self.current
        self._show()

    def action_save(self) -> None:
        if self.plan.blanks:
            self._set(self.current, self.query_one("#value", Input).value)
        try:
            result = self.plan.save(self.path, self.engine, self.output)
        except DrafterError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.dirty = False
        target = self.output or self.path
        self.notify(f"已填写 {len(result.applied)} 处，写入 {target.name}；还剩 {len(result.left)} 处")
        self.plan = FillPlan.of_file(target, self.engine)
        self.path = target
        self.output = None
        self.current = 0
        self._refresh_list()

    def action_quit_fill(self) -> None:
        if self.dirty and not self._quit_armed:
            self._quit_armed = True
            self.notify("有填写的值还没有保存：Ctrl+S 保存，再按一次 Ctrl+Q 放弃并退出", severity="warning")
            return
        self.exit(0 if not self.plan.remaining else 1)


def run_fill(path: Path, engine: CheckEngine, output: Path | None = None) -> int:
    """Open the fill screen on a terminal; the exit status says whether blanks are left."""
    return FillApp(path, engine, output).run() or 0
