"""The draft's text area. A change made to the whole text (moving, adding or deleting a section,
renumbering, an external editor's result) is one edit of the changed lines only, so it is a single
step for Ctrl+Z and the cursor stays where the writer was."""

from __future__ import annotations

from textual.widgets import TextArea


class DraftText(TextArea):
    DEFAULT_CSS = """
    DraftText { height: 1fr; border: none; }
    DraftText:focus { border: none; }
    """

    def __init__(self, text: str, *, id: str | None = None, read_only: bool = False) -> None:
        super().__init__(text, id=id, soft_wrap=True, show_line_numbers=False, read_only=read_only)

    def replace_whole(self, new: str) -> None:
        """Make the text `new` by replacing only the lines that differ: one undoable edit."""
        old_lines = self.text.split("\n")
        new_lines = new.split("\n")
        if old_lines == new_lines:
            return
        top = 0
        while top < min(len(old_lines), len(new_lines)) and old_lines[top] == new_lines[top]:
            top += 1
        bottom = 0
        while bottom < min(len(old_lines), len(new_lines)) - top and old_lines[-1 - bottom] == new_lines[-1 - bottom]:
            bottom += 1
        old_end = len(old_lines) - bottom
        new_middle = new_lines[top : len(new_lines) - bottom]
        if old_end < len(old_lines):  # replace whole lines up to the start of the first kept one
            start, end = (top, 0), (old_end, 0)
            replacement = "".join(line + "\n" for line in new_middle)
        else:  # the change reaches the end of the text
            end = (len(old_lines) - 1, len(old_lines[-1]))
            if top < len(old_lines) and (new_middle or top == 0):
                start = (top, 0)
                replacement = "\n".join(new_middle)
            else:  # lines appended or the last lines removed: start at the end of the kept line
                start = (top - 1, len(old_lines[top - 1]))
                replacement = "".join("\n" + line for line in new_middle)
        self.replace(replacement, start, end, maintain_selection_offset=False)
        if self.text != new:  # the range arithmetic must never corrupt the text: fall back to all
            self.replace(new, (0, 0), self.document.end, maintain_selection_offset=False)
