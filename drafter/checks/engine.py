"""Running rule families over a document and turning their hits into findings.

The engine owns selection (--only/--disable, config), severities and positions, so that a rule
family only has to say which span is wrong and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from drafter.checks.model import Finding, RuleFamily, RuleInfo, Severity, lower_severity
from drafter.checks.seethrough import folded_view, place
from drafter.document import Document

CONTEXT_CHARS = 18


def selector_matches(selector: str, rule_id: str) -> bool:
    """`placeholder` selects every `placeholder.*` rule; a full id selects just that rule."""
    return rule_id == selector or rule_id.startswith(selector + ".")


@dataclass
class Selection:
    """Which rules run, and at which severity."""

    only: Sequence[str] = ()
    disable: Sequence[str] = ()
    severity: dict[str, Severity] = field(default_factory=dict)

    def may_run(self, category: str) -> bool:
        """Whether any rule of this category can be selected (so its family is worth building)."""
        if any(selector_matches(s, category) for s in self.disable):
            return False
        return not self.only or any(selector_matches(s, category) or selector_matches(category, s) for s in self.only)

    def enabled(self, rule_id: str) -> bool:
        if self.only and not any(selector_matches(s, rule_id) for s in self.only):
            return False
        return not any(selector_matches(s, rule_id) for s in self.disable)

    def severity_of(self, rule: RuleInfo) -> Severity:
        best: tuple[int, Severity] | None = None
        for selector, sev in self.severity.items():
            if selector_matches(selector, rule.id):
                # The most specific selector wins: `placeholder.xx` over `placeholder`.
                if best is None or len(selector) > best[0]:
                    best = (len(selector), sev)
        return best[1] if best else rule.severity


class CheckEngine:
    """Runs a fixed set of rule families with one selection; reusable across documents."""

    def __init__(self, families: Iterable[RuleFamily], selection: Selection | None = None) -> None:
        self.families = list(families)
        self.selection = selection or Selection()
        self._rules: dict[str, RuleInfo] = {}
        for family in self.families:
            for rule in family.rules():
                self._rules[rule.id] = rule
        self._active = frozenset(r for r in self._rules if self.selection.enabled(r))
        self._severity = {r.id: self.selection.severity_of(r) for r in self._rules.values()}

    def rules(self) -> list[RuleInfo]:
        """Every known rule, enabled or not, in family order."""
        return list(self._rules.values())

    def is_active(self, rule_id: str) -> bool:
        return rule_id in self._active

    def severity(self, rule_id: str) -> Severity:
        return self._severity[rule_id]

    def check(self, doc: Document) -> list[Finding]:
        """All findings in `doc`, sorted by position."""
        findings: list[Finding] = []
        text = doc.text
        # Families read the text with invisible characters folded away; hits come back to `text`.
        seen, folded = folded_view(doc)
        for family in self.families:
            active = self._active.intersection(r.id for r in family.rules())
            if not active:
                continue
            for hit in family.check(seen, active):
                if folded is not None:
                    place(hit, folded)
                line, column = doc.position(hit.start)
                line_start = hit.start - column + 1
                # Only the context is needed: a bounded search keeps a 10 MB single-line file linear.
                line_end = text.find("\n", hit.end, hit.end + CONTEXT_CHARS)
                if line_end == -1:
                    line_end = min(len(text), hit.end + CONTEXT_CHARS)
                findings.append(
                    Finding(
                        path=doc.path,
                        line=line,
                        column=column,
                        rule=hit.rule,
                        severity=lower_severity(self._severity[hit.rule], hit.severity),
                        text=text[hit.start : hit.end],
                        message=hit.message,
                        suggestion=hit.suggestion,
                        location=doc.location(line),
                        before=text[max(line_start, hit.start - CONTEXT_CHARS) : hit.start],
                        after=text[hit.end : min(line_end, hit.end + CONTEXT_CHARS)],
                    )
                )
        findings.sort(key=lambda f: (f.line, f.column))
        return findings
