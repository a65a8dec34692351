"""What the editor's workers produce, as messages. A worker posts one (thread-safe); the screen
that owns the worker republishes it on a signal, and each pane that cares subscribes to that
signal, so panes never reach into each other and a new pane is one subscription."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from drafter.services.bank import PhraseBank
    from drafter.services.checking import CheckEngine
    from drafter.services.templates import TemplateCatalog
    from drafter.session import Analysis


@dataclass
class CatalogLoaded(Message):
    """The templates are read (built-in, user and team layers): the genres to start from, and the
    skeleton of the template an open draft came from."""

    catalog: TemplateCatalog


@dataclass
class DataLoaded(Message):
    """The phrase bank's entries, the configuration and the rule engines are ready."""

    bank: PhraseBank | None
    engine: CheckEngine
    blank_engine: CheckEngine  # the placeholder rules alone, for F3 on the text as it is now
    rate: int
    notes: list[str]


@dataclass
class BankReady(Message):
    """The phrase bank's search index is built: search boxes may search."""

    bank: PhraseBank


@dataclass
class AnalysisReady(Message):
    """Findings, outline and counts of the draft's text as it was when the analysis started
    (None when the analysis could not run, so the editor knows its worker is free again)."""

    analysis: Analysis | None
