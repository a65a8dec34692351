"""Wrong characters in fixed expressions that no list of misspellings foresees (rule `wording.idiom`).

`rules/wording.yaml` knows the misspellings someone listed (防患于未燃); a writer's real 别字 are
open-ended: any character of an idiom replaced by one that sounds like it (the IME offered it) or
looks like it. `rules/idioms.yaml` lists the correct expressions and groups of look-alike
characters; from them every one-character variant is computed once per process — each character
replaced by its homophones (pypinyin, tones ignored, with the fuzzy pairs writers confuse:
zh/z, ch/c, sh/s, n/l, -ng/-n) among the 3,755 common characters of GB 2312 level 1, or by the
members of its look-alike groups — and one Aho–Corasick pass (ahocorasick-rs) finds the variants.

What keeps it from flagging correct text:
- a variant that is itself a listed expression or a listed `real` string is never generated;
- a variant found overlapping a correctly written listed expression is skipped (the window is
  made of parts of two phrases);
- a variant that is a common dictionary word (jieba's dictionary, loaded on the first candidate),
  or that splits into two common words (不能|自己, 实事|求实), is prose, not a slip;
- a variant that is the whole of a quotation (“鹏城万里” names a trail in 鹏城, Shenzhen) plays on
  the idiom on purpose;
- a replaced character at the edge of the window that makes a common word with the character
  outside it (精益求经|营) is prose crossing a word boundary.
Each finding is a suggestion only: the writer may have meant another word.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from drafter.checks.lexicon import Lexicon
from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.checks.ruledata import entry_str
from drafter.errors import DataFileError

if TYPE_CHECKING:
    from pathlib import Path

    from drafter.checks.registry import FamilyContext

IDIOM = RuleInfo("wording.idiom", Severity.WARNING, "成语、固定说法错了一个字（同音、形近：一股作气、因地治宜）", False)

VARIANTS_SHAPE = 1  # bump when what `_generate` stores changes
# Characters (~18 MB of Chinese text): below, comparing in place beats loading the variants and
# building their automaton (0.5 s of CPU per process), measured at 0.12 µs a character against the
# automaton's 0.065; a folder check's worker or one chunk of a long file never pays the set-up.
SMALL_TEXT = 6_000_000
MIN_LEN = 4  # a three-character term is one edit away from too many real words
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_RUN = re.compile(r"[\u4e00-\u9fff]{4}")
# A dictionary word this common is a word the writer may well have meant.
WORD_FREQUENCY = 15
# Each half of a split (不能|自己) must be at least this common to read as two words.
SPLIT_FREQUENCY = 30
_MAX_SPLIT = 5  # expressions up to this length are tested for a split into two words
_ENCLOSING = {"“”", "‘’", "《》", "「」", "『』", '""', "''"}
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"))
_FUZZY_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"))


@dataclass(frozen=True)
class IdiomHit:
    start: int
    end: int
    wrong: str
    right: str
    got: str  # the wrong character
    want: str  # the right one
    sound: bool  # a homophone (else a look-alike)


def _normalise(reading: str) -> str:
    """A tone-less reading folded over the confusions of a southern or fuzzy-pinyin typist."""
    r = reading.replace("ü", "v")
    for a, b in _FUZZY_INITIALS:
        if r.startswith(a):
            r = b + r[len(a) :]
            break
    if r.startswith("n"):
        r = "l" + r[1:]
    for a, b in _FUZZY_FINALS:
        if r.endswith(a):
            r = r[: -len(a)] + b
            break
    return r


def _read_expression(expr: str) -> list[str]:
    """Each character's reading in the expression (pypinyin's phrases), or "" for each when
    pypinyin does not give one a character."""
    from pypinyin import Style, lazy_pinyin

    readings = [_normalise(r) for r in lazy_pinyin(expr, style=Style.NORMAL)]
    return readings if len(readings) == len(expr) else [""] * len(expr)


@lru_cache(maxsize=16384)
def _sound(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return _normalise(lazy_pinyin(ch, style=Style.NORMAL)[0])


def common_characters() -> str:
    """GB 2312 level 1: the 3,755 characters of everyday writing (an IME's first candidates)."""
    out = []
    for row in range(0xB0, 0xD8):
        for col in range(0xA1, 0xFF):
            try:
                out.append(bytes((row, col)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(out)


class IdiomIndex:
    """Every one-character variant of the expressions, found two ways with the same result: in a
    text below SMALL_TEXT characters (a speech, a report, a 10 MB file) by comparing the
    expressions that share a first or last two characters with the text there, found by a small
    automaton of those pairs, which needs almost no set-up; in a longer one (an archive) with one
    automaton pass over every variant, loaded from the user cache and built on first use (about
    0.5 s of CPU once per process, then 60+ MB/s)."""

    def __init__(
        self, expressions: Iterable[str], looks: Iterable[str] = (), real: Iterable[str] = (), fixed: Iterable[str] = ()
    ) -> None:
        """`expressions` are varied; `fixed` ones (another rule's) are only recognised as correct."""
        self.expressions = sorted({e for e in expressions if len(e) >= MIN_LEN and _HAN.fullmatch(e)})
        self.fixed = sorted({e for e in fixed if e not in self.expressions})
        self._known = frozenset((*self.expressions, *self.fixed))
        self._never = self._known | set(real)  # a window that is one of these is not a slip
        self._known_lengths = sorted({len(e) for e in self._known})
        look_of: dict[str, frozenset[str]] = {}
        for group in looks:
            for ch in group:
                look_of[ch] = look_of.get(ch, frozenset()) | frozenset(group)
        self._look_of = look_of
        self._universe = frozenset(common_characters()) | frozenset(look_of)
        self._tables: tuple[dict[str, str], dict[str, list[str]]] | None = None
        self._tables_lock = threading.Lock()
        by_prefix: dict[str, list[str]] = {}
        by_suffix: dict[str, list[str]] = {}
        for expr in self.expressions:
            by_prefix.setdefault(expr[:2], []).append(expr)
            by_suffix.setdefault(expr[-2:], []).append(expr)
        self._by_prefix = by_prefix
        self._by_suffix = by_suffix
        self._variants: dict[str, tuple[str, int, bool]] | None = None
        self._scan: Callable[[str], Iterable[tuple[int, int, int]]] | None = None
        self._pair_scan: tuple[Callable[[str], Iterable[tuple[int, int, int]]], list[_PairPlan]] | None = None
        self._lock = threading.Lock()

    def _reading(self, expr: str) -> list[str]:
        """The reading of each character in context (长 of 源远流长 is chang): pypinyin's phrases."""
        readings = self._sound_tables()[1].get(expr)
        if readings is None:
            readings = _read_expression(expr)
        return readings

    def _claim(self, expr: str, i: int, sub: str) -> tuple[str, int, bool] | None:
        """(expr, i, homophone) when `sub` for expr[i] is a slip this rule knows, else None."""
        sound = self._sound_tables()[0].get(sub)  # only the characters of the universe have one
        sound_alike = sound is not None and sound == self._reading(expr)[i] != ""
        if sound_alike or sub in self._look_of.get(expr[i], ()):
            return (expr, i, sound_alike)
        return None

    def _sound_tables(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """The reading of every character of the universe and of every expression, from the user
        cache like the variants: reading them takes pypinyin, whose import alone costs a third of
        a second of CPU in every process that compares a text in place."""
        tables = self._tables
        if tables is None:
            with self._tables_lock:
                if self._tables is None:
                    from drafter.datacache import cached

                    self._tables = cached("idiom-readings", self._cache_key(), self._read_tables)
                tables = self._tables
        return tables

    def _read_tables(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        return {ch: _sound(ch) for ch in self._universe}, {e: _read_expression(e) for e in self.expressions}

    def _cache_key(self) -> str:
        """Everything the variants and readings depend on: the data, this module's code, pypinyin."""
        import importlib.util
        from pathlib import Path

        from drafter.datacache import file_key

        spec = importlib.util.find_spec("pypinyin")
        pinyin = file_key(Path(spec.origin)) if spec is not None and spec.origin else "no pypinyin"
        data = "\n".join(
            (*self.expressions, "|", *self.fixed, "|", *sorted(self._never - self._known), "|", *sorted(self._look_of))
        )
        looks = "\n".join(f"{ch}{''.join(sorted(group))}" for ch, group in sorted(self._look_of.items()))
        return "|".join((file_key(Path(__file__), VARIANTS_SHAPE), pinyin, data, looks))

    @property
    def variants(self) -> dict[str, tuple[str, int, bool]]:
        """Every variant → (expression, position, homophone); one that two expressions claim is left out."""
        with self._lock:
            if self._variants is None:
                self._variants = self._stored_variants()
            return self._variants

    def _stored_variants(self) -> dict[str, tuple[str, int, bool]]:
        """The variants from the user cache (drafter/datacache.py), or generated and stored there.
        Generating them imports pypinyin and reads 3,755 characters and every expression (about
        1 s of CPU); every `drafter check` of a long text and every worker of a folder check
        would pay it before its first finding, where loading them takes a twelfth of that."""
        from drafter.datacache import cached

        return cached("idiom-variants", self._cache_key(), self._generate)

    def _generate(self) -> dict[str, tuple[str, int, bool]]:
        sounds = self._sound_tables()[0]
        by_sound: dict[str, set[str]] = {}
        for ch in self._universe:
            by_sound.setdefault(sounds[ch], set()).add(ch)
        variants: dict[str, tuple[str, int, bool] | None] = {}
        for expr in self.expressions:
            readings = self._reading(expr)
            for i, ch in enumerate(expr):
                sounds = by_sound.get(readings[i], set()) if readings[i] else set()
                for sub in sounds | self._look_of.get(ch, set()):
                    if sub == ch:
                        continue
                    variant = expr[:i] + sub + expr[i + 1 :]
                    if variant in self._never:
                        continue
                    claim = (expr, i, sub in sounds)
                    old = variants.get(variant, claim)
                    variants[variant] = claim if old == claim else None
        return {v: c for v, c in variants.items() if c is not None}

    def candidates(self, text: str) -> list[tuple[int, int, tuple[str, int, bool]]]:
        """Every variant in the text with its claim (expression, position, homophone), by end."""
        if len(text) < SMALL_TEXT:
            return self.candidates_by_comparison(text)
        return self.candidates_by_automaton(text)

    def candidates_by_automaton(self, text: str) -> list[tuple[int, int, tuple[str, int, bool]]]:
        with self._lock:
            if self._scan is None:
                if self._variants is None:
                    self._variants = self._stored_variants()
                self._patterns = list(self._variants)
                self._scan = _automaton(self._patterns)
        claims, patterns = self._variants, self._patterns
        assert claims is not None
        found = [(start, end, claims[patterns[k]]) for k, start, end in self._scan(text)]
        found.sort(key=lambda t: (t[1], t[0]))
        return found

    def candidates_by_comparison(self, text: str) -> list[tuple[int, int, tuple[str, int, bool]]]:
        """Each expression sharing its first (or last) two characters with the text at a place is
        compared there: one wrong character leaves one of the two ends intact."""
        seen: dict[tuple[int, int], set[tuple[str, int, bool]]] = {}
        compare = self._compare
        size = len(text)
        scan, plans = self._pair_scan_plans()
        for k, s, _ in scan(text):
            by_third, by_fourth, tails = plans[k]
            # One wrong character at most in the rest of the expression: of any two characters
            # of the rest, one is right. The expressions are looked up by the character the text
            # has there (a dict a place), not each tested in turn (1.7 million tests on 10 MB).
            if by_third is not None and s + 3 < size:
                third = by_third.get(text[s + 2], ())
                for expr in third:
                    compare(text, s, expr, seen)
                for expr in by_fourth.get(text[s + 3], ()):
                    if expr not in third:
                        compare(text, s, expr, seen)
            for n, by_first, by_second in tails:
                start = s + 2 - n
                if start < 0:
                    continue
                first = by_first.get(text[start], ())
                for expr in first:
                    compare(text, start, expr, seen)
                for expr in by_second.get(text[start + 1], ()):
                    if expr not in first:
                        compare(text, start, expr, seen)
        found = []
        for (start, end), claims in seen.items():
            if len(claims) == 1:
                found.append((start, end, next(iter(claims))))
        found.sort(key=lambda t: (t[1], t[0]))
        return found

    def _pair_scan_plans(self) -> tuple[Callable[[str], Iterable[tuple[int, int, int]]], list[_PairPlan]]:
        """A scan for every expression's first and last two characters, and for each pair the
        expressions it begins (by their third and by their fourth character) and ends (by length,
        then by their first and by their second): one C pass finds the places to compare, where
        a Python loop over every position took 0.7 µs a character (0.3 s for 400,000 characters)."""
        with self._lock:
            if self._pair_scan is None:
                keys = sorted({*self._by_prefix, *self._by_suffix})
                plans = [_pair_plan(self._by_prefix.get(key, []), self._by_suffix.get(key, [])) for key in keys]
                self._pair_scan = (_automaton(keys), plans)
        return self._pair_scan

    def _compare(self, text: str, start: int, expr: str, seen: dict) -> None:
        n = len(expr)
        window = text[start : start + n]
        if len(window) != n or window in self._never:
            return
        diff = -1
        for i in range(n):
            if window[i] != expr[i]:
                if diff != -1:
                    return
                diff = i
        if diff == -1:
            return
        claim = self._claim(expr, diff, window[diff])
        if claim is not None:
            seen.setdefault((start, start + n), set()).add(claim)

    def find(self, text: str) -> Iterator[IdiomHit]:
        found = self.candidates(text)
        if not found:
            return
        freq = common_words()
        taken = -1
        for start, end, (expr, i, sound) in found:
            if start < taken or self._overlaps_known(text, start, end):
                continue
            window = text[start:end]
            if start > 0 and end < len(text) and text[start - 1] + text[end] in _ENCLOSING:
                continue  # “鹏城万里”: a quoted name or slogan plays on the idiom on purpose
            if freq is not None and _is_prose(text, start, end, i, window, freq):
                continue
            taken = end
            yield IdiomHit(start, end, window, expr, window[i], expr[i], sound)

    def _overlaps_known(self, text: str, start: int, end: int) -> bool:
        """A correctly written listed expression overlaps the window (parts of two phrases)."""
        known = self._known
        for n in self._known_lengths:
            for s in range(max(0, start - n + 1), end):
                if text[s : s + n] in known:
                    return True
        return False


# For one pair of characters: the expressions it begins, by their third and by their fourth
# character (None: it begins none), and those it ends, as (length, by first, by second character).
_PairPlan = tuple[
    "dict[str, list[str]] | None",
    "dict[str, list[str]]",
    "list[tuple[int, dict[str, list[str]], dict[str, list[str]]]]",
]


def _pair_plan(heads: list[str], tails: list[str]) -> _PairPlan:
    by_third: dict[str, list[str]] = {}
    by_fourth: dict[str, list[str]] = {}
    for expr in heads:  # every expression has MIN_LEN (4) characters or more
        by_third.setdefault(expr[2], []).append(expr)
        by_fourth.setdefault(expr[3], []).append(expr)
    by_length: dict[int, tuple[dict[str, list[str]], dict[str, list[str]]]] = {}
    for expr in tails:
        by_first, by_second = by_length.setdefault(len(expr), ({}, {}))
        by_first.setdefault(expr[0], []).append(expr)
        by_second.setdefault(expr[1], []).append(expr)
    return (
        by_third if heads else None,
        by_fourth,
        [(n, first, second) for n, (first, second) in sorted(by_length.items())],
    )


def _automaton(patterns: list[str]) -> Callable[[str], Iterable[tuple[int, int, int]]]:
    """A scan that yields (pattern number, start, end) for every occurrence, overlapping ones too.
    ahocorasick-rs (Rust, contiguous NFA) scans 10 MB against 180,000 variants in about 0.15 s;
    pyahocorasick, the fallback, slows down with so wide a trie (about 3 s: bench/bench_idioms.py)."""
    if not patterns:
        return lambda text: ()
    try:
        import ahocorasick_rs
    except ImportError:  # pragma: no cover - declared in pyproject.toml; an odd platform may lack it
        return pyahocorasick_scan(patterns)
    automaton = ahocorasick_rs.AhoCorasick(patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    return lambda text: automaton.find_matches_as_indexes(text, overlapping=True)


def pyahocorasick_scan(patterns: list[str]) -> Callable[[str], Iterable[tuple[int, int, int]]]:
    """The same scan with pyahocorasick (the project's other automaton; also the benchmark's peer)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for k, pattern in enumerate(patterns):
        automaton.add_word(pattern, (k, len(pattern)))
    automaton.make_automaton()
    return lambda text: [(k, end + 1 - n, end + 1) for end, (k, n) in automaton.iter(text)]


def _is_prose(text: str, start: int, end: int, i: int, window: str, freq: CommonWords) -> bool:
    """The variant reads as ordinary words: a common word itself, two common words side by side,
    or its replaced edge character joined to the text outside into a common word."""
    if window in freq.words:
        return True
    n = len(window)
    halves = freq.halves
    if n <= _MAX_SPLIT:
        for k in range(2, n - 1):
            if window[:k] in halves and window[k:] in halves:
                return True
    if i == 0 and start > 0 and text[start - 1] + window[0] in halves:
        return True
    return i == n - 1 and end < len(text) and window[-1] + text[end] in halves


@dataclass(frozen=True)
class CommonWords:
    """The words of jieba's dictionary common enough to matter here: `words` at least
    WORD_FREQUENCY (a word the writer may have meant), `halves` at least SPLIT_FREQUENCY (one
    half of a split into two words). Only these two thresholds are ever asked about."""

    words: Lexicon
    halves: Lexicon


_freq_lock = threading.Lock()
_freq: list[CommonWords | None] = []


def common_words() -> CommonWords | None:
    """The common words of jieba's dictionary (dict.txt: word, frequency, tag); None without
    jieba (then only the data decides). Read once per process, on the first candidate, from the
    user cache: parsing dict.txt's 350,000 lines costs about 0.8 s of CPU in every process."""
    with _freq_lock:
        if not _freq:
            _freq.append(_load_common_words())
        return _freq[0]


def _load_common_words() -> CommonWords | None:
    import importlib.util
    from pathlib import Path

    from drafter.datacache import cached, file_key

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    key = file_key(path, FREQUENCY_SHAPE, WORD_FREQUENCY, SPLIT_FREQUENCY)
    groups = cached("idiom-frequencies", key, lambda: _read_frequencies(path))
    if groups is None:
        return None
    words, halves = groups
    return CommonWords(Lexicon(words), Lexicon(halves))


FREQUENCY_SHAPE = 1  # bump when what `_read_frequencies` stores changes


def _read_frequencies(path: Path) -> tuple[dict[str, str], dict[str, str]] | None:
    """Words of 2–12 characters at least WORD_FREQUENCY and at least SPLIT_FREQUENCY frequent,
    each grouped by first character as `Lexicon` keeps them (a set of strings that size takes a
    sixth of a second to load; these strings load in milliseconds)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    words: dict[str, list[str]] = {}
    halves: dict[str, list[str]] = {}
    for line in text.splitlines():
        parts = line.split(" ", 2)
        if len(parts) >= 2 and 1 < len(parts[0]) <= 12 and parts[1].isdigit():
            word, frequency = parts[0], int(parts[1])
            if frequency >= WORD_FREQUENCY:
                words.setdefault(word[0], []).append(word)
            if frequency >= SPLIT_FREQUENCY:
                halves.setdefault(word[0], []).append(word)
    return _joined(words), _joined(halves)


def _joined(groups: dict[str, list[str]]) -> dict[str, str]:
    return {first: "\n" + "\n".join(sorted(set(ws))) + "\n" for first, ws in groups.items()}


@lru_cache(maxsize=4)
def _index(
    expressions: tuple[str, ...], looks: tuple[str, ...], real: tuple[str, ...], fixed: tuple[str, ...]
) -> IdiomIndex:
    return IdiomIndex(expressions, looks, real, fixed)


def build_index(context: FamilyContext) -> IdiomIndex:
    """The index for this context's `idioms.yaml` layers (built once per process per content)."""
    data = context.rule_data("idioms", key="text")
    expressions: list[str] = []
    looks: list[str] = []
    real: list[str] = []
    for entry in data.entries:
        text = entry_str(data, entry, "text")
        assert text is not None
        if not _HAN.fullmatch(text):
            raise DataFileError(data.where(entry), f"“{text}”应只含汉字")
        if entry.get("look") is True:
            if len(text) < 2:
                raise DataFileError(data.where(entry), "形近字组至少要有两个字")
            looks.append(text)
        elif entry.get("real") is True:
            real.append(text)
        else:
            if len(text) < MIN_LEN:
                raise DataFileError(data.where(entry), f"固定说法至少 {MIN_LEN} 个字（短词容易与别的词混淆）")
            expressions.append(text)
    owned = _formulation_text(context)
    mine = tuple(sorted(e for e in expressions if e not in owned))
    theirs = tuple(sorted(e for e in expressions if e in owned))
    return _index(mine, tuple(sorted(looks)), tuple(sorted(real)), theirs)


def _formulation_text(context: FamilyContext) -> str:
    """The fixed formulations of the bank and of `rules/nearmiss.yaml`, one a line: their one-character
    slips are `formulation.nearmiss`'s (one slip, one finding), so an expression quoted in them
    is only recognised here as correct, never varied."""
    texts = [e.text for e in context.bank_entries() if getattr(e, "kind", None) == "formulation"]
    data = context.rule_data("nearmiss", key="term")
    texts += [str(e.get("term", "")) for e in data.entries if e.get("real") is not True]
    return "\n".join(texts)


def idiom_hits(
    index: IdiomIndex | Callable[[], IdiomIndex], text: str, covered: Sequence[tuple[int, int]] = ()
) -> Iterator[Hit]:
    """Findings of `wording.idiom`, except where another wording finding already stands.
    `index` is called only for a text with a run of four Hanzi: a blank-only check never loads
    pypinyin or builds the variants."""
    if not _RUN.search(text):
        return
    index = index() if callable(index) else index
    for hit in index.find(text):
        if any(hit.start < e and hit.end > s for s, e in covered):
            continue
        why = "音近" if hit.sound else "形近"
        message = f"“{hit.wrong}”应为“{hit.right}”（“{hit.got}”与“{hit.want}”{why}），请核对"
        yield Hit(IDIOM.id, hit.start, hit.end, message, hit.right)
