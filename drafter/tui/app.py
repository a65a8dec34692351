"""The drafter app: start screen, new from template, editor. Loading the phrase bank and the
templates happens once, in a worker, and a bad team file is a notice in the app, never a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from drafter.errors import DrafterError
from drafter.session import DraftSession, remember
from drafter.tui.commands import DrafterCommands

CSS = """
Screen { layout: vertical; }
#main { height: 1fr; }
#left { width: 1fr; min-width: 16; border-right: solid $primary-background; }
#center { width: 3fr; }
#right { width: 2fr; min-width: 22; border-left: solid $primary-background; }
#editor { height: 1fr; border: none; }
#findings { height: 9; border-top: solid $primary-background; }
#outline { height: 1fr; }
.panel-title { text-style: bold; padding: 0 1; color: $accent; }
#phrase-results { height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
#findings { text-wrap: nowrap; text-overflow: ellipsis; }
#phrase-preview { height: auto; max-height: 8; padding: 0 1; color: $text-muted; }
#role-row { height: auto; }
#role-label { padding: 1 1; }
#status { height: 1; background: $primary-background; }
#start { align: center middle; padding: 1 4; }
#banner { text-style: bold; color: $accent; padding: 1 0; }
#start-menu { height: auto; max-height: 20; }
#start-notes { color: $warning; padding: 1 0; }
#new { height: 1fr; }
#genres { width: 1fr; }
#form { width: 2fr; padding: 0 1; }
#genre-description { padding: 1; color: $text-muted; }
.dialog { width: 70; height: auto; padding: 1 2; border: thick $primary; background: $surface; }
ModalScreen { align: center middle; }
.buttons { height: auto; align-horizontal: right; }
.buttons Button { margin-left: 1; }
.error { color: $error; }
.question { padding: 0 0 1 0; }
"""

_TEMPLATES: dict[str, Any] = {}
TEMPLATE_NOTES: list[str] = []


def loaded_templates() -> dict[str, Any]:
    """The templates of every layer, read once per session. A broken team template is reported
    (TEMPLATE_NOTES) and skipped: the built-in genres still load."""
    if not _TEMPLATES:
        from drafter.templating import load_templates, template_layers

        layers = template_layers()
        for layer in layers:
            try:
                found = load_templates([layer])
            except DrafterError as exc:
                TEMPLATE_NOTES.append(f"模板问题（已跳过 {layer.path}）：{exc}")
                continue
            _TEMPLATES.update(found)
        ordered = sorted(_TEMPLATES.items(), key=lambda kv: (kv[1].order, kv[0]))
        _TEMPLATES.clear()
        _TEMPLATES.update(ordered)
    return _TEMPLATES


class DrafterApp(App[None]):
    """drafter's TUI."""

    CSS = CSS
    TITLE = "drafter"
    COMMANDS = App.COMMANDS | {DrafterCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit_app", "退出", id="quit", priority=True),
        Binding("ctrl+t", "toggle_theme", "明暗", id="toggle_theme"),
    ]
    AUTOSAVE_SECONDS = 5.0

    def __init__(
        self, path: Path | None = None, *, keymap: dict[str, str] | None = None, theme: str | None = None
    ) -> None:
        super().__init__()
        self.start_path = path
        self.bank: Any = None
        self.engine: Any = None
        self.load_notes: list[str] = []
        self._keymap = keymap or {}
        self._theme_name = theme
        self.rate = 220

    def on_mount(self) -> None:
        if self._theme_name:
            self.theme = self._theme_name
        if self._keymap:
            self.set_keymap(self._keymap)
        self.set_interval(self.AUTOSAVE_SECONDS, self._autosave)
        # First paint first: the phrase bank and the checks load in a worker meanwhile.
        self.run_worker(self._load_data, thread=True, group="data")
        if self.start_path is not None:
            self.open_draft(self.start_path)
        else:
            from drafter.tui.start import StartScreen

            self.push_screen(StartScreen())

    def _load_data(self) -> None:
        """Bank, config and checks, leniently: a bad team file is a note, never a crash."""
        from drafter.bank import PhraseBank
        from drafter.checks import build_engine
        from drafter.config import load_config

        notes: list[str] = []
        bank = None
        try:
            bank = PhraseBank.load(strict=False)
            notes += [f"词库问题（已跳过）：{p}" for p in bank.problems[:5]]
            notes += bank.notices
        except DrafterError as exc:
            notes.append(f"词库无法加载：{exc}")
        loaded_templates()
        notes += TEMPLATE_NOTES
        entries = list(bank) if bank is not None else None
        try:
            config = load_config()
            rate = config.speech_rate
            engine = build_engine(config, bank_entries=entries)
        except DrafterError as exc:
            notes.append(f"配置有误，已用默认设置：{exc}")
            rate = 220
            engine = build_engine(bank_entries=entries)
        self.call_from_thread(self._data_loaded, bank, engine, rate, notes)
        if bank is not None:
            bank.prepare_search()
            self.call_from_thread(self._bank_ready)

    def _data_loaded(self, bank: Any, engine: Any, rate: int, notes: list[str]) -> None:
        self.bank, self.engine, self.rate = bank, engine, rate
        self.load_notes += notes
        for screen in self.screen_stack:
            refresh = getattr(screen, "data_loaded", None)
            if refresh is not None:
                refresh()

    def _bank_ready(self) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "bank_ready", None)
            if refresh is not None:
                refresh()

    def open_draft(self, path: Path) -> None:
        from drafter.tui.editor import EditorScreen

        try:
            session = DraftSession.open(path, self.rate)
        except DrafterError as exc:
            self.notify(str(exc), title="无法打开", severity="error")
            if self.start_path is not None and len(self.screen_stack) <= 1:
                from drafter.tui.start import StartScreen

                self.push_screen(StartScreen())
            return
        remember(session.path)
        recovered = session.pending_recovery()

        def show(use_recovered: bool | None = False) -> None:
            if use_recovered and recovered is not None:
                session.text = recovered
                session.recovered = True
            elif recovered is not None:
                session.drop_recovery()
            self.push_screen(EditorScreen(session))
            if session.recovered:
                self.notify("已恢复上次未保存的内容（尚未保存到文件）", title="恢复")

        if recovered is not None:
            from drafter.tui.dialogs import Confirm

            self.push_screen(
                Confirm(f"{path.name} 有上次未保存的修改（程序异常退出时留下）。要恢复吗？", "恢复", "丢弃"), show
            )
        else:
            show()

    def new_from_template(self, template_id: str) -> None:
        from drafter.tui.newdraft import NewDraftScreen

        self.push_screen(NewDraftScreen(template_id))

    def _editor(self) -> Any:
        from drafter.tui.editor import EditorScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def _autosave(self) -> None:
        editor = self._editor()
        if editor is not None:
            editor.autosave()

    def action_quit_app(self) -> None:
        editor = self._editor()
        if editor is None:
            self.exit()
        else:
            editor.confirm_leave(self.exit)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"


def run(path: Path | None = None) -> int:
    """Start the TUI (from `drafter` or `drafter edit FILE`)."""
    from drafter.config import load_config

    keymap: dict[str, str] = {}
    theme = None
    try:
        config = load_config()
        keymap, theme = config.keys, config.theme
    except DrafterError:
        pass
    DrafterApp(path, keymap=keymap, theme=theme).run()
    return 0
