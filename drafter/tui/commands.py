"""Command palette (Ctrl+P): every action of the action table for the screen under the palette,
with its key as remapped, then genres to start from, sections to jump to, phrases to insert."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from drafter.tui.actions import APP, EDITOR, NEW, START, Action, actions_of, key_display


def current_key(app_keymap: dict[str, str], action: Action) -> str:
    return key_display(app_keymap.get(action.id, action.key))


class DrafterCommands(Provider):
    """Editor actions, genres to start from, sections to jump to, phrases to insert."""

    async def discover(self) -> Hits:
        """With nothing typed yet: the commands of the screen under the palette."""
        from drafter.tui.context import drafter_app
        from drafter.tui.editor import EditorScreen
        from drafter.tui.newdraft import NewDraftScreen
        from drafter.tui.start import StartScreen

        app = drafter_app(self.screen)
        screen = self.screen
        scope = {EditorScreen: EDITOR, StartScreen: START, NewDraftScreen: NEW}.get(type(screen))
        for action in [*actions_of(scope or APP), *(actions_of(APP) if scope else [])]:
            if action.palette:
                target = app if action.scope == APP else screen
                yield DiscoveryHit(
                    f"{action.label}：{action.help}",
                    partial(target.run_action, action.action),
                    help=f"命令 · {current_key(app.keys_config, action)}",
                )

    async def search(self, query: str) -> Hits:
        from drafter.tui.context import drafter_app
        from drafter.tui.editor import EditorScreen
        from drafter.tui.newdraft import NewDraftScreen
        from drafter.tui.start import StartScreen

        app = drafter_app(self.screen)
        matcher = self.matcher(query)
        screen = self.screen  # the screen under the palette
        scope = {EditorScreen: EDITOR, StartScreen: START, NewDraftScreen: NEW}.get(type(screen))
        keymap = app.keys_config
        for action in [*actions_of(scope or APP), *(actions_of(APP) if scope else [])]:
            if not action.palette:
                continue
            label = f"{action.label}：{action.help}"
            score = matcher.match(label)
            if score > 0:
                target = app if action.scope == APP else screen
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(target.run_action, action.action),
                    help=f"命令 · {current_key(keymap, action)}",
                )
        if isinstance(screen, EditorScreen):
            analysis = screen.analysis
            if analysis is not None:
                for section in analysis.draft.walk():
                    label = f"{section.heading.marker}{section.heading.title}"
                    score = matcher.match(label)
                    if score > 0:
                        yield Hit(
                            score,
                            matcher.highlight(label),
                            partial(screen.goto_line, section.line),
                            help="跳到这一部分",
                        )
            bank = app.bank
            if bank is not None and bank.search_ready and query.strip():
                for hit in bank.search(query, limit=8):
                    text = hit.entry.text
                    yield Hit(
                        hit.score / 100,
                        text[:60],
                        partial(screen.insert_text, text),
                        help=f"插入词条 · {hit.entry.category}",
                    )
        for tid, template in app.catalog.templates.items():
            label = f"新建：{template.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(app.new_from_template, tid), help=template.description[:40]
                )
