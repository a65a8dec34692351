"""The drafter app: start screen, new from template, editor. The phrase bank, the configuration
and the rule engines load once, in a worker, through drafter.services; a bad team file is a notice
in the app, never a crash. Screens and panes subscribe to `data_signal` and `bank_signal`."""

from __future__ import annotations

import gc
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.signal import Signal

from drafter.config import Config
from drafter.draft.outline import DEFAULT_RATE
from drafter.errors import DrafterError
from drafter.services.bank import load_bank
from drafter.services.checking import load_settings, make_engine
from drafter.services.drafts import DraftLockedError, attach_template, lock_draft, new_session, open_draft
from drafter.services.templates import TemplateCatalog, load_catalog
from drafter.session import DraftSession, remember
from drafter.tui.actions import APP, bindings, normalise_keymap
from drafter.tui.commands import DrafterCommands
from drafter.tui.messages import BankReady, CatalogLoaded, DataLoaded

if TYPE_CHECKING:
    from drafter.services.bank import PhraseBank
    from drafter.services.checking import CheckEngine

CSS = """
Screen { layout: vertical; }
.panel-title { text-style: bold; padding: 0 1; color: $accent; }
.dialog { width: 70; max-width: 100%; height: auto; padding: 1 2; border: thick $primary; background: $surface; }
ModalScreen { align: center middle; }
.buttons { height: auto; align-horizontal: right; }
.buttons Button { margin-left: 1; }
.error { color: $error; }
.question { padding: 0 0 1 0; }
/* A notice covers the phrase panel exactly: its edge never cuts a Chinese character of the text. */
Toast { width: 32; }
.-narrow Toast { width: 25; }
"""


SWITCH_INTERVAL = 0.0005  # seconds a thread may hold the GIL while another waits for it


