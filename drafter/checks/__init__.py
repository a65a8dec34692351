"""`drafter check`: rule families over one reader's output.

To add a family, write a module with a class following model.RuleFamily and list it in
`default_families`; the readers, the engine and the reports stay as they are.
"""

from __future__ import annotations

from drafter.checks.engine import CheckEngine, Selection, selector_matches
from drafter.checks.model import Finding, Hit, RuleFamily, RuleInfo, Severity
from drafter.config import Config

__all__ = [
    "CheckEngine",
    "Finding",
    "Hit",
    "RuleFamily",
    "RuleInfo",
    "Selection",
    "Severity",
    "build_engine",
    "default_families",
    "selector_matches",
]


def default_families(config: Config | None = None) -> list[RuleFamily]:
    """Every built-in rule family, configured with the team's additions."""
    from drafter.checks.placeholder import PlaceholderFamily

    config = config or Config()
    return [PlaceholderFamily(config.placeholders)]


def build_engine(
    config: Config | None = None,
    only: list[str] | None = None,
    disable: list[str] | None = None,
) -> CheckEngine:
    """An engine with the built-in families; command-line selections override the config's."""
    config = config or Config()
    selection = Selection(
        only=only or config.only,
        disable=[*config.disable, *(disable or [])],
        severity={k: Severity(v) for k, v in config.severity.items()},
    )
    return CheckEngine(default_families(config), selection)
