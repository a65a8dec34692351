"""Drafts: the speech's own text, parsed into a tree of sections and written back unchanged.

One parser serves the checker, the exporter, the outline and the TUI, so they never disagree about
where a section starts or which line is a heading.
"""

from drafter.draft.model import Draft, Heading, Section
from drafter.draft.parse import parse_draft

__all__ = ["Draft", "Heading", "Section", "parse_draft"]
