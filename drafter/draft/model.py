"""The draft tree. The raw lines are the truth; the tree is a view on them, so writing a draft
back out gives the same bytes, and edits (renumbering, moving a section) are edits of lines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from drafter.numerals import heading_marker

# What each line of a draft is.
BLANK, TITLE, FRONT, SALUTATION, HEADING, PARAGRAPH, CLOSING, SIGNATURE, DATE, TABLE = (
    "blank",
    "title",
    "front",
    "salutation",
    "heading",
    "paragraph",
    "closing",
    "signature",
    "date",
    "table",  # a row of a table block (drafter.draft.tables)
)


@dataclass
class Heading:
    """A numbered heading as written: `（一）加强政治建设。坚持……` is level 2, number 1, marker
    `（一）`, title `加强政治建设。` and, being run-in, rest `坚持……`."""

    level: int
    number: int | None
    marker: str
    title: str
    rest: str = ""
    indent: str = ""
    eol: str = ""  # a trailing '\r' kept from a CRLF file

    @property
    def run_in(self) -> bool:
        return bool(self.rest)

    @property
    def standard_marker(self) -> str | None:
        return heading_marker(self.level, self.number) if self.number is not None else None

    @property
    def is_standard(self) -> bool:
        return self.marker == self.standard_marker

    def render(self, marker: str | None = None) -> str:
        """The heading line, with another marker if given."""
        return f"{self.indent}{marker or self.marker}{self.title}{self.rest}{self.eol}"


@dataclass
class Section:
    """A heading and everything under it, up to the next heading of the same or a higher level."""

    heading: Heading
    line: int  # 1-based line of the heading
    end: int  # 1-based line after the section's last line
    children: list[Section] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def body_end(self) -> int:
        """Line after the section's own text (before its first sub-section)."""
        return self.children[0].line if self.children else self.end

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Draft:
    """A parsed draft: raw lines (without '\\n'), what each line is, and the section tree."""

    lines: list[str]
    kinds: list[str]
    headings: dict[int, Heading]  # 1-based line → heading
    sections: list[Section]
    bom: bool = False
    final_newline: bool = True

    def text(self) -> str:
        """The draft as text, exactly as it was parsed (after any line edits)."""
        body = "\n".join(self.lines)
        return ("\ufeff" if self.bom else "") + body + ("\n" if self.final_newline and self.lines else "")

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        for section in self.sections:
            yield from section.walk()

    def line_range_text(self, start: int, end: int) -> str:
        """Lines [start, end) (1-based) joined."""
        return "\n".join(self.lines[start - 1 : end - 1])

    def tables(self) -> list:  # list[drafter.draft.tables.Table]
        """The table blocks of the draft, each with its rows of cells."""
        from drafter.draft.tables import tables_in

        return tables_in(self.lines)

    def lines_of(self, kind: str) -> list[int]:
        """1-based numbers of the lines of a kind (title, salutation, closing…)."""
        return [i + 1 for i, k in enumerate(self.kinds) if k == kind]

    @property
    def title(self) -> str | None:
        titles = self.lines_of(TITLE)
        return self.lines[titles[0] - 1].strip() if titles else None

    @property
    def body_start(self) -> int:
        """First line of the sections (after title, salutation and opening)."""
        return self.sections[0].line if self.sections else len(self.lines) + 1

    @property
    def back_start(self) -> int:
        """First line of the closing matter (closing, signature, date) after the sections."""
        return self.sections[-1].end if self.sections else len(self.lines) + 1
