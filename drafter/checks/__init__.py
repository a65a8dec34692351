"""`drafter check`: rule families over one reader's output.

The families are registered in `registry.py` (read its docstring for where a new family goes);
`build_engine` is the one public entry that the CLI, the editor and the services call.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from drafter.checks.engine import CheckEngine, Selection, selector_matches
from drafter.checks.model import Finding, Hit, RuleFamily, RuleInfo, Severity
from drafter.checks.registry import FamilyContext, categories, make_context, registered
from drafter.config import Config

__all__ = [
    "CATEGORIES",
    "CheckEngine",
    "FamilyContext",
    "Finding",
    "Hit",
    "RuleFamily",
    "RuleInfo",
    "Selection",
    "Severity",
    "build_engine",
    "default_families",
    "selector_matches",
    "unknown_selectors",
]


CATEGORIES = categories()


def default_families(
    config: Config | None = None,
    categories: tuple[str, ...] | None = None,
    bank_entries: Sequence[Any] | None = None,
    *,
    context: FamilyContext | None = None,
) -> list[RuleFamily]:
    """The registered families of these categories (default: all), built with one context."""
    context = context or make_context(config, bank_entries)
    return [spec.load()(context) for spec in registered() if categories is None or spec.name in categories]


def build_engine(
    config: Config | None = None,
    only: list[str] | None = None,
    disable: list[str] | None = None,
    *,
    all_families: bool = False,
    bank_entries: Sequence[Any] | None = None,
    rule_paths: Sequence[Path] = (),
    context: FamilyContext | None = None,
) -> CheckEngine:
    """An engine with the registered families; command-line selections override the config's.
    Families whose rules are all deselected are not built (unless all_families, for listing).
    `bank_entries`: an already loaded phrase bank; otherwise it is read on the first check that
    needs it, once. `rule_paths`: rule folders given on the command line (the last layer)."""
    config = config or Config()
    context = context or make_context(config, bank_entries, rule_paths)
    selection = Selection(
        only=only or config.only,
        disable=[*config.disable, *(disable or [])],
        severity={k: Severity(v) for k, v in config.severity.items()},
    )
    needed = tuple(spec.name for spec in registered() if all_families or selection.may_run(spec.name))
    return CheckEngine(default_families(config, needed, context=context), selection)


def unknown_selectors(selectors: Sequence[str], engine: CheckEngine) -> list[str]:
    """The selectors (--only/--disable/config) that name no known rule or category."""
    known = [r.id for r in engine.rules()] + list(categories())
    return [s for s in selectors if not any(selector_matches(s, r) for r in known)]
