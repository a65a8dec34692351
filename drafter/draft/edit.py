"""Edits of a draft's structure: renumbering headings, moving and deleting sections. Each edit
changes lines and returns a freshly parsed draft, so the tree can never go stale."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.draft.model import Draft, Section
from drafter.draft.parse import parse_draft
from drafter.numerals import heading_marker


@dataclass(frozen=True)
class Renumbering:
    """One heading whose number changes: line, old and new marker, heading title."""

    line: int
    old: str
    new: str
    title: str


def plan_renumbering(draft: Draft) -> list[Renumbering]:
    """Heading numbers in sequence at every level (within their parent), in the standard style."""
    changes: list[Renumbering] = []

    def visit(siblings: list[Section]) -> None:
        counters: dict[int, int] = {}
        for section in siblings:
            counters[section.level] = counters.get(section.level, 0) + 1
            new = heading_marker(section.level, counters[section.level])
            if section.heading.marker != new:
                changes.append(Renumbering(section.line, section.heading.marker, new, section.heading.title))
            visit(section.children)

    visit(draft.sections)
    return changes


def renumber(draft: Draft) -> tuple[Draft, list[Renumbering]]:
    """The draft with its headings renumbered, and what changed."""
    changes = plan_renumbering(draft)
    if not changes:
        return draft, []
    lines = list(draft.lines)
    for change in changes:
        lines[change.line - 1] = draft.headings[change.line].render(change.new)
    return _reparse(draft, lines), changes


def move_section(draft: Draft, section: Section, delta: int) -> Draft:
    """Move a section (with its sub-sections) up (-1) or down (+1) among its siblings."""
    siblings = _siblings(draft, section)
    index = next(i for i, s in enumerate(siblings) if s.line == section.line)
    target = index + delta
    if not 0 <= target < len(siblings):
        return draft
    a, b = sorted((siblings[index], siblings[target]), key=lambda s: s.line)
    lines = draft.lines
    first, second = lines[a.line - 1 : a.end - 1], lines[b.line - 1 : b.end - 1]
    between = lines[a.end - 1 : b.line - 1]
    new = lines[: a.line - 1] + second + between + first + lines[b.end - 1 :]
    return _reparse(draft, new)


def delete_section(draft: Draft, section: Section) -> Draft:
    """Remove a section and its sub-sections."""
    lines = draft.lines[: section.line - 1] + draft.lines[section.end - 1 :]
    return _reparse(draft, lines)


def insert_lines(draft: Draft, before_line: int, new_lines: list[str]) -> Draft:
    """Insert lines before a 1-based line (len(lines)+1 appends)."""
    lines = draft.lines[: before_line - 1] + new_lines + draft.lines[before_line - 1 :]
    return _reparse(draft, lines)


def _siblings(draft: Draft, section: Section) -> list[Section]:
    for parent in [None, *draft.walk()]:
        children = draft.sections if parent is None else parent.children
        if any(s.line == section.line for s in children):
            return children
    raise ValueError(f"section at line {section.line} is not in this draft")


def _reparse(draft: Draft, lines: list[str]) -> Draft:
    text = "\n".join(lines) + ("\n" if draft.final_newline and lines else "")
    return parse_draft(("\ufeff" if draft.bom else "") + text)
