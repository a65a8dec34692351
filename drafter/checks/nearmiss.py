"""Near misses of fixed formulations: a term written with one character wrong, one dropped or one
added (习近平新时代中国特设社会主义思想, 四个自性, 党风廉正建设, 攻坚战持续战).

The terms are data: every formulation of the phrase bank (its text, its items, its quoted name)
and the core terms and document titles of `rules/nearmiss.yaml`, so a team's formulations get the
check too. Each term is indexed once by its two halves: a single edit leaves one half intact, so one
Aho–Corasick pass finds every place worth a look, and only there is the window compared with the
term (rapidfuzz's Levenshtein distance). What makes a one-edit difference a slip rather than another
word: a homophone (pypinyin, with the usual fuzzy pairs zh/z, in/ing…) anywhere in a term of four
or more characters; any other substitution, a dropped or an added character only inside a term of
six or more (not at its ends, where 全面从严治党 becomes the real 全面从严治军, nor where the last
word of a term shorter than twelve becomes another real word: 世界一流产业 is not 世界一流企业),
never a number for a number (第十四个五年规划 is a different plan), never one conjunction for
another the data calls interchangeable (统筹发展与安全). A window that is the exact term, another term
or a listed real term (`real: true` entries: 从严管党, 文化自觉) is never flagged. A finding, never
an automatic fix: the right form is the term, but whether the writer meant it is theirs to say.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.checks.literals import LiteralIndex
from drafter.checks.ruledata import entry_str

if TYPE_CHECKING:
    from drafter.checks.registry import FamilyContext

_HAN = re.compile(r"[\u4e00-\u9fff]")
_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_PURE_HAN = re.compile(r"[\u4e00-\u9fff]+")
_NUMERALS = set("〇零一二三四五六七八九十百千万两0123456789")
_NUMERALS_NOT_ONE = _NUMERALS - {"一"}  # 一 is in too many words (统一, 一流) to mark a number
_SEPARATORS = "、，,；;：:。“”‘’《》（）() "
MIN_LEN = 4  # shorter terms (三严三实's 严以… are 4) are too close to ordinary words
MIN_LEN_RUN = 5  # a run of Hanzi inside a longer term is a term of its own from this length
MIN_LEN_ANY_EDIT = 6  # a non-homophone substitution is a slip only inside a term this long
MIN_LEN_WORD_SWAP = 12  # a replaced two-character word only inside a term this long
MIN_LEN_INDEL = 10  # a dropped or added character only inside a term this long (进入了新时代 is fine)
# A shorter term's last word is an open slot (加快建设世界一流 + 企业, 大学, 产业创新发展区): another
# word there names another thing. In a longer quotation every word is fixed (……集中统一指导 for 领导).
MIN_LEN_FIXED_HEAD = 12
MIN_LEN_END_EDIT = 9  # the last character replaced, before a mark, only in a term this long (总基调 → 总基础)
MIN_LEN_LONG_TERM = 14  # a sentence-long term without marks: a word of it replaced is a slip too
MIN_LEN_MOVED = 10  # words that changed places (进一步全面 → 全面进一步) only inside a term this long
# Dropped or added, they rarely make a slip (把/将 recast a clause: 坚决把维护……落到实处).
_FUNCTION_CHARS = set("的了和与及之地得着过等并也都新把将")


@dataclass(frozen=True)
class NearHit:
    start: int
    end: int
    wrong: str
    right: str
    term: str
    missing: str | None = None  # the item left out, when a whole item is missing
    replaced: bool = False  # a whole item of a fixed list replaced by another element


_ELEMENT = re.compile(r"[\u4e00-\u9fff]{2,8}")
_ELEMENT_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,8}$")


def _list_items(term: str) -> list[str]:
    """The items of a fixed list of three or more items of three or more characters separated
    by 、 only (控制总量、优化结构、提高质量、发挥作用); [] for any other term."""
    items = term.split("、")
    if len(items) < 3 or any(len(i) < 3 or re.search(r"[，；。“”《》]", i) for i in items):
        return []
    return items


def shortened_lists(term: str) -> dict[str, str]:
    """For a list of three or more items of three or more characters, separated by 、 only
    (控制总量、优化结构、提高质量、发挥作用), each form with one item left out → that item."""
    items = term.split("、")
    if len(items) < 3 or any(len(i) < 3 for i in items):
        return {}
    if any(re.search(r"[，；。“”《》]", i) for i in items):
        return {}
    return {"、".join(items[:k] + items[k + 1 :]): items[k] for k in range(len(items))}


_OPEN_LIST = set("、和与及等")


def term_pieces(text: str) -> list[str]:
    """The terms one formulation text gives: the text itself, each of its clauses (a writer often
    quotes one: 践行初心、担当使命) and each run of 4+ Hanzi in it."""
    text = text.strip()
    pieces = [text] if len(text) >= MIN_LEN else []
    for clause in re.split(r"[，；。]", text):
        if len(clause) >= MIN_LEN and clause not in pieces:
            pieces.append(clause)
    for run in _RUN.findall(text):
        # Four-character runs (政治纪律, 生命至上) are checked within their clause or list: alone,
        # their halves are among the commonest words and cost the scan more than they find.
        if len(run) >= MIN_LEN_RUN and run not in pieces:
            pieces.append(run)
    return pieces


def _distance(a: str, b: str, cutoff: int) -> int:
    """rapidfuzz's Levenshtein distance (cutoff + 1 when larger), imported on the first candidate:
    a check that finds no candidate (a placeholder-only run) never loads it."""
    global _distance
    from rapidfuzz.distance import Levenshtein

    def distance(a: str, b: str, cutoff: int) -> int:
        return Levenshtein.distance(a, b, score_cutoff=cutoff)

    _distance = distance
    return distance(a, b, cutoff)


def _pypinyin_readings(ch: str) -> list[str]:
    from pypinyin import Style, pinyin

    # The common reading only: the heteronym lists carry rare readings (以 as si) that would make
    # unrelated characters "sound alike".
    return list(pinyin(ch, style=Style.NORMAL, heteronym=False)[0])


class _ReadingTable:
    """pypinyin's reading of every character it knows, as `_pypinyin_readings` gives it: the
    characters as one string and their readings (comma-joined) padded to one width, so the cache
    loads as two strings in a millisecond and a character is found with one `str.find`."""

    def __init__(self, keys: str, width: int, values: str) -> None:
        self.keys, self.width, self.values = keys, width, values

    def get(self, ch: str) -> list[str] | None:
        i = self.keys.find(ch) if len(ch) == 1 else -1
        if i < 0:
            return None
        return self.values[i * self.width : (i + 1) * self.width].rstrip(" ").split(",")


@lru_cache(maxsize=1)
def _reading_table() -> _ReadingTable:
    """Built once and kept in the user cache (drafter/datacache.py): importing pypinyin costs
    about 0.3 s per process, more than the whole near-miss scan of a long speech."""
    import importlib.metadata

    from drafter.datacache import cached

    try:
        version = importlib.metadata.version("pypinyin")
    except importlib.metadata.PackageNotFoundError:
        version = "?"

    def build() -> tuple[str, int, str]:
        from pypinyin.pinyin_dict import pinyin_dict

        keys, values = [], []
        for code in pinyin_dict:
            readings = _pypinyin_readings(chr(code))
            if readings and not any("," in r or r != r.strip(" ") or not r for r in readings):
                keys.append(chr(code))
                values.append(",".join(readings))
        width = max(map(len, values), default=1)
        return "".join(keys), width, "".join(v.ljust(width) for v in values)

    return _ReadingTable(*cached("pinyin-readings", f"pypinyin {version}|2", build))


@lru_cache(maxsize=8192)
def _readings(ch: str) -> frozenset[str]:
    raw = _reading_table().get(ch)  # None: not in the table, pypinyin decides
    out = set()
    for reading in raw if raw is not None else _pypinyin_readings(ch):
        r = reading.replace("ü", "v")
        for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
            if r.startswith(a):
                r = b + r[len(a) :]
        if r.startswith("n"):
            r = "l" + r[1:]
        for a, b in (("ing", "in"), ("eng", "en"), ("ang", "an")):
            if r.endswith(a):
                r = r[: -len(a)] + b
        out.add(r)
    return frozenset(out)


def _other_word(word: str) -> bool:
    """`word` (the last two characters of a window that differs from a term in the first of them)
    is a word of the dictionary: a short term's last word, its head, replaced by another word names
    another thing (世界一流产业创新发展区 is not 世界一流企业 misquoted). Without the dictionary
    the two cannot be told apart, and an unsure case is not flagged."""
    from drafter.checks.lexicon import words

    lexicon = words()
    return lexicon is None or word in lexicon


def _swapped(window: str, term: str) -> bool:
    """The two differ only in two characters that changed places."""
    if len(window) != len(term):
        return False
    diff = [i for i, (a, b) in enumerate(zip(window, term, strict=True)) if a != b]
    return len(diff) == 2 and window[diff[0]] == term[diff[1]] and window[diff[1]] == term[diff[0]]


def _moved(window: str, term: str) -> tuple[int, int] | None:
    """Where two words of the term changed places (进一步全面 → 全面进一步, 践行初心、担当使命 →
    担当使命、践行初心): the span of the window that holds the same characters as the term's span
    in another order, as a rotation or around one mark; None when the two differ otherwise."""
    if window == term or sorted(window) != sorted(term):
        return None
    n = len(term)
    p = 0
    while window[p] == term[p]:
        p += 1
    s = 0
    while window[n - 1 - s] == term[n - 1 - s]:
        s += 1
    # The moved words may open (or end) on the same character, which the common prefix (suffix)
    # then takes: 做强做优做大 → 做大做强做优 rotates 做强做优|做大, after a shared 做.
    for lo, hi in ((p, n - s), (p - 1, n - s), (p, n - s + 1), (p - 1, n - s + 1)):
        if lo < 0 or hi > n:
            continue
        got, want = window[lo:hi], term[lo:hi]
        if len(got) < 4 or not all(_HAN.match(c) or c in "、，" for c in got):
            continue
        for k in range(2, len(want) - 1):
            if got == want[k:] + want[:k]:
                return lo, hi
            if want[k] in "、，" and got == want[k + 1 :] + want[k] + want[:k]:
                return lo, hi
    return None


def _foreign_neighbour(text: str, start: int, end: int, term: str) -> bool:
    """The items next to a swapped pair, joined by 、, include one the fixed list lacks: the pair
    belongs to a list of the writer's own (在提高质量、优化结构、增进效益的基础上 is not the
    发展党员 list out of order)."""
    items = set(re.split(r"[、，]", term))
    if end < len(text) and text[end] == "、":
        m = _NEXT_ITEM.match(text, end + 1)
        if m and m.group() not in items:
            return True
    if start and text[start - 1] == "、":
        m = _PREV_ITEM.search(text, max(0, start - 13), start - 1)
        if m and m.group() not in items:
            return True
    return False


_NEXT_ITEM = re.compile(r"[\u4e00-\u9fff]{2,12}?(?=[、，。；：！？”）\n]|的|$)")
_PREV_ITEM = re.compile(r"(?<=[、，。；：！？“（\n在和与及])[\u4e00-\u9fff]{2,12}$")


def homophones(a: str, b: str) -> bool:
    """Same reading when tones and the usual fuzzy pairs are ignored (自信/自性, 廉政/廉正)."""
    return bool(_readings(a) & _readings(b))


class NearMissIndex:
    """All terms indexed by their halves; `find(text)` yields one NearHit per slip."""

    def __init__(
        self,
        terms: Iterable[str],
        real: Iterable[str] = (),
        lists: Iterable[str] = (),
        added_ok: Iterable[str] = (),
        doc_kinds: Iterable[str] = (),
        item_lists: Iterable[str] = (),
        interchangeable: Iterable[str] = (),
        in_part: Iterable[str] = (),
        strict: Iterable[str] = (),
    ) -> None:
        # Terms whose every word is fixed (以党的自我革命引领社会革命): a two-character word of
        # them replaced is a slip however short the term, as in a long list.
        self.strict = frozenset(strict)
        self._loose = frozenset(item_lists)  # the bank's lists: their order is formulation.order's
        self.added_ok = frozenset(added_ok)  # words a writer may add inside a long term (全面, 不断)
        self.doc_kinds = frozenset(doc_kinds)  # the last word of a document title (规定, 意见, 条例)
        # Groups of characters a formulation is printed with either way (和/与: 统筹发展与安全).
        self.interchangeable = tuple(frozenset(group) for group in interchangeable)
        self._short: dict[str, tuple[str, str]] = {}
        lists = list(lists)
        quoted_in_part = set(in_part)  # lists writers quote in part (安全第一、预防为主)
        for term in lists:
            if term in quoted_in_part:
                continue
            for form, item in shortened_lists(term).items():
                self._short.setdefault(form, (term, item))
        # One item replaced: each list's run of all items but one (two or more, on one side of
        # the replaced one) is an anchor; the element beside it is compared with the missing item.
        self._sides: dict[str, list[tuple[str, int, bool]]] = {}
        lists = list(lists)
        for term in dict.fromkeys([*lists, *item_lists]):
            items = _list_items(term)
            for k in range(len(items)):
                before, after = items[:k], items[k + 1 :]
                if len(before) >= len(after) and len(before) >= 2:
                    self._sides.setdefault("、".join(before) + "、", []).append((term, k, True))
                    if not after:  # the last item joined by 和 (……享乐主义和奢侈之风)
                        self._sides.setdefault("、".join(before) + "和", []).append((term, k, True))
                elif len(after) >= 2:
                    self._sides.setdefault("、" + "、".join(after), []).append((term, k, False))
        self.terms = sorted({t for t in terms if len(t) >= MIN_LEN}, key=len, reverse=True)
        self.real = set(real)
        self._known = set(self.terms) | self.real
        self._real_index = LiteralIndex(self.real)
        # Two neighbouring items of a fixed list written the other way round (预防为主、安全第一 in
        # 安全第一、预防为主、综合治理): each such form is a literal of its own, found in the same
        # kind of pass, unless some term itself runs that way. Only the fixed lists of
        # `rules/nearmiss.yaml`: the bank's lists are also used loosely in prose (支部委员会、支部
        # 党员大会), where formulation.order judges them only when they are named.
        self._swaps: dict[str, tuple[str, str]] = {}
        every = "\n".join(self.terms)
        for term in lists:
            parts = re.split(r"([、，])", term)
            for i in range(0, len(parts) - 2, 2):
                a, sep, b = parts[i], parts[i + 1], parts[i + 2]
                if len(a) >= 4 and len(b) >= 4 and _PURE_HAN.fullmatch(a) and _PURE_HAN.fullmatch(b):
                    form = b + sep + a
                    if form not in every:
                        self._swaps.setdefault(form, (term, a + sep + b))
        # One automaton for both kinds of literal form (a list shortened, two items swapped).
        self._form_index = LiteralIndex({**self._short, **self._swaps})
        owners: dict[str, list[tuple[str, bool]]] = {}
        for term in self.terms:
            half = len(term) // 2
            owners.setdefault(term[:half], []).append((term, True))
            owners.setdefault(term[half:], []).append((term, False))
        self._owners = owners
        self._side_index = LiteralIndex(self._sides)
        self._anchors = LiteralIndex(owners)

    def find(self, text: str) -> Iterator[NearHit]:
        # One slip, one finding: a list judged whole (an item left out, two swapped, one
        # replaced) is not judged again as a near miss of one of its words.
        starts: list[int] = []
        ends: list[int] = []  # of the kept hits, which never overlap: sorted like their starts
        forms = list(self._form_index.finditer(text))
        for hit in sorted(
            (*self._shortened(forms, text), *self._swapped_items(forms, text), *self._replaced(text)),
            key=lambda h: h.start,
        ):
            if ends and ends[-1] > hit.start:
                continue
            starts.append(hit.start)
            ends.append(hit.end)
            yield hit
        for hit in self._near(text):
            i = bisect_left(starts, hit.end)
            if not (i and ends[i - 1] > hit.start):
                yield hit

    def _shortened(self, forms: list[tuple[int, int, str]], text: str) -> Iterator[NearHit]:
        """A closed list with one item of a fixed list left out (not one that goes on: 、 和 等)."""
        for start, end, form in forms:
            if form not in self._short:
                continue
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if before in _OPEN_LIST or after in _OPEN_LIST:
                continue
            term, item = self._short[form]
            if term in text[max(0, start - len(term)) : end + len(term)]:
                continue
            yield NearHit(start, end, form, term, term, missing=item)

    def _swapped_items(self, forms: list[tuple[int, int, str]], text: str) -> Iterator[NearHit]:
        """Two neighbouring items of a fixed list in the wrong order (担当使命、践行初心)."""
        for start, end, form in forms:
            if form not in self._swaps:
                continue
            term, right = self._swaps[form]
            if right in text[max(0, start - len(term)) : end + len(term)]:
                continue  # both orders stand here: a list the writer built, not a quotation
            if _foreign_neighbour(text, start, end, term):
                continue  # 提高质量、优化结构、增进效益: another list that shares two items
            yield NearHit(start, end, form, right, term)

    def _replaced(self, text: str) -> Iterator[NearHit]:
        """A closed list of a fixed list's items with one of them replaced by another element of
        about its length (控制总量、优化结构、提高质量、严格程序 for ……发挥作用): every other item is
        there, exact and in order, so the list is a quotation and the odd one is the slip."""
        seen: set[tuple[int, int]] = set()
        for a_start, a_end, side in self._side_index.finditer(text):
            for term, k, left in self._sides[side]:
                items = _list_items(term)
                want = items[k]
                if left:
                    el = _ELEMENT.match(text, a_end)
                    if el is None:
                        continue
                    x_start, x_end = el.span()
                    rest = "".join("、" + i for i in items[k + 1 :])
                    if not rest:
                        x_end = min(x_end, x_start + len(want))  # the last item: as long as the one it replaces
                    elif not text.startswith(rest, x_end):
                        # the element runs into the next item (no 、 between): cut it there
                        nxt = items[k + 1] if k + 1 < len(items) else None
                        if nxt and nxt in el.group():
                            x_end = x_start + el.group().index(nxt)
                        if not text.startswith(rest, x_end):
                            continue
                    lo, hi = a_start, x_end + len(rest)
                else:
                    el = _ELEMENT_BEFORE.search(text, max(0, a_start - 10), a_start)
                    if el is None:
                        continue
                    x_start, x_end = el.span()
                    head = "".join(i + "、" for i in items[:k])
                    if not text.endswith(head, 0, x_start):
                        continue
                    lo, hi = x_start - len(head), a_end
                got = text[x_start:x_end]
                if got == want or got in items or abs(len(got) - len(want)) > 1 or len(got) < 2:
                    continue
                if side.endswith("和"):
                    # After 和 a list may end on an element of the writer's own (……享乐主义和铺张
                    # 浪费); only the item itself one character off (奢侈之风) is its slip.
                    if len(got) != len(want) or _distance(got, want, 1) != 1 or (lo, hi) in seen:
                        continue
                    if term in text[max(0, lo - len(term)) : hi + len(term)] or got in self._known:
                        continue
                    seen.add((lo, hi))
                    yield NearHit(x_start, x_end, got, want, term)
                    continue
                if _distance(got, want, 1) <= 1:
                    continue  # one character off: a near miss of the item, reported as such
                before = text[lo - 1] if lo else ""
                after = text[hi] if hi < len(text) else ""
                if before in _OPEN_LIST or after in _OPEN_LIST or (lo, hi) in seen:
                    continue
                if term in text[max(0, lo - len(term)) : hi + len(term)] or got in self._known:
                    continue
                seen.add((lo, hi))
                yield NearHit(x_start, x_end, got, want, term, replaced=True)

    def _near(self, text: str) -> Iterator[NearHit]:
        best: dict[tuple[int, int], NearHit] = {}
        exact_cache: dict[str, list[int]] = {}
        size = len(text)
        startswith = text.startswith
        for a_start, a_end, anchor in self._anchors.finditer(text):
            for term, left in self._owners[anchor]:
                n = len(term)
                # The term itself stands on this anchor (the common case in a correct speech):
                # every window here would be excused by it (`_excused`), so none is judged.
                at = a_start if left else a_end - n
                if at >= 0 and startswith(term, at):
                    continue
                h = n // 2
                # One substitution in the other half leaves its first or its last character:
                # a cheap test that turns away most places where only the anchor matches.
                if left:
                    same = n - h < 2 or startswith(term[h], a_end) or startswith(term[-1], a_start + n - 1)
                else:
                    same = h < 2 or startswith(term[0], a_start - h) or startswith(term[h - 1], a_start - 1)
                if n >= MIN_LEN_WORD_SWAP and ("、" in term or "，" in term):
                    # A long list also loses or gains a two-character word (全党的领导核心地位).
                    lengths: tuple[int, ...] = (n, n - 1, n + 1, n - 2, n + 2) if same else (n - 1, n + 1, n - 2, n + 2)
                elif n >= MIN_LEN_WORD_SWAP and term[0] == "《":
                    # A long title also gains or loses a two-character word (规划纲要的建议).
                    lengths = (n, n - 1, n + 1, n - 2, n + 2) if same else (n - 1, n + 1, n - 2, n + 2)
                elif n >= MIN_LEN_INDEL:
                    lengths = (n, n - 1, n + 1) if same else (n - 1, n + 1)
                elif same:
                    lengths = (n,)
                else:
                    continue
                for m in lengths:
                    start = a_start if left else a_end - m
                    end = start + m
                    if start < 0 or end > size:
                        continue
                    # A dropped or added character or word counts only with two equal characters
                    # either side of it (`_judge`; a title's kind word is the exception, at its
                    # end): without them the window is not worth comparing.
                    if (
                        m != n
                        and (m - n in (1, -1) or not (term[0] == "《" and term[-1] == "》"))
                        and not (startswith(term[:2], start) and startswith(term[-2:], end - 2))
                    ):
                        continue
                    window = text[start:end]
                    if window == term or "\n" in window:
                        continue
                    hit = self._judge(text, start, window, term, text[end : end + 1])
                    if hit is None or self._excused(text, start, end, term, exact_cache):
                        continue
                    key = (hit.start, hit.end)
                    old = best.get(key)
                    if old is None or len(old.term) < len(term):
                        best[key] = hit
        # Overlapping hits are one slip: keep the one from the longest term.
        taken: list[NearHit] = []
        # The kept non-empty hits never overlap one another, so sorted by start their ends are
        # sorted too and one bisection answers "does this overlap a kept one" (a list scan made
        # this quadratic in the number of hits). Empty spans, if any, are compared one by one.
        starts: list[int] = []
        ends: list[int] = []
        empty: list[int] = []
        for hit in sorted(best.values(), key=lambda h: (-len(h.term), h.start)):
            i = bisect_left(starts, hit.end)
            if i and ends[i - 1] > hit.start:
                continue
            if any(hit.start < y < hit.end for y in empty):
                continue
            taken.append(hit)
            if hit.start == hit.end:
                empty.append(hit.start)
            else:
                starts.insert(i, hit.start)
                ends.insert(i, hit.end)
        yield from sorted(taken, key=lambda h: h.start)

    def _judge(self, text: str, start: int, window: str, term: str, after: str = "") -> NearHit | None:
        n = len(term)
        # A two-character swap only in a long list (a title or a sentence has real variants:
        # 《中国共产党巡视工作条例》, 加快推动高水平科技自立自强).
        listed = "、" in term or "，" in term
        long_list = listed and n >= MIN_LEN_WORD_SWAP
        long_term = not listed and n >= MIN_LEN_LONG_TERM
        title = term.startswith("《") and term.endswith("》")
        # The window ends where the sentence does (a mark, or 的): its last word is the term's
        # last word written wrong, not the start of a longer real phrase (核心价值|体系).
        closed = not after or not _HAN.match(after) or after == "的"
        two_more = (long_list or (title and n >= MIN_LEN_WORD_SWAP)) and abs(len(window) - n) == 2
        cutoff = 2 if (n >= MIN_LEN_ANY_EDIT and len(window) == n) or two_more else 1
        distance = _distance(window, term, cutoff)
        if distance > cutoff and len(window) == n and n >= MIN_LEN_MOVED and term not in self._loose:
            moved = _moved(window, term)  # words that changed places are several edits apart
            if moved is not None:
                lo, hi = moved
                return NearHit(start + lo, start + hi, window[lo:hi], term[lo:hi], term)
        if not 1 <= distance <= cutoff:
            return None
        strict = term in self.strict
        if distance == 2 and not (long_list or long_term or title or strict) and not _swapped(window, term):
            return None
        # Where the two differ: common prefix and suffix around the one edit.
        p = 0
        while p < min(len(window), n) and window[p] == term[p]:
            p += 1
        s = 0
        while s < min(len(window), n) - p and window[-1 - s] == term[-1 - s]:
            s += 1
        got, want = window[p : len(window) - s], term[p : n - s]
        if any(not _HAN.match(c) for c in got + want):
            return None  # a changed mark or letter is not a formulation slip
        if distance == 2 and _swapped(window, term):
            pass  # two of its characters change places (做优做强做大): the order is wrong
        elif distance == 2 and title and len(window) != n:
            # A two-character word added to a long title or dropped from it, well inside (……五年
            # 规划纲要的建议》 for ……五年规划的建议》): a title names one document, word for word.
            word = got or want
            if len(word) != 2 or (got and want) or p < 6 or s < 3 or word in self.added_ok:
                return None
            if set(word) & _FUNCTION_CHARS:
                return None
        elif distance == 2 and title:
            # A document title with its kind word changed (若干规定 → 若干意见, 条例 → 规则): the
            # rest of the title is exact, so it names this document with the wrong kind.
            if not (got in self.doc_kinds and want in self.doc_kinds and s == 1 and p >= 6):
                return None
        elif distance == 2 and len(window) != n:
            # A two-character word dropped or added well inside a long list (全党的领导核心地位),
            # not one a writer adds to any phrase (全面, 不断: `added_ok`).
            word = got or want
            if len(word) != 2 or (got and want) or p < 2 or s < 2 or word in self.added_ok:
                return None
            if set(word) & _FUNCTION_CHARS:
                return None
        elif distance == 2 and long_list and s == 0 and p >= 12 and len(got) == 2 and len(want) == 2:
            pass  # the last word of a long list replaced (全党的核心地位 → 全党的核心位置)
        elif distance == 2 and strict and s == 0 and p >= 4 and len(got) == 2 and len(want) == 2:
            # The last word of a fixed term replaced (人民至上、生命至上 → ……生命第一), where the
            # sentence goes on with a mark.
            if not closed or set(got) & _FUNCTION_CHARS:
                return None
        elif distance == 2 and long_term and s <= 1 and p >= 12 and len(got) == 2 and len(want) == 2:
            # The last word of a sentence-long term replaced (……的首要任务 → ……的首要目标,
            # 攻坚战持久战 → 攻坚战歼灭战, the new word ending on the same 战), where the sentence
            # ends there.
            if not closed or set(got) & _FUNCTION_CHARS or set(got + want) & _NUMERALS_NOT_ONE:
                return None
        elif distance == 2:
            # One two-character word of a long list replaced by a near one (艰苦奋斗 → 艰苦创业,
            # 组织调整 → 组织处理), well inside the term.
            if len(got) != 2 or len(want) != 2 or p < 2 or s < 2 or set(got) & _FUNCTION_CHARS:
                return None
            # In a sentence-long term, not its opening verb (深入学习/贯彻……) nor a number for a
            # word (历次全会 → 二中全会 names a real plenum).
            # (In a strict term every word is fixed, the one before its last too: 夯实基础 → 打牢基础.)
            if long_term and (p < 4 or (s < 3 and not strict) or set(got + want) & _NUMERALS_NOT_ONE):
                return None
        elif len(got) == 1 and len(want) == 1:
            if got in _NUMERALS and want in _NUMERALS:
                return None
            if any(got in group and want in group for group in self.interchangeable):
                return None  # 统筹发展与安全: a conjunction the formulation is printed with either way
            # Not at a term's ends nor its second character (严明/严守政治纪律: verbs vary); the
            # last character of a long term only where the sentence ends after it (总基调 → 总基础).
            # (A strict term's second character is fixed too: 因地制宜发展…, not 因时制宜发展….)
            interior = (2 <= p or (strict and p == 1)) and s >= 1
            at_end = n >= MIN_LEN_END_EDIT and s == 0 and closed and got not in _FUNCTION_CHARS
            if not homophones(got, want):
                if not (n >= MIN_LEN_ANY_EDIT and (interior or at_end)):
                    return None
                if s == 1 and n < MIN_LEN_FIXED_HEAD and _other_word(window[-2:]):
                    return None  # its last word replaced by another word: another name (世界一流产业…)
        elif ((got + want) in _FUNCTION_CHARS and not title) or not (2 <= p and s >= 2):
            # A 的 or 和 added to a prose term is style; in a document's title it misnames it.
            return None
        if strict and not listed and len(got) == 2 and len(want) == 2:
            return NearHit(start + p, start + p + 2, got, want, term)  # the word itself: 带动 for 引领
        # Report the word (the run between marks) that holds the edit, with its right form
        # (at most three characters either side of the edit: 攻坚战持续战, not the whole sentence).
        lo = p
        while lo > max(0, p - 3) and window[lo - 1] not in _SEPARATORS:
            lo -= 1
        hi_w = len(window) - s
        edge = min(len(window), hi_w + 3)
        while hi_w < edge and window[hi_w] not in _SEPARATORS:
            hi_w += 1
        lo_t, hi_t = lo, n - (len(window) - hi_w)
        return NearHit(start + lo, start + hi_w, window[lo:hi_w], term[lo_t:hi_t], term)

    def _excused(self, text: str, start: int, end: int, term: str, cache: dict[str, list[int]]) -> bool:
        """The exact term (or another term, or a listed real term) stands here after all."""
        lo, hi = max(0, start - len(term)), min(len(text), end + len(term))
        if term in text[lo:hi]:
            return True
        around = text[max(0, start - 12) : min(len(text), end + 12)]
        for s, e, _real in self._real_index.finditer(around):
            offset = max(0, start - 12)
            if s + offset < end and e + offset > start:
                return True
        return text[start:end] in self._known


def build_index(context: FamilyContext, formulations: Sequence[Any]) -> NearMissIndex:
    """The bank's formulations (text, items, quoted name) and `rules/nearmiss.yaml`'s terms."""
    data = context.rule_data("nearmiss", key="term")
    terms: list[str] = []
    real: list[str] = []
    lists: list[str] = []
    in_part: list[str] = []
    strict: list[str] = []
    for entry in data.entries:
        term = entry_str(data, entry, "term")
        assert term is not None
        if entry.get("real") is True:
            real.append(term)
        else:
            terms.extend(term_pieces(term))
            lists.append(term)
            if entry.get("in_part") is True:
                in_part.append(term)
            if entry.get("strict") is True:
                strict.extend(term_pieces(term))  # its clauses and runs are as fixed as the whole
    for f in formulations:
        # A short item (政治纪律, 4 characters) is checked where its list is quoted (the list is a
        # term); alone, its halves (政治, 纪律) are among the commonest words and would cost the
        # scan more than it finds.
        items = [i for i in f.items if len(i) >= MIN_LEN_ANY_EDIT]
        for text in (f.text, *items, f.name or ""):
            if "“" not in text:  # 增强“四个意识”: the verb is the collocation rule's, the name is a term
                terms.extend(term_pieces(text))
    # The bank's own lists (道路自信、理论自信、制度自信、文化自信) for an item replaced by another.
    item_lists = ["、".join(f.items) for f in formulations if len(f.items) >= 3]
    # The bank's lists are terms too: one item written with one character wrong (全局意识 for
    # 大局意识) is a near miss of the whole list.
    terms.extend(t for t in item_lists if len(t) >= MIN_LEN_ANY_EDIT * 2)
    return NearMissIndex(
        terms,
        real,
        lists,
        data.strings("added_ok"),
        data.strings("doc_kinds"),
        item_lists,
        data.strings("interchangeable"),
        in_part,
        strict,
    )


def near_misses(
    index: NearMissIndex,
    text: str,
    covered: Sequence[Any],
    *,
    nearmiss_active: bool = True,
    items_active: bool = True,
    skip_terms: Set[str] = frozenset(),
) -> Iterator[Any]:
    """Hits of `formulation.nearmiss` (and `formulation.items` for a fixed list of the data with
    one item left out), except where another formulation finding already stands, and not of the
    terms in `skip_terms` (lists a text older than their form quotes in its own year's words)."""
    from drafter.checks.formulation import ITEMS, NEARMISS
    from drafter.checks.model import Hit

    # Covered spans by start, with the furthest end so far: a hit overlaps one of them when the
    # furthest end of those starting before it ends lies past its start (one bisection a hit).
    spans = sorted((h.start, h.end) for h in covered)
    span_starts = [s for s, _ in spans]
    reach: list[int] = []
    for _, e in spans:
        reach.append(max(e, reach[-1]) if reach else e)
    for hit in index.find(text):
        i = bisect_left(span_starts, hit.end)
        if i and reach[i - 1] > hit.start:
            continue
        if hit.term in skip_terms:
            continue
        if hit.replaced:
            if items_active:
                message = f"“{hit.wrong}”应为“{hit.right}”：规范表述是“{hit.term}”"
                yield Hit(ITEMS.id, hit.start, hit.end, message, None)
            continue
        if hit.missing is not None:
            if items_active:
                message = f"“{hit.wrong}”少了“{hit.missing}”：规范表述是“{hit.term}”"
                yield Hit(ITEMS.id, hit.start, hit.end, message, None)
            continue
        if not nearmiss_active:
            continue
        whole = "" if hit.right == hit.term else f"（规范表述是“{hit.term}”）"
        yield Hit(NEARMISS.id, hit.start, hit.end, f"“{hit.wrong}”应为“{hit.right}”{whole}，请核对", hit.right)
