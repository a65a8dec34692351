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


CATEGORIES = ("placeholder", "formulation", "repetition", "enumeration", "numbering", "punctuation", "currency")


def default_families(
    config: Config | None = None,
    categories: tuple[str, ...] = CATEGORIES,
    bank_entries: list[object] | None = None,
) -> list[RuleFamily]:
    """The built-in rule families of these categories, configured with the team's additions.
    Families are built only when asked for: `formulation` reads the phrase bank."""
    config = config or Config()
    families: list[RuleFamily] = []
    if "placeholder" in categories:
        from drafter.checks.placeholder import PlaceholderFamily

        families.append(PlaceholderFamily(config.placeholders))
    if "formulation" in categories:
        from drafter.checks.formulation import FormulationFamily

        families.append(FormulationFamily(bank_entries))
    if "repetition" in categories:
        from drafter.checks.repetition import RepetitionFamily

        families.append(RepetitionFamily())
    if "enumeration" in categories:
        from drafter.checks.structure import EnumerationFamily

        families.append(EnumerationFamily())
    if "numbering" in categories:
        from drafter.checks.structure import NumberingFamily

        families.append(NumberingFamily())
    if "punctuation" in categories:
        from drafter.checks.punctuation import PunctuationFamily

        families.append(PunctuationFamily())
    if "currency" in categories:
        from drafter.checks.currency import CurrencyFamily

        families.append(CurrencyFamily(config.year, bank_entries))
    return families


def build_engine(
    config: Config | None = None,
    only: list[str] | None = None,
    disable: list[str] | None = None,
    *,
    all_families: bool = False,
    bank_entries: list[object] | None = None,
) -> CheckEngine:
    """An engine with the built-in families; command-line selections override the config's.
    Families whose rules are all deselected are not built (unless all_families, for listing).
    `bank_entries`: an already loaded phrase bank, so the formulation rules need not read it again."""
    config = config or Config()
    selection = Selection(
        only=only or config.only,
        disable=[*config.disable, *(disable or [])],
        severity={k: Severity(v) for k, v in config.severity.items()},
    )
    needed = CATEGORIES if all_families else tuple(c for c in CATEGORIES if _may_run(c, selection))
    return CheckEngine(default_families(config, needed, bank_entries), selection)


def _may_run(category: str, selection: Selection) -> bool:
    if category in selection.disable:
        return False
    if not selection.only:
        return True
    return any(s == category or s.startswith(category + ".") or category.startswith(s + ".") for s in selection.only)
