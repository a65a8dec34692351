"""Command palette (ctrl+p): commands, templates, sections of the draft, and phrases."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider


class DrafterCommands(Provider):
    """Editor actions, genres to start from, sections to jump to, phrases to insert."""

    async def search(self, query: str) -> Hits:
        from drafter.tui.editor import EditorScreen

        app = self.app
        matcher = self.matcher(query)
        screen = self.screen  # the screen under the palette
        actions = [
            ("保存", "save"),
            ("跳到下一处待填", "next_blank"),
            ("重排标题序号", "renumber"),
            ("导出 Word", "export"),
            ("显示/隐藏问题列表", "toggle_findings"),
            ("添加一部分", "add_section"),
        ]
        if isinstance(screen, EditorScreen):
            for label, action in actions:
                score = matcher.match(label)
                if score > 0:
                    yield Hit(score, matcher.highlight(label), partial(screen.run_action, action), help="命令")
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
            bank = app.bank  # type: ignore[attr-defined]
            if bank is not None and query.strip():
                for hit in bank.search(query, limit=8):
                    text = hit.entry.text
                    yield Hit(
                        hit.score / 100,
                        text[:60],
                        partial(screen.insert_text, text),
                        help=f"插入词条 · {hit.entry.category}",
                    )
        from drafter.tui.app import loaded_templates

        for tid, template in loaded_templates().items():
            label = f"新建：{template.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(app.new_from_template, tid), help=template.description[:40]
                )
