"""Accidental repeats (发扬发扬, 要要, 的的) without touching the language's own reduplication
(常常, 天天, 认认真真, 研究研究, 时时处处, 家家户户) or two words that meet on one character
(支部|部署, 中石化|化工). Which characters never double, which verbs do reduplicate and a team's
own words are data (`rules/repetition.yaml`); what is a word is jieba's dictionary (lexicon.py).

A repeat is fixed by itself only when no reading of the words around it explains the doubling;
when a word meets a lone character (要|要求, 现在|在座) it is a warning with no fix."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Set
from typing import TYPE_CHECKING

from drafter.checks.lexicon import MAX_WORD
from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.checks.repeats import ACROSS, across_hits
from drafter.checks.ruledata import entry_str
from drafter.document import Document
from drafter.errors import DataFileError

if TYPE_CHECKING:
    from drafter.checks.registry import FamilyContext

SURE, UNSURE = "sure", "unsure"
DOUBLED = RuleInfo("repetition.doubled", Severity.WARNING, "误重复的字词（发扬发扬、要要、的的）", True)

_HAN = "\u4e00-\u9fff"
# One scan for any doubled run of 1–6 Hanzi; the filters below decide what is a typo. The
# lookahead only asks for the first character to come again within six (which any doubling
# needs) before the lazy repeat tries its six lengths: the same matches, a quarter less time.
_DOUBLE = re.compile(rf"(?=([{_HAN}])(?:[{_HAN}]{{0,5}}?)\1)(?P<unit>[{_HAN}]{{1,6}}?)(?P=unit)")
_HAN_CHAR = re.compile(rf"[{_HAN}]")


class RepetitionFamily:
    """Rule family `repetition`."""

    name = "repetition"

    def __init__(self, context: FamilyContext | None = None) -> None:
        from drafter.checks.registry import make_context

        data = (context or make_context()).rule_data("repetition", key="text")
        kinds: dict[str, set[str]] = {"never_doubled": set(), "bound": set(), "abab": set(), "word": set()}
        for entry in data.entries:
            text, kind = entry_str(data, entry, "text"), entry.get("kind")
            if kind not in kinds:
                raise DataFileError(data.where(entry), "'kind' 应是 never_doubled、bound、abab 或 word")
            kinds[kind].add(text or "")
        self.bound = kinds["bound"]
        self.never = kinds["never_doubled"] | self.bound
        self.abab = kinds["abab"]
        self.words = kinds["word"]
        self.across = set(data.strings("across"))  # judged across a mark only (要，要)
        # Two-character words that never stand twice across a mark (我们，我们将): pronouns,
        # conjunctions, adverbs — not verbs or nouns, which a speech repeats on purpose (顶真).
        self.across_words = frozenset(w for w in data.strings("across_words") if len(w) == 2)
        # Never doubled in place, but fine across a mark: 帮助我，我将…; 团结他，他也…
        self.across_exempt = set(data.strings("across_exempt"))
        # Characters that stand alone after a word ending in them (社会|会|更好): never a stray copy.
        self.alone = set(data.strings("alone"))
        # What may stand before a measure word alone (一|位, 各|位, 这|个): after anything else a
        # measure word that repeats the end of its word (单位|位|主要) stands for nothing.
        self.counters = set(data.strings("counters"))
        self._words: tuple[Container[str] | None, set[str]] | None = None

    def rules(self) -> list[RuleInfo]:
        return [DOUBLED, ACROSS]

    def _lexicon(self) -> tuple[Container[str] | None, set[str]]:
        if self._words is None:
            from drafter.checks.lexicon import words

            self._words = (words(), self.words)
        return self._words

    def _is_word(self, w: str) -> bool:
        lexicon, extra = self._lexicon()
        return w in extra or (lexicon is not None and w in lexicon)

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        if ACROSS.id in active:
            chars = (self.never | self.across) - self.across_exempt
            yield from across_hits(doc.text, chars, self._is_word, self.across_words)
        if DOUBLED.id in active:
            yield from self._doubled(doc)

    def _doubled(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        pos = 0
        n = len(text)
        while True:
            m = _DOUBLE.search(text, pos)
            if m is None:
                return
            unit = m.group("unit")
            start, end = m.span()
            pos = start + 1
            if len(unit) == 1 and end < n and text[end] == unit and unit in self.never:
                run_end = _tripled(text, unit, start, end, n)
                if run_end:
                    message = f"“{text[start:run_end]}”连写了三个“{unit}”，应为“{unit}”，请核对（不自动改正）"
                    yield Hit(DOUBLED.id, start, run_end, message, None)
                    pos = run_end
                    continue
            verdict = self._verdict(text, unit, start, end, n)
            if verdict == SURE and (_overlapped(text, start, end) or _seam_doubles(text, unit, start, end)):
                verdict = UNSURE  # 我们我们要我们要: two doublings share characters, which one to undo?
            if verdict == SURE:
                yield Hit(DOUBLED.id, start, end, f"“{m.group()}”重复了，应为“{unit}”", unit)
                pos = end
            elif verdict == UNSURE:
                yield Hit(
                    DOUBLED.id,
                    start,
                    end,
                    f"“{m.group()}”可能多写了一个“{unit}”，也可能是两个词相连，请核对（不自动改正）",
                    None,
                )
                pos = end

    def _verdict(self, text: str, unit: str, start: int, end: int, n: int) -> str | None:
        """SURE (a typo whatever the words around), UNSURE (a typo, or two words meeting on the
        doubled part: warn, do not fix), or None (the language's own reduplication)."""
        size = len(unit)
        mid = start + size
        if size == 1:
            if unit not in self.never:
                return self._stray(text, unit, start, end, n)
            # Part of an AABB run (是是非非, 上上下下…) or of a longer run of the same character.
            before = text[start - 2 : start] if start >= 2 else ""
            after = text[end : end + 2]
            # (Hanzi only: a doubled mark after it, 要要，，, is punctuation.doubled's, not AABB.)
            if (len(before) == 2 and before[0] == before[1] and "\u4e00" <= before[0] <= "\u9fff") or (
                len(after) == 2 and after[0] == after[1] and "\u4e00" <= after[0] <= "\u9fff"
            ):
                return None
            if (start > 0 and text[start - 1] == unit) or (end < n and text[end] == unit):
                return None
        elif size == 2:
            if unit in self.abab or unit[0] == unit[1] or unit[0] == "一":
                return None
            if _wordplay(text, unit, end):
                return None  # 干部干部，干字当头: the word said twice, then one of its characters glossed
        elif unit[0] == unit[1] or unit[0] == "一":
            # Three or more characters said twice: a pasted phrase, unless one by one (一个问题一个问题).
            return None
        if text.startswith(unit, end) or (start >= size and text.startswith(unit, start - size)):
            return UNSURE  # said three times or more: which copies to keep is not for a rule to say
        if self._inside_word(text, start, end):
            return None  # 谢谢, 渐渐, 历历在目, 息息相关: a word of the language
        # A bound character (们) cannot follow its word alone: 我们|们 is no reading.
        left = unit not in self.bound and self._word_ends_at(text, mid, start)
        right = self._word_starts_at(text, mid, end)
        if left and right:
            return None  # two words meeting on the doubled part: 支部|部署, 中石化|化工, 党组织|组织生活
        if size == 2 and left and start > 0 and self._is_word(text[start - 1 : mid]) and self._word_at(text, end):
            return None  # a noun ending on a verb, the verb, its object: 党组织|组织|党员
        if self._lexicon()[0] is None:
            return UNSURE  # no dictionary: never certain enough to change the text
        if size == 2 and not self._is_word(unit):
            return None  # 纪委|监委|监督, 构建|共建|共治: the repeat crosses words, it repeats none
        if left and size == 1:
            return None  # 实事求是|是, 目的|的: a word ends on the character the next one is
        compound = any(self._is_word(text[mid:b]) for b in range(mid + 4, min(n, mid + MAX_WORD) + 1))
        if right and size == 2 and not left and compound:
            return None  # a verb before a compound that opens with it: 组织|组织生活会, 工作|工作作风
        if right and size == 1 and self._preposition_before_idiom(text, unit, mid, n):
            return None  # 以|以权谋私为主要形式, 从|从严治党的高度: a preposition before a set phrase
        if left or right:
            return UNSURE  # 要|要求, 推进|推进会: a word meets a lone character or a longer word
        return SURE

    def _preposition_before_idiom(self, text: str, unit: str, mid: int, n: int) -> bool:
        """A preposition (以, 从, 对, 在: tag p) or a conjunction (和, 及: tag c) before a set phrase
        of four or more characters that opens with it (以权谋私, 从严治党, 平等互利和|和平共处): the
        phrase is its object or the next item, and saying the character once more is the grammar."""
        from drafter.checks.lexicon import char_tags

        if char_tags().get(unit) not in ("p", "c"):
            return False
        return any(self._is_word(text[mid:b]) for b in range(mid + 4, min(n, mid + MAX_WORD) + 1))

    def _stray(self, text: str, unit: str, start: int, end: int, n: int) -> str | None:
        """A character that may reduplicate (常常, 天天, 排排毒) doubled where no reading holds:
        one copy ends a word and the other is left alone — at the end of a clause (踔厉奋发发，),
        or before a word when the character cannot stand alone (班子子成员: 子 is a bound
        morpheme). A warning, never a fix. A lone copy before a word (请同同志们, 排排毒) is
        left alone: 同 and 排 stand as words, and the AAB verb form (红红脸、出出汗) is the
        language's own. Characters that often stand alone after a word ending in them
        (社会|会更好) are data (`alone`), as are measure words (一份份, 一个个: tag q)."""
        if self._lexicon()[0] is None:
            return None
        if unit in self.alone:
            # (`across` characters are judged doubled in place only as never_doubled: a team
            # that retires 要 from that list means 要要 to pass.)
            return None if unit in self.across else self._both_alone(text, unit, start, end, n)
        before = text[start - 1] if start else ""
        after = text[end] if end < n else ""
        aabb = (start >= 2 and text[start - 2] == before) or (after and text[end : end + 2] == after * 2)
        if before == unit or after == unit or aabb:
            return None  # a longer run or AABB (是是非非, 上上下下)
        mid = start + 1
        if self._bound_in_longer_word(text, start, mid, end):
            return UNSURE  # 进一步|步|推动: 步步 would leave 进一, which is no word
        if self._inside_word(text, start, end):
            return None  # 谢谢, 渐渐, 历历在目
        if not self._word_ends_at(text, mid, start) or self._word_starts_at(text, mid, end):
            return None  # no word ends on the first copy, or the second begins one (学生|生活)
        from drafter.checks.lexicon import char_tags

        tag = char_tags().get(unit, "")
        if tag.startswith("q") or tag.startswith("m"):
            return None  # a measure word or numeral said twice: 一份份, 一个个
        if not _HAN_CHAR.match(after or " "):
            return UNSURE  # 奋发|发，: the second copy ends the clause alone
        if tag.endswith("g") or tag == "k":
            return UNSURE  # 班子|子|成员: a bound morpheme left standing alone
        return None

    def _both_alone(self, text: str, unit: str, start: int, end: int, n: int) -> str | None:
        """A character that often stands alone after a word ending in it (想到|到时候, 会上|上级)
        doubled where neither copy belongs to a word (落实到到每一个, 提高到到): no reading
        holds, so a warning. Between Hanzi only; measure words and numerals (一个个) are left to
        the dictionary's tags, and any word on either side (说到|到底, 开会|会见) excuses it."""
        before = text[start - 1] if start else ""
        after = text[end] if end < n else ""
        if not (_HAN_CHAR.match(before or " ") and _HAN_CHAR.match(after or " ")):
            return None
        if before == unit or after == unit or (start >= 2 and text[start - 2] == before):
            return None  # a longer run or AABB (上上下下)
        if text[end : end + 2] == after * 2:
            return None  # a longer run or AABB (上上下下, 来来往往)
        mid = start + 1
        if self._inside_word(text, start, end):
            return None
        from drafter.checks.lexicon import char_tags

        tag = char_tags().get(unit, "")
        if (
            tag.startswith("q")
            and before not in self.counters
            and self._word_ends_at(text, mid, start)
            and not self._word_starts_at(text, mid, end)
            and not self._word_starts_at(text, start, end)
        ):
            return UNSURE  # 单位|位|主要: a measure word with nothing to count
        # A word ending on the first copy excuses it, unless its first character is taken by a
        # word before it (落实|到到: 实到 is a word, but 落实 has its 实).
        for a in range(max(0, mid - MAX_WORD), start):
            if self._is_word(text[a:mid]) and not (a > 0 and self._is_word(text[a - 1 : a + 1])):
                return None
        if self._word_starts_at(text, mid, end) or self._word_starts_at(text, start, end):
            return None
        if tag.startswith(("q", "m")):
            return None
        return UNSURE

    def _bound_in_longer_word(self, text: str, start: int, mid: int, end: int) -> bool:
        """The first copy ends a word of three characters whose head is no word (进一步: 进一), a
        word follows the doubling (推动), and the doubling (步步) opens no longer word: reading the
        copies as the word 步步 would leave that head standing alone, so one copy is a stray."""
        if start < 2 or not self._is_word(text[start:end]) or not self._is_word(text[start - 2 : mid]):
            return False
        if self._is_word(text[start - 2 : start]) or not self._word_at(text, end):
            return False  # 同步|步骤 reads as two words; 小学教师|师德 needs a word after
        if any(self._is_word(text[b:start]) for b in range(max(0, start - MAX_WORD), start - 1)):
            return False  # a word ends right before the doubling: 一|步步 may be its reading
        # (高水平|平安, 社会科学|学科: the second copy opens a word.)
        return not self._word_starts_at(text, start, end) and not self._word_starts_at(text, mid, end)

    def _word_at(self, text: str, at: int) -> bool:
        """A word of two or more characters starts at `at`."""
        return any(self._is_word(text[at:b]) for b in range(at + 2, min(len(text), at + MAX_WORD) + 1))

    def _inside_word(self, text: str, start: int, end: int) -> bool:
        """A dictionary word covering the whole doubled span (longer ones: idioms)."""
        span = end - start
        for length in range(span, MAX_WORD + 1):
            for a in range(max(0, end - length), start + 1):
                if self._is_word(text[a : a + length]):
                    return True
        return False

    def _word_ends_at(self, text: str, mid: int, start: int) -> bool:
        """A word of two or more characters ending at `mid` that begins before the doubling."""
        return any(self._is_word(text[a:mid]) for a in range(max(0, mid - MAX_WORD), start))

    def _word_starts_at(self, text: str, mid: int, end: int) -> bool:
        """A word of two or more characters starting at `mid` that runs past the doubling."""
        return any(self._is_word(text[mid:b]) for b in range(end + 1, min(len(text), mid + MAX_WORD) + 1))


def _tripled(text: str, unit: str, start: int, end: int, n: int) -> int:
    """The end of a character that never doubles written three times running into the sentence
    (要要要抓落实, also with an invisible character among them, which the engine folds away),
    or 0. Four or more, or three standing alone before a mark (对对对，), are left alone: a
    spoken interjection, a pattern, not a slip of the keyboard."""
    if start > 0 and text[start - 1] == unit:
        return 0
    run_end = end + 1
    if run_end < n and text[run_end] == unit:
        return 0
    return run_end if run_end < n and _HAN_CHAR.match(text[run_end]) else 0


def _overlapped(text: str, start: int, end: int) -> bool:
    """Another doubling shares characters with this one."""
    for p in range(max(0, start - 12), start):
        m = _DOUBLE.match(text, p)
        if m is not None and m.end() > start:
            return True
    nxt = _DOUBLE.search(text, start + 1, end + 12)
    return nxt is not None and nxt.start() < end


def _seam_doubles(text: str, unit: str, start: int, end: int) -> bool:
    """Undoing the doubling would make a new one where the kept copy meets its neighbours
    (我们要我们我们要 → 我们要我们要): then the text is not simply a slip of one extra copy."""
    lo = max(0, start - 12)
    fixed = text[lo:start] + unit + text[end : end + 12]
    seam_start, seam_end = start - lo, start - lo + len(unit)
    for p in range(seam_end):
        m = _DOUBLE.match(fixed, p)
        if m is not None and m.end() > seam_start:
            return True
    return False


def _wordplay(text: str, unit: str, end: int) -> bool:
    """A word said twice and, after a comma, one of its characters named with 字 (干部干部，干字当头;
    青年青年，青字当先): the speaker's play on the word, a saying of its own, not a slip."""
    if not text.startswith("，", end):
        return False
    clause = text[end + 1 : end + 6]
    return any(f"{ch}字" in clause for ch in unit)

