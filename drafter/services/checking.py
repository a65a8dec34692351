"""Checking with the user's and the team's configuration: the one place a rule engine is built.

The rule registry behind `make_engine` may change shape; front ends only ever see this module, so
swapping the registry is a change here and nowhere else."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.checks.engine import CheckEngine
from drafter.checks.model import Finding, Severity
from drafter.config import Config, load_config
from drafter.document import Document
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.checks.fix import FixResult

__all__ = [
    "CheckEngine",
    "Finding",
    "Settings",
    "Severity",
    "apply_sure_fixes",
    "blank_spans",
    "check_text",
    "errors_of",
    "load_settings",
    "make_engine",
    "validate_selectors",
]


@dataclass
class Settings:
    """The merged configuration, and what went wrong reading it when read leniently."""

    config: Config
    notes: list[str] = field(default_factory=list)


def load_settings(extra: list[Path] | None = None, *, lenient: bool = False) -> Settings:
    """The user's file, the team's drafter.toml, then `extra`. Strict (the CLI): a bad file raises
    DataFileError. Lenient (the editor): a bad file is a note and the defaults are used."""
    try:
        return Settings(load_config(extra))
    except DrafterError as exc:
        if not lenient:
            raise
        return Settings(Config(), [f"配置有误，已用默认设置：{exc}"])


def make_engine(
    config: Config | None = None, only: list[str] | None = None, disable: list[str] | None = None, **options: Any
) -> CheckEngine:
    """The rule engine for this configuration and command-line selection. `options`:
    all_families (build every family, for listing), bank_entries (an already loaded bank)."""
    from drafter.checks import build_engine

    return build_engine(config, only, disable, **options)


def validate_selectors(config: Config, selectors: Iterable[str]) -> None:
    """Raise DrafterError for a selector (command line or config) that names no rule."""
    from drafter.checks import unknown_selectors

    selectors = list(selectors)
    if not selectors:
        return
    # Listing every family's rules reads no bank: families load their data on the first check.
    for selector in unknown_selectors(selectors, make_engine(config, all_families=True)):
        raise DrafterError(f"未知的规则 '{selector}'（用 drafter check --list-rules 查看所有规则）")


def check_text(engine: CheckEngine, path: str | Path, text: str) -> list[Finding]:
    """Findings of `engine` in a draft's text (as the editor holds it, or as read from a file)."""
    return engine.check(Document(str(path), "text", text))


def errors_of(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def blank_spans(findings: Iterable[Finding]) -> dict[int, list[tuple[int, int]]]:
    """Line → (start, end) columns, 0-based, of each finding: what an export highlights."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for f in findings:
        spans.setdefault(f.line, []).append((f.column - 1, f.column - 1 + len(f.text)))
    return spans


def apply_sure_fixes(engine: CheckEngine, doc: Document, findings: list[Finding]) -> FixResult:
    """The text with every fix drafter is sure of applied, and what is left (FixResult)."""
    from drafter.checks.fix import apply_fixes

    return apply_fixes(engine, doc, findings)
