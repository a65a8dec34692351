"""The rule families drafter knows, and what a family is given when it is built.

Where a new rule family goes (e.g. `currency`):

1. Write `drafter/checks/currency.py` with a class that follows `model.RuleFamily`: a `name`
   (the category, first part of every rule id: `currency.unit`), `rules()` listing its RuleInfo,
   and `check(doc, active)` yielding Hits for the active rule ids. Its constructor takes one
   argument, the `FamilyContext` below: read data with `context.rule_data("currency")` (the one
   layered loader, see ruledata.py), the bank with `context.bank_entries()`, headings from
   `doc.draft` (the draft parser's tree; never a second heading regex).
2. Add one line to `BUILTIN` below: `FamilySpec("currency", "drafter.checks.currency:CurrencyFamily")`.
3. If it reads data, add `drafter/rules/currency.yaml` with `entries:` and `specs:`; the specs
   test picks it up by itself.
4. If each of its findings depends only on its own paragraph and the few around it (the line
   kinds of `doc.draft` — title, heading — are fine, a part is given them from the whole text; the
   section tree, the draft's year or anything gathered over the whole document is not), say
   `local=True`: a big file is then checked in parts on every core (drafter/checks/chunked.py),
   and tests/test_chunked.py proves on every corpus file that the parts give the same findings.

Nothing else changes: selection (--only/--disable, config), severities, reports, --fix, the
editor and the Word annotations all work from the registry. Modules are imported only when their
family may run, so a placeholder-only check never imports the formulation rules.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.checks.model import RuleFamily
from drafter.checks.ruledata import RuleData, load_rule_data, rule_layers
from drafter.config import Config
from drafter.layers import Layer


@dataclass(frozen=True)
class FamilySpec:
    """A registered family: its category name and where its class lives (`module:Class`)."""

    name: str
    target: str
    # Findings depend only on their paragraph and its neighbours: checked part by part in a big file.
    local: bool = False

    def load(self) -> Callable[[FamilyContext], RuleFamily]:
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)


BUILTIN: tuple[FamilySpec, ...] = (
    FamilySpec("placeholder", "drafter.checks.placeholder:PlaceholderFamily", local=True),
    FamilySpec("formulation", "drafter.checks.formulation:FormulationFamily", local=True),
    FamilySpec("repetition", "drafter.checks.repetition:RepetitionFamily", local=True),
    FamilySpec("enumeration", "drafter.checks.structure:EnumerationFamily"),
    FamilySpec("numbering", "drafter.checks.structure:NumberingFamily"),
    FamilySpec("punctuation", "drafter.checks.punctuation:PunctuationFamily", local=True),
    FamilySpec("wording", "drafter.checks.wording:WordingFamily", local=True),
    FamilySpec("date", "drafter.checks.dates:DateFamily"),
    FamilySpec("currency", "drafter.checks.currency:CurrencyFamily"),
)

_registry: dict[str, FamilySpec] = {spec.name: spec for spec in BUILTIN}


def register(name: str, target: str) -> None:
    """Add (or replace) a family at run time, e.g. from a plug-in or a test."""
    _registry[name] = FamilySpec(name, target)


def is_local(name: str, family: object) -> bool:
    """Whether `family` is the registered family `name` and that one is declared local (a family
    built some other way, or replaced at run time, is checked on the whole document)."""
    spec = _registry.get(name)
    if spec is None or not spec.local:
        return False
    module, _, attr = spec.target.partition(":")
    return type(family).__module__ == module and type(family).__qualname__ == attr


def unregister(name: str) -> None:
    _registry.pop(name, None)


def registered() -> list[FamilySpec]:
    """The families in the order their findings are listed at one position."""
    return list(_registry.values())


def categories() -> tuple[str, ...]:
    return tuple(_registry)


@dataclass
class FamilyContext:
    """What every family is built with: the merged configuration, the rule folders in layer order,
    and the phrase bank — loaded at most once per context, and only when a family asks for it."""

    config: Config = field(default_factory=Config)
    layers: Sequence[Layer] = field(default_factory=rule_layers)
    bank: Sequence[Any] | None = None
    _data: dict[str, RuleData] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    bank_loads: int = 0

    def bank_entries(self) -> Sequence[Any]:
        with self._lock:  # families may be first used from several worker threads at once
            if self.bank is None:
                from drafter.bank import PhraseBank

                self.bank = list(PhraseBank.load(strict=False, search=False))
                self.bank_loads += 1
            return self.bank

    def rule_data(self, name: str, *, key: str | None = None, legacy: str | None = None) -> RuleData:
        """`name.yaml` merged across the rule layers (read once per context)."""
        if name not in self._data:
            self._data[name] = load_rule_data(name, self.layers, key=key, legacy=legacy)
        return self._data[name]


def make_context(
    config: Config | None = None, bank_entries: Sequence[Any] | None = None, rule_paths: Sequence[Path] = ()
) -> FamilyContext:
    return FamilyContext(config or Config(), rule_layers(rule_paths), bank_entries)
