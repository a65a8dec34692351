"""The outline pane: each section with its 字数 and blanks. Updated in place while the tree keeps
its structure (the same depths in the same order), relabelling only the nodes whose title or
counts changed: typing in a body or a heading touches one or two nodes, never a rebuild, and the
cursor never jumps under the writer's hand."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Tree
from textual.widgets.tree import TreeNode

from drafter.draft.outline import OutlineRow
from drafter.session import Analysis
from drafter.tui.widgets.base import subscribe_analysis

GUIDE = 2  # columns of indentation per level


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal columns, with … when cut."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cells(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def counts_of(row: OutlineRow) -> str:
    return f" {row.chars}字" + (f" {row.blanks}空" if row.blanks else "")


class OutlinePane(Vertical):
    DEFAULT_CSS = """
    OutlinePane { width: 30; border-right: solid $primary-background; }
    OutlinePane > Tree { height: 1fr; }
    OutlinePane.-narrow { width: 22; }
    """

    @dataclass
    class Jump(Message):
        line: int  # 1-based line of the section chosen

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shape: tuple[int, ...] = ()  # the depth of each row: the tree's structure
        self._entries: list[tuple[TreeNode[int], OutlineRow, int]] = []

    def compose(self) -> ComposeResult:
        yield Label("结构", classes="panel-title")
        tree: Tree[int] = Tree("文稿", id="outline")
        tree.show_root = False
        tree.guide_depth = GUIDE
        yield tree

    @property
    def tree(self) -> Tree[int]:
        return self.query_one("#outline", Tree)

    def on_mount(self) -> None:
        subscribe_analysis(self, self.show_analysis)

    def _label(self, row: OutlineRow, depth: int) -> Text:
        counts = counts_of(row)
        room = max(self.size.width - 2 - GUIDE * depth - cells(counts), 4)
        label = Text(fit(row.label, room), no_wrap=True, overflow="ellipsis")
        label.append(f" {row.chars}字", style="dim")
        if row.blanks:
            label.append(f" {row.blanks}空", style="bold yellow")
        return label

    def show_analysis(self, analysis: Analysis) -> None:
        rows: list[tuple[int, OutlineRow]] = []

        def walk(items: list[OutlineRow], depth: int) -> None:
            for row in items:
                rows.append((depth, row))
                walk(row.children, depth + 1)

        walk(analysis.outline, 0)
        shape = tuple(depth for depth, _ in rows)
        if shape == self._shape:  # same tree: relabel only the nodes whose title or counts changed
            for (node, old, depth), (_, row) in zip(self._entries, rows, strict=True):
                node.data = row.line
                if counts_of(old) != counts_of(row) or old.label != row.label:
                    node.set_label(self._label(row, depth))
            self._entries = [(node, row, depth) for (node, _, _), (depth, row) in zip(self._entries, rows, strict=True)]
            return
        self._rebuild(rows, shape)

    def _rebuild(self, rows: list[tuple[int, OutlineRow]], shape: tuple[int, ...]) -> None:
        tree = self.tree
        keep = tree.cursor_line
        tree.clear()
        self._entries = []
        parents: list[TreeNode[int]] = [tree.root]
        for i, (depth, row) in enumerate(rows):
            has_children = i + 1 < len(rows) and rows[i + 1][0] > depth
            parent = parents[depth]
            label = self._label(row, depth)
            node = parent.add(label, data=row.line, expand=True) if has_children else parent.add_leaf(label, row.line)
            del parents[depth + 1 :]
            parents.append(node)
            self._entries.append((node, row, depth))
        self._shape = shape
        if keep >= 0 and self._entries:
            tree.cursor_line = min(keep, len(self._entries) - 1)

    def on_resize(self) -> None:
        for node, row, depth in self._entries:
            node.set_label(self._label(row, depth))

    def focus_section(self, line: int) -> None:
        """Put the cursor on the section that 1-based `line` is in, and focus the tree."""
        tree = self.tree
        best = 0
        for i, (_, row, _) in enumerate(self._entries):
            if row.line <= line:
                best = i
        if self._entries:
            tree.cursor_line = best
        tree.focus()

    @on(Tree.NodeSelected, "#outline")
    def _chosen(self, event: Tree.NodeSelected[int]) -> None:
        event.stop()
        if isinstance(event.node.data, int):
            self.post_message(self.Jump(event.node.data))
