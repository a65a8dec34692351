"""The one shape every reader produces and every check consumes.

A document is its text with one paragraph per line ('\\n' separated), so that rules can scan the
whole text in a single regex pass (fast) and report positions as line and column (useful). For
.docx a line is a paragraph in reading order, and `locations` says where it sits (table, header…).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

# Where printed text that is not read aloud sits (the labels of drafter/readers/docx.py).
_NOT_SPOKEN = frozenset({"页眉", "页脚", "脚注", "尾注"})


@dataclass
class Document:
    """A readable document: display path, format, text and where each line came from."""

    path: str
    format: str  # "text", "markdown" or "docx"
    text: str
    encoding: str | None = None
    # For text files: the line ending to write back ('\n', '\r\n' or '\r'), and the stamp of the
    # bytes read, so that a writer can refuse to overwrite changes made on disk since.
    newline: str | None = None
    stamp: object = field(default=None, compare=False)  # drafter.fileio.FileStamp | None
    # For .docx: the location label of each line (index = line - 1); "" means body text.
    locations: list[str] | None = None
    # For .docx: the table cell of each line in the body's tables (表格1 第2行第3列), "" elsewhere;
    # None when the file has no table.
    cells: list[str] | None = None
    # For .docx: a heading sentence ended by a style separator is read with the paragraph after
    # it as one line, the next line left empty; line → length of the heading part.
    run_in: dict[int, int] | None = None
    # For a part of a big file checked on its own (drafter/checks/chunked.py): the year the whole
    # file is written for (checks.currency.DraftYear), read from its date line or title, which
    # the part may not hold.
    whole_year: object = field(default=None, repr=False, compare=False)
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _draft: object = field(default=None, repr=False, compare=False)

    @property
    def draft(self):  # type: ignore[no-untyped-def]
        """The draft tree of this text (parsed once): headings, sections, title, closing."""
        if self._draft is None:
            from drafter.draft import parse_draft

            self._draft = parse_draft(self.text)
        return self._draft

    @property
    def line_starts(self) -> list[int]:
        """Offsets at which each line begins (computed once, on demand)."""
        if self._line_starts is None:
            starts = [0]
            text = self.text
            find = text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        starts = self.line_starts
        begin = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[begin:end]

    def paragraph_text(self, line: int) -> str:
        """The text of the file's own paragraph on this line (a run-in heading's two parts apart)."""
        run_in = self.run_in
        if run_in:
            if line in run_in:
                return self.line_text(line)[: run_in[line]]
            if line - 1 in run_in:
                return self.line_text(line - 1)[run_in[line - 1] :]
        return self.line_text(line)

    def paragraph_span(self, line: int, start: int, end: int) -> tuple[int, int, int] | None:
        """Where 0-based columns [start, end) of `line` lie in the file's own paragraphs, as
        (line, start, end); None for a span that crosses from a heading sentence into its text."""
        head = self.run_in.get(line) if self.run_in else None
        if head is None or (end <= head and start < head):
            return line, start, end
        if start >= head:
            return line + 1, start - head, end - head
        return None

    def spoken_text(self) -> str:
        """The part of the text that is the speech itself, read aloud: all of a text file; of a
        .docx, the body with its tables and text boxes. Headers, footers and notes follow them in
        reading order (drafter/readers/docx.py), so they are cut off, and the body keeps its line
        numbers: an outline's 字数 and speaking time count the speech, not the page furniture."""
        if not self.locations:
            return self.text
        keep = 0
        for label in self.locations:
            if label in _NOT_SPOKEN:
                break
            keep += 1
        if keep == len(self.locations):
            return self.text
        return self.text[: self.line_starts[keep] - 1] if keep else ""

    def location(self, line: int) -> str:
        """Where a line sits in the file (页眉, 表格…); "" for body text."""
        if self.locations is None or line > len(self.locations):
            return ""
        return self.locations[line - 1]
