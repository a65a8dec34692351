"""Unfilled blanks: `**`, XX, ××, 某某, ○○, □□, ___, {{ }}, 【请填写…】 and a team's own forms.

All built-in forms are compiled into one alternation so the text is scanned once, whatever the
number of forms; the patterns themselves live in drafter/rules/placeholder.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.checks.ruledata import RuleData, entry_pattern, load_rule_data
from drafter.document import Document
from drafter.errors import DataFileError
from drafter.layers import BUILTIN, Layer
from drafter.resources import rules_dir

if TYPE_CHECKING:
    from drafter.checks.registry import FamilyContext

# In Markdown, `**text**` is bold markup, not two blanks (see README): the pair's delimiters are
# skipped when they enclose 1–50 characters on one line with no space just inside and no `*`.
_MD_BOLD = re.compile(r"(?<![*\\])\*\*(?=[^\s*])[^*\n]{0,50}?(?<=[^\s*])\*\*(?!\*)")
_MD_DELIMITER = re.compile(r"(?<!\*)\*\*(?!\*)")
# Markdown thematic breaks (*** or ___ alone on a line) are not blanks either.
_MD_RULE = re.compile(r"^[ \t]*(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.MULTILINE)


@dataclass(frozen=True)
class _Form:
    info: RuleInfo
    pattern: str
    message: str
    first: str | None = None  # the characters a match can begin with


def load_forms(data: RuleData) -> list[_Form]:
    """The forms of a merged `placeholder.yaml` (built-in and the teams' rule folders)."""
    forms = []
    for item in data.entries:
        try:
            rule_id = item["id"]
            if not rule_id.startswith("placeholder."):
                rule_id = "placeholder." + rule_id
            info = RuleInfo(rule_id, Severity(item.get("severity", "error")), item.get("title", rule_id))
            entry_pattern(data, item)
            first = item.get("first")
            if first is not None and (not isinstance(first, str) or not first):
                raise ValueError("'first' 应是非空字符串")
            message = item.get("message", "未填写的占位符“{text}”：本单位约定的待填标记")
            forms.append(_Form(info, item["pattern"], message, first))
        except (KeyError, ValueError, TypeError, re.error) as exc:
            raise DataFileError(data.where(item), f"占位规则有误：{exc}") from None
    return forms


def load_builtin_forms() -> list[_Form]:
    """The built-in forms alone (no user or team layer)."""
    return load_forms(load_rule_data("placeholder", [Layer(BUILTIN, rules_dir())]))


class PlaceholderFamily:
    """Rule family `placeholder`: one rule id per form of blank. Forms come from the layered
    `placeholder.yaml` (a team's own forms may live in its rules folder) and from the
    configuration's [[placeholder]] tables."""

    name = "placeholder"

    def __init__(self, context: FamilyContext | None = None) -> None:
        from drafter.checks.registry import make_context

        context = context or make_context()
        data = context.rule_data("placeholder")
        forms = load_forms(data)
        # Words that, right after an opening `**`, show a name was left out (**同志主持): then the
        # paragraph's star pairs are blanks, not Markdown bold.
        self._names_after = tuple(data.strings("names_after"))
        # Forms that say where they can begin share one fast scan; the others run on their own.
        self._forms = [f for f in forms if f.first]
        self._extra: list[tuple[_Form, re.Pattern[str]]] = [(f, re.compile(f.pattern)) for f in forms if not f.first]
        for p in context.config.placeholders:
            form = _Form(RuleInfo(p.id, Severity(p.severity), p.title), p.pattern, p.message)
            self._extra.append((form, re.compile(p.pattern)))
        self._by_group = {f"g{i}": form for i, form in enumerate(self._forms)}
        self._combined: dict[frozenset[str], tuple[re.Pattern[str], re.Pattern[str] | None] | None] = {}

    def rules(self) -> list[RuleInfo]:
        known = {f.info.id: f.info for f in self._forms}
        for form, _ in self._extra:
            known[form.info.id] = form.info
        return list(known.values())

    def _patterns_for(self, active: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None] | None:
        """The combined pattern of the active forms, and a one-character-class `trigger` that
        finds where a match can begin. Python's regex engine searches a lone character class
        at memory speed but an alternation position by position, so jumping from trigger to
        trigger and matching there is several times faster on long texts."""
        if active not in self._combined:
            chosen = [(g, f) for g, f in self._by_group.items() if f.info.id in active]
            if not chosen:
                self._combined[active] = None
            else:
                combined = re.compile("|".join(f"(?P<{g}>{f.pattern})" for g, f in chosen))
                trigger = None
                if all(f.first for _, f in chosen):
                    chars = sorted({c for _, f in chosen for c in f.first or ""})
                    trigger = re.compile("[" + "".join(re.escape(c) for c in chars) + "]")
                self._combined[active] = (combined, trigger)
        return self._combined[active]

    def _scan(self, text: str, active: frozenset[str]) -> Iterator[re.Match[str]]:
        patterns = self._patterns_for(active)
        if patterns is None:
            return
        combined, trigger = patterns
        if trigger is None:
            yield from combined.finditer(text)
            return
        search, match = trigger.search, combined.match
        pos = 0
        while (candidate := search(text, pos)) is not None:
            start = candidate.start()
            m = match(text, start)
            if m is not None:
                yield m
                pos = m.end() if m.end() > start else start + 1
            else:
                pos = start + 1

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        active = frozenset(active)
        # The engine has already folded invisible characters away and lookalike stars into `*`
        # (drafter/checks/seethrough.py): `*`, U+200B, `*` arrives here as `**`.
        text = doc.text
        skip: set[tuple[int, int]] = set()
        if doc.format == "markdown":
            skip = _markdown_markup(text, self._names_after)
        hits: list[Hit] = []
        by_group = self._by_group
        messages: dict[tuple[str, str], str] = {}  # most blanks are the same `**`
        for m in self._scan(text, active):
            span = m.span()
            if skip and span in skip:
                continue
            if span[1] - span[0] == 2 and text[span[0]] == "_" and _paired_underscores(text, span[0]):
                continue  # __重点__: emphasis marks (Markdown, or text pasted from it), not a blank
            group = m.lastgroup or ""
            blank = m.group()
            message = messages.get((group, blank))
            if message is None:
                form = by_group[group]
                message = messages[(group, blank)] = form.message.format(text=blank)
            hits.append(Hit(by_group[group].info.id, span[0], span[1], message))
        if self._extra:
            hits = self._with_extra(text, active, hits, skip)
        yield from hits

    def _with_extra(self, text: str, active: frozenset[str], hits: list[Hit], skip: set[tuple[int, int]]) -> list[Hit]:
        """Add the team's forms; where a team form and a built-in one overlap, keep the first
        (and, at the same start, the longer) so a blank is never reported twice."""
        for form, regex in self._extra:
            if form.info.id not in active:
                continue
            for m in regex.finditer(text):
                if m.end() > m.start() and not (skip and m.span() in skip):
                    hits.append(Hit(form.info.id, m.start(), m.end(), form.message.format(text=m.group())))
        hits.sort(key=lambda h: (h.start, -h.end))
        kept: list[Hit] = []
        reach = -1
        for hit in hits:
            if hit.start >= reach:
                kept.append(hit)
                reach = hit.end
        return kept


# A measure word right after `**` means a number was left out (活动**次，覆盖**家企业), not bold.
_MEASURE = set("次家个人项名万亿元位件场所户台套天批期届倍处条")


def _blanks_not_bold(text: str, start: int, names_after: tuple[str, ...] = ()) -> bool:
    """Two blanks that only look like a bold pair: a measure word follows the opening `**` right
    after a Hanzi (活动**次，覆盖**家企业: a number was left out, twice), or a title or 同志
    follows it (由**同志主持，**同志作报告: a name was left out)."""
    prev = text[start - 1] if start else ""
    if "\u4e00" <= prev <= "\u9fff" and text[start + 2] in _MEASURE:
        return True
    return bool(names_after) and text.startswith(names_after, start + 2)


def _paired_underscores(text: str, pos: int) -> bool:
    """The line holding the `__` at `pos` holds another `__`: a pair of emphasis marks."""
    start = _line_of(text, pos)
    end = text.find("\n", pos)
    return text.count("__", start, end if end != -1 else len(text)) > 1


def _line_of(text: str, pos: int) -> int:
    """The offset where the line holding `pos` begins (a paragraph's identity)."""
    return text.rfind("\n", 0, pos) + 1


def _markdown_markup(text: str, names_after: tuple[str, ...] = ()) -> set[tuple[int, int]]:
    """Spans of Markdown syntax that look like blanks: bold delimiters and thematic breaks."""
    spans: set[tuple[int, int]] = set()
    if "**" in text:
        pairs = list(_MD_BOLD.finditer(text))
        # A paragraph with one such pair is a 范文 with blanks: its other pairs are blanks too.
        blank_lines = {_line_of(text, m.start()) for m in pairs if _blanks_not_bold(text, m.start(), names_after)}
        # Bold delimiters come in pairs: a paragraph with an odd number of five or more `**` is a
        # masked 范文 pasted into Markdown (the seed's paragraphs hold up to 15), so all its pairs are
        # blanks. Three may well be one bold word and one blank (**重要**：完成**个项目).
        for line_start in {_line_of(text, m.start()) for m in pairs} - blank_lines:
            line_end = text.find("\n", line_start)
            line = text[line_start : line_end if line_end != -1 else len(text)]
            count = len(_MD_DELIMITER.findall(line))
            if count >= 5 and count % 2:
                blank_lines.add(line_start)
        for m in pairs:
            if blank_lines and _line_of(text, m.start()) in blank_lines:
                continue
            spans.add((m.start(), m.start() + 2))
            spans.add((m.end() - 2, m.end()))
    for m in _MD_RULE.finditer(text):
        line = m.group()
        stripped = line.strip()
        offset = m.start() + line.index(stripped[0])
        spans.add((offset, offset + len(stripped)))
    return spans


# The exporters read a Markdown draft's bold the way this family does (drafter/readers/markdown.py).
markdown_markup = _markdown_markup
