"""Wrong words (别字): misspelt idioms and confusable words, from `rules/wording.yaml`.

Every pair names its right form in data and, where the letters alone do not decide, the context
that does (截止 before a date is 截至; 按排名 is not 安排). One character-class scan finds every
listed form (each anchored on its rarest character), then each occurrence is judged by its
entry's context, so hundreds of pairs cost about what one does. A form that is always wrong is
fixed by `--fix`; one that depends on its context is a finding with a suggestion only.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.checks.idioms import IDIOM, IdiomIndex, idiom_hits
from drafter.checks.idioms import build_index as build_idiom_index
from drafter.checks.literals import RareCharIndex
from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.checks.ruledata import RuleData, entry_str, entry_strings
from drafter.document import Document
from drafter.errors import DataFileError

if TYPE_CHECKING:
    from drafter.checks.registry import FamilyContext

TYPO = RuleInfo("wording.typo", Severity.ERROR, "别字：成语或词语写错（再接再励、按步就班、布署）", True)
USAGE = RuleInfo("wording.usage", Severity.WARNING, "用字要看前后文（截止/截至、做为/作为、做出/作出）", False)

_WINDOW = 24  # characters of context an entry's before/after expression may look at


@dataclass(frozen=True)
class _Pair:
    wrong: str
    right: str
    note: str
    exceptions: tuple[str, ...]
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    not_after: re.Pattern[str] | None
    since: int | None = None  # the year the norm took this form: an older text wrote it otherwise

    @property
    def rule(self) -> str:
        return USAGE.id if self.before or self.after else TYPO.id


def _regex(data: RuleData, entry: dict, key: str, *, at_end: bool) -> re.Pattern[str] | None:
    source = entry_str(data, entry, key, required=False)
    if source is None:
        return None
    try:
        return re.compile(f"(?:{source})$" if at_end else f"(?:{source})")
    except re.error as exc:
        raise DataFileError(data.where(entry), f"'{key}' 不是有效的正则表达式：{exc}") from None


class WordingFamily:
    """Rule family `wording`."""

    name = "wording"

    def __init__(self, context: FamilyContext | None = None) -> None:
        from drafter.checks.registry import make_context

        self._context = context or make_context()
        self._index: RareCharIndex | None = None
        self._idioms: IdiomIndex | None = None
        self._years = None  # a CurrencyFamily, for a text's own year (pairs with `since` only)
        self._lock = threading.Lock()  # the editor checks from worker threads

    def rules(self) -> list[RuleInfo]:
        return [TYPO, USAGE, IDIOM]

    def _prepare(self) -> RareCharIndex:
        if self._index is not None:
            return self._index
        data = self._context.rule_data("wording", key="wrong")
        pairs: dict[str, _Pair] = {}
        for entry in data.entries:
            wrong = entry_str(data, entry, "wrong")
            right = entry_str(data, entry, "right")
            assert wrong is not None and right is not None
            if wrong == right:
                raise DataFileError(data.where(entry), "'wrong' 与 'right' 相同")
            pairs[wrong] = _Pair(
                wrong,
                right,
                entry_str(data, entry, "note", required=False) or "",
                tuple(entry_strings(data, entry, "except")),
                _regex(data, entry, "before", at_end=True),
                _regex(data, entry, "after", at_end=False),
                _regex(data, entry, "not_before", at_end=True),
                _regex(data, entry, "not_after", at_end=False),
                _since(data, entry),
            )
        self._pairs = pairs
        self._index = RareCharIndex(pairs, lambda: _char_frequency(self._context))
        return self._index

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        index = self._prepare()
        text = doc.text
        taken = -1  # end of the last reported form: overlapping forms are one slip
        spans: list[tuple[int, int]] = []
        year: list[int | None] = []  # the text's own year, read on the first dated pair met
        for start, end, wrong in sorted(index.finditer(text), key=lambda t: (t[0], -t[1])):
            if start < taken:
                continue
            pair = self._pairs[wrong]
            if pair.rule not in active or not _applies(pair, text, start, end):
                continue
            if pair.since is not None:
                if not year:
                    year.append(self._own_year(doc))
                if year[0] is not None and year[0] < pair.since:
                    continue  # 个人帐户 in a 1997 report: the norm of its own year
            taken = end
            spans.append((start, end))
            note = f"（{pair.note}）" if pair.note else ""
            yield Hit(pair.rule, start, end, f"“{wrong}”应为“{pair.right}”{note}", pair.right)
        if IDIOM.id in active:  # one-character slips in idioms no list foresaw (checks/idioms.py)
            yield from idiom_hits(self._idiom_index, text, spans)

    def _own_year(self, doc: Document) -> int | None:
        """The year the text states (date line, title, 题注, setting), or None: a text that states
        none is judged by today's norm, as a draft being written is."""
        with self._lock:
            if self._years is None:
                from drafter.checks.currency import CurrencyFamily

                self._years = CurrencyFamily(self._context)
        when = self._years.draft_year(doc)
        return None if when.source == "今天" else when.year

    def _idiom_index(self) -> IdiomIndex:
        """The idiom index of this family's context, built on first use: reading and sorting its
        data took 16 ms, paid again for every file of a folder and every part of a big text."""
        if self._idioms is None:
            self._idioms = build_idiom_index(self._context)
        return self._idioms


def _since(data: RuleData, entry: dict) -> int | None:
    since = entry.get("since")
    if since is None:
        return None
    if not isinstance(since, int) or isinstance(since, bool) or not 1900 <= since <= 2100:
        raise DataFileError(data.where(entry), f"'{entry.get('wrong')}' 的 since 应是年份，如 2005")
    return since


def _char_frequency(context: FamilyContext) -> dict[str, int]:
    """How often each character occurs in the phrase bank: the scan anchors each form on its
    rarest character (speed only; an empty bank gives the same findings, slower)."""
    counts: dict[str, int] = {}
    for entry in context.bank_entries():
        for ch in getattr(entry, "text", ""):
            counts[ch] = counts.get(ch, 0) + 1
    return counts


def _applies(pair: _Pair, text: str, start: int, end: int) -> bool:
    if pair.exceptions and any(_inside(text, start, end, e) for e in pair.exceptions):
        return False
    if pair.before or pair.not_before:
        lo = max(0, start - _WINDOW)
        nl = text.rfind("\n", lo, start)
        before = text[(nl + 1 if nl != -1 else lo) : start]
        if pair.before and not pair.before.search(before):
            return False
        if pair.not_before and pair.not_before.search(before):
            return False
    if pair.after or pair.not_after:
        nl = text.find("\n", end, end + _WINDOW)
        after = text[end : nl if nl != -1 else end + _WINDOW]
        if pair.after and not pair.after.match(after):
            return False
        if pair.not_after and pair.not_after.match(after):
            return False
    return True


def _inside(text: str, start: int, end: int, longer: str) -> bool:
    """Whether this occurrence lies within an occurrence of `longer` (an exception)."""
    lo = max(0, end - len(longer))
    pos = text.find(longer, lo, start + len(longer))
    while pos != -1 and pos <= start:
        if pos + len(longer) >= end:
            return True
        pos = text.find(longer, pos + 1, start + len(longer))
    return False
