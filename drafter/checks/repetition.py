"""Accidental repeats (发扬发扬, 要要, 的的) without touching the language's own reduplication
(常常, 天天, 认认真真, 研究研究, 时时处处, 家家户户). Which characters never double and which
verbs do reduplicate is data (`rules/repetition.yaml`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from typing import TYPE_CHECKING

from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.checks.ruledata import entry_str
from drafter.document import Document
from drafter.errors import DataFileError

if TYPE_CHECKING:
    from drafter.checks.registry import FamilyContext

DOUBLED = RuleInfo("repetition.doubled", Severity.WARNING, "误重复的字词（发扬发扬、要要、的的）", True)

_HAN = "\u4e00-\u9fff"
# One scan for any doubled run of 1–6 Hanzi; the filters below decide what is a typo.
_DOUBLE = re.compile(rf"([{_HAN}]{{1,6}}?)\1")


class RepetitionFamily:
    """Rule family `repetition`."""

    name = "repetition"

    def __init__(self, context: FamilyContext | None = None) -> None:
        from drafter.checks.registry import make_context

        data = (context or make_context()).rule_data("repetition", key="text")
        kinds: dict[str, set[str]] = {"never_doubled": set(), "abab": set(), "word": set()}
        for entry in data.entries:
            text, kind = entry_str(data, entry, "text"), entry.get("kind")
            if kind not in kinds:
                raise DataFileError(data.where(entry), "'kind' 应是 never_doubled、abab 或 word")
            kinds[kind].add(text or "")
        self.never = kinds["never_doubled"]
        self.abab = kinds["abab"]
        self.words = kinds["word"]

    def rules(self) -> list[RuleInfo]:
        return [DOUBLED]

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        text = doc.text
        pos = 0
        n = len(text)
        while True:
            m = _DOUBLE.search(text, pos)
            if m is None:
                return
            unit = m.group(1)
            start, end = m.span()
            pos = start + 1
            if self._is_typo(text, unit, start, end, n):
                yield Hit(DOUBLED.id, start, end, f"“{m.group()}”重复了，应为“{unit}”", unit)
                pos = end

    def _is_typo(self, text: str, unit: str, start: int, end: int, n: int) -> bool:
        size = len(unit)
        if size == 1:
            if unit not in self.never:
                return False
            # Part of an AABB run (是是非非, 上上下下…) or of a longer run of the same character.
            before = text[start - 2 : start] if start >= 2 else ""
            after = text[end : end + 2]
            if (len(before) == 2 and before[0] == before[1]) or (len(after) == 2 and after[0] == after[1]):
                return False
            return not (start > 0 and text[start - 1] == unit) and not (end < n and text[end] == unit)
        if size == 2:
            if unit in self.abab or unit[0] == unit[1] or unit[0] == "一":
                return False
            return True
        # Three or more characters said twice: a pasted phrase, unless it is 一个问题一个问题 (one by one).
        return unit[0] != unit[1] and unit[0] != "一"