class DrafterApp(App[None]):
    """drafter's TUI."""

    CSS = CSS
    TITLE = "drafter"
    COMMANDS = {DrafterCommands}  # Textual's system commands (Theme, Quit, Keys...) are English
    BINDINGS = bindings(APP)
    AUTOSAVE_SECONDS = 5.0

    def __init__(
        self, path: Path | None = None, *, keymap: dict[str, str] | None = None, theme: str | None = None
    ) -> None:
        super().__init__()
        self.start_path = path
        self.bank: PhraseBank | None = None
        self.engine: CheckEngine | None = None
        self.blank_engine: CheckEngine | None = None
        self.config = Config()
        self.catalog: TemplateCatalog = TemplateCatalog({})  # empty until the loading worker has read it
        self.catalog_loaded = False
        self.load_notes: list[str] = []
        self.rate = DEFAULT_RATE
        self.data_signal: Signal[DataLoaded] = Signal(self, "data")
        self.bank_signal: Signal[BankReady] = Signal(self, "bank")
        self.catalog_signal: Signal[CatalogLoaded] = Signal(self, "catalog")
        self.keys_config = normalise_keymap(keymap or {})
        self._theme_name = theme
        # Every `~$` lock this app took: an editor releases its own when it closes, but a lock
        # taken while a dialog asks first (restore the recovery copy?) has no editor yet.
        self._locks: list[Any] = []

    def on_mount(self) -> None:
        # The analysis worker shares the GIL with this UI thread: at the default 5 ms a key that
        # arrives while it runs waits up to 5 ms at each of the many steps from key to frame (the
        # loop gives the GIL up at every select). 0.5 ms bounds each wait; the worker loses little.
        sys.setswitchinterval(SWITCH_INTERVAL)
        if self._theme_name:
            self.theme = self._theme_name
        if self.keys_config:
            self.set_keymap(self.keys_config)
        self.set_interval(self.AUTOSAVE_SECONDS, self._autosave)
        self._catch_hang_up()
        # First paint first: the templates, the phrase bank and the checks load in a worker
        # meanwhile (the templates were read here, 0.1–0.3 s before a draft could show).
        self.run_worker(self._load_data, thread=True, group="data")
        if self.start_path is not None:
            self.open_draft(self.start_path, quit_if_declined=True)
        else:
            self.show_start()

    def show_start(self) -> None:
        from drafter.tui.start import StartScreen

        self.push_screen(StartScreen())

    def _load_data(self) -> None:
        """Templates, bank, config and checks, leniently: a bad team file is a note, never a crash."""
        self.post_message(CatalogLoaded(load_catalog()))
        loaded = load_bank(lenient=True)
        settings = load_settings(lenient=True)
        entries = list(loaded.bank) if loaded.bank is not None else None
        config = settings.config
        try:
            engine = make_engine(config, bank_entries=entries)
            blank_engine = make_engine(config, only=["placeholder"])
        except DrafterError as exc:  # e.g. a team rule selector that names no rule
            settings.notes.append(f"配置有误，已用默认设置：{exc}")
            config = Config()
            engine = make_engine(config, bank_entries=entries)
            blank_engine = make_engine(config, only=["placeholder"])
        self.config = config
        self.post_message(
            DataLoaded(loaded.bank, engine, blank_engine, config.speech_rate, loaded.notes + settings.notes)
        )
        if loaded.bank is not None:
            loaded.bank.prepare_search()
            self.post_message(BankReady(loaded.bank))

    def on_data_loaded(self, message: DataLoaded) -> None:
        self.bank, self.engine, self.blank_engine, self.rate = (
            message.bank,
            message.engine,
            message.blank_engine,
            message.rate,
        )
        self.load_notes += message.notes
        # The bank, its indexes and the rule engines live as long as the app: out of the collector's
        # sight, a full collection no longer walks them (it took ~0.4 s on the UI thread, a stall
        # mid-typing every few analyses).
        gc.freeze()
        self.data_signal.publish(message)

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        self.catalog = message.catalog
        self.catalog_loaded = True
        self.load_notes += message.catalog.notes
        for screen in self.screen_stack:  # a draft opened meanwhile gets its template's skeleton
            session = getattr(screen, "session", None)
            if isinstance(session, DraftSession):
                attach_template(session, message.catalog)
        self.catalog_signal.publish(message)

    def on_bank_ready(self, message: BankReady) -> None:
        self.bank_signal.publish(message)

    def open_draft(self, path: Path, *, quit_if_declined: bool = False) -> None:
        """Open `path` in the editor: a missing file asks whether to start it (nothing is written
        before the first save); an unreadable one is a message."""
        if not path.exists():
            from drafter.tui.dialogs import Confirm

            def answered(create: bool | None) -> None:
                if create:
                    self._show_editor(new_session(path, self.rate))
                elif quit_if_declined:
                    self.exit()

            self.push_screen(
                Confirm(f"{path} 不存在。要新建这篇文稿吗？（第一次保存时才创建文件）", "新建", "不用"), answered
            )
            return
        try:
            session = open_draft(path, self.rate, self.catalog)
        except DrafterError as exc:
            # Long enough to be read on a machine still busy starting the editor (5 s was gone
            # before the start screen had finished loading under load).
            self.notify(str(exc), title="无法打开", severity="error", timeout=15)
            if quit_if_declined and len(self.screen_stack) <= 1:
                self.show_start()
            return
        remember(session.path)
        self._show_editor(session)

    def _show_editor(self, session: DraftSession) -> None:
        """Take the draft's lock and open the editor; when another editor holds it, ask: read-only,
        take it over, or not at all. The lock comes first: a live editor's recovery copy is its
        own, not something left by a crash, so it is offered only to the editor that holds the lock."""
        from drafter.tui.dialogs import Choice

        if _made_read_only(session.path):
            # Saving would be refused (drafter.fileio): say so now, not after the writer's work.
            self._open_editor(session, None, read_only=True, reason="文件设为只读，要修改请先去掉只读属性")
            self.notify(f"{session.path.name} 文件设为只读，已以只读方式打开", title="只读", severity="warning")
            return
        try:
            lock = self._held(lock_draft(session.path))
        except DraftLockedError as exc:

            def answered(answer: str | None) -> None:
                if answer == "read-only":
                    self._open_editor(session, None, read_only=True)
                elif answer == "take-over":
                    try:
                        taken = self._held(lock_draft(session.path, take_over=True))
                    except DrafterError as error:
                        self.notify(str(error), title="无法打开", severity="error")
                        return
                    self._open_editor(session, taken)

            self.push_screen(
                Choice(
                    f"{session.path.name} 正由 {exc.holder} 编辑。两人同时修改会互相覆盖。",
                    [("read-only", "只读打开"), ("take-over", "仍要编辑"), ("cancel", "取消")],
                ),
                answered,
            )
            return
        except DrafterError as exc:  # an unwritable folder: edit anyway, saving will say why
            self.notify(str(exc), title="无法加锁", severity="warning")
            lock = None
        self._open_editor(session, lock)

    def _held(self, lock: Any) -> Any:
        self._locks = [held for held in self._locks if held.held]
        self._locks.append(lock)
        return lock

    def release_locks(self) -> None:
        """Release every lock still held (idempotent: each is removed only if still ours)."""
        for lock in self._locks:
            lock.release()
        self._locks = []

    def on_unmount(self) -> None:
        self.release_locks()

    def _open_editor(
        self, session: DraftSession, lock: Any, *, read_only: bool = False, reason: str = "另一个编辑器正在编辑它"
    ) -> None:
        """The editor on `session`, after offering the recovery copy a crash left behind."""
        from drafter.tui.dialogs import Confirm
        from drafter.tui.editor import EditorScreen

        recovered = None if read_only or session.is_new else session.pending_recovery()

        def show() -> None:
            self.push_screen(EditorScreen(session, lock=lock, read_only=read_only, read_only_reason=reason))
            if session.recovered:
                self.notify("已恢复上次未保存的内容（尚未保存到文件）", title="恢复")

        if recovered is None:
            show()
            return

        def answered_recovery(use: bool | None) -> None:
            if use:
                session.text = recovered
                session.recovered = True
            else:
                session.drop_recovery()
            show()

        self.push_screen(
            Confirm(f"{session.path.name} 有上次未保存的修改（程序异常退出时留下）。要恢复吗？", "恢复", "丢弃"),
            answered_recovery,
        )

    def new_from_template(self, template_id: str) -> None:
        from drafter.tui.newdraft import NewDraftScreen

        self.push_screen(NewDraftScreen(template_id))

    def editor(self):  # type: ignore[no-untyped-def]
        """The editor screen in the stack, if any."""
        from drafter.tui.editor import EditorScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def _catch_hang_up(self) -> None:
        """Closing the terminal window (SIGHUP) or a shutdown (SIGTERM) ended drafter on the spot:
        the text typed since the last autosave was lost, and the `~$` lock stayed beside the draft,
        so a colleague on another machine was told for good that someone was editing it (a lock
        from another machine is never taken over). Now each open editor writes its recovery copy
        and releases its lock first, then drafter exits."""
        import asyncio

        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is None:  # Windows
                continue
            try:
                loop.add_signal_handler(number, self.hang_up)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread (tests)
                return

    def hang_up(self) -> None:
        """Keep what can be kept, release every lock, and exit (the terminal may be gone)."""
        from drafter.tui.editor import EditorScreen

        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                screen.hang_up()
        self.release_locks()
        self.exit(return_code=129)

    def _autosave(self) -> None:
        editor = self.editor()
        if editor is not None:
            editor.autosave()

    def action_quit_app(self) -> None:
        editor = self.editor()
        if editor is not None and editor.text_area.has_focus:
            # Behind the characters typed just before Ctrl+Q (drafter.tui.inorder): they are
            # unsaved changes too, and the question must know of them.
            editor.text_area.call_later(self._quit)
            return
        self._quit()

    def _quit(self) -> None:
        editor = self.editor()
        then: Callable[[], None] = self.exit
        if editor is None:
            then()
        else:
            editor.sync_text()
            editor.confirm_leave(then)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from drafter.tui.palette import ChinesePalette

        if not CommandPalette.is_open(self):
            self.push_screen(ChinesePalette())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"


def run(path: Path | None = None) -> int:
    """Start the TUI (from `drafter` or `drafter edit FILE`)."""
    settings = load_settings(lenient=True)
    app = DrafterApp(path, keymap=settings.config.keys, theme=settings.config.theme)
    try:
        app.run()
    finally:
        app.release_locks()
    return app.return_code or 0


def _made_read_only(path: Path) -> bool:
    """Whether the draft's file exists with no write permission for anyone (chmod 444, Windows'
    只读 box): the writes of drafter.fileio refuse it."""
    try:
        return not path.stat().st_mode & 0o222
    except OSError:
        return False
