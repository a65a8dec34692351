"""Running rule families over a document and turning their hits into findings.

The engine owns selection (--only/--disable, config), severities and positions, so that a rule
family only has to say which span is wrong and why.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from drafter.checks.model import Finding, Hit, RuleFamily, RuleInfo, Severity, lower_severity
from drafter.checks.seethrough import folded_view, place
from drafter.document import Document
from drafter.textfold import Folded

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
        self._family_of = {rule.id: i for i, family in enumerate(self.families) for rule in family.rules()}

    def rules(self) -> list[RuleInfo]:
        """Every known rule, enabled or not, in family order."""
        return list(self._rules.values())

    def is_active(self, rule_id: str) -> bool:
        return rule_id in self._active

    def severity(self, rule_id: str) -> Severity:
        return self._severity[rule_id]

    def check(self, doc: Document) -> list[Finding]:
        """All findings in `doc`, sorted by position (the families' order where two share one)."""
        return self.place(doc, self.hits(doc))

    def family_index(self, rule_id: str) -> int:
        """The place in `families` of the family that reports `rule_id`: with the offset, the key
        findings are ordered by (drafter/checks/chunked.py merges the parts of a big file by it)."""
        return self._family_of[rule_id]

    def runs(self, index: int) -> bool:
        """Whether any rule of the family at `index` is selected."""
        return not self._active.isdisjoint(r.id for r in self.families[index].rules())

    def hits(
        self,
        doc: Document,
        families: Sequence[int] | None = None,
        *,
        view: tuple[Document, Folded | None] | None = None,
    ) -> list[Hit]:
        """The hits of the families at these indexes (default: all) on the writer's own text,
        sorted by offset (stable: the families' order where two share one). `view`: the folded
        document and its map, when the caller has made them (seethrough.folded_view)."""
        hits: list[Hit] = []
        # Families read the text with invisible characters folded away; hits come back to `text`.
        seen, folded = view if view is not None else folded_view(doc)
        chosen = self.families if families is None else [self.families[i] for i in families]
        for family in chosen:
            active = self._active.intersection(r.id for r in family.rules())
            if active:
                hits.extend(family.check(seen, active))
        if any(hit.defer_to for hit in hits):
            hits = _without_deferred(hits)
        if folded is not None:
            for hit in hits:
                place(hit, folded)
        # Sorting the hits by offset (stable) is sorting the findings by line and column; done
        # before the findings exist, the key is an int, not a tuple built per finding.
        hits.sort(key=_hit_start)
        return hits

    def place(self, doc: Document, hits: list[Hit], first_line: int = 0) -> list[Finding]:
        """Findings for sorted hits of `doc`; `first_line` lines come before `doc` in its file
        (a part of a big file checked on its own reports the file's own line numbers)."""
        return self._place(doc, doc.text, hits, first_line)

    def _place(self, doc: Document, text: str, hits: list[Hit], first_line: int = 0) -> list[Finding]:
        """Findings for sorted hits: line, column, severity and context. A placeholder-only run
        of a 10 MB draft makes tens of thousands, so the loop keeps to local names."""
        starts = doc.line_starts
        locations = doc.locations
        n_locations = len(locations) if locations is not None else 0
        cells = doc.cells
        n_cells = len(cells) if cells is not None else 0
        severity = self._severity
        path = doc.path
        size = len(text)
        find = text.find
        ctx = CONTEXT_CHARS
        out: list[Finding] = []
        append = out.append
        for hit in hits:
            h_start, h_end = hit.start, hit.end
            index = bisect_right(starts, h_start) - 1
            line_start = starts[index]
            # Only the context is needed: a bounded search keeps a 10 MB single-line file linear.
            line_end = find("\n", h_end, h_end + ctx)
            if line_end == -1:
                line_end = min(size, h_end + ctx)
            append(
                Finding(
                    path,
                    first_line + index + 1,
                    h_start - line_start + 1,
                    hit.rule,
                    severity[hit.rule] if hit.severity is None else lower_severity(severity[hit.rule], hit.severity),
                    text[h_start:h_end],
                    hit.message,
                    hit.suggestion,
                    locations[index] if index < n_locations else "",  # type: ignore[index]
                    text[max(line_start, h_start - ctx) : h_start],
                    text[h_end : min(line_end, h_end + ctx)],
                    cells[index] if index < n_cells else "",  # type: ignore[index]
                )
            )
        return out


def _hit_start(hit: Hit) -> int:
    return hit.start


def _without_deferred(hits: list[Hit]) -> list[Hit]:
    """`hits` less those that defer to another category's finding over the same characters:
    one slip, one finding, across families."""
    by_category: dict[str, list[tuple[int, int]]] = {}
    for hit in hits:
        by_category.setdefault(hit.rule.split(".", 1)[0], []).append((hit.start, hit.end))
    # Per category: starts sorted, and the furthest end reached so far (one bisection a hit).
    index: dict[str, tuple[list[int], list[int]]] = {}
    for category, spans in by_category.items():
        spans.sort()
        reach: list[int] = []
        for _, e in spans:
            reach.append(max(e, reach[-1]) if reach else e)
        index[category] = ([s for s, _ in spans], reach)

    def covered(hit: Hit, category: str) -> bool:
        starts, reach = index.get(category, ([], []))
        i = bisect_left(starts, hit.end)
        return bool(i) and reach[i - 1] > hit.start

    return [hit for hit in hits if not (hit.defer_to and covered(hit, hit.defer_to))]
