"""Pinyin keys for archive passages, fast enough for a million paragraphs.

The phrase bank converts word by word through pypinyin's segmenter (about 5,000 paragraphs a
second here); an archive build must read 10,000 a second, so passages are keyed character by
character with `str.translate` over a table of each character's first (most common) reading,
taken once from pypinyin's dictionary. Then the words whose reading differs from their
characters' first readings (双重 shuang chong, 银行 yin hang: about 1,700 words of up to three
characters in pypinyin's phrase dictionary) are corrected where a passage contains one, so that
typed pinyin and initials find them as the phrase bank does. Queries are keyed the same way.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

_PUNCT_RANGES = ((0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40))


def _plain(syllable: str) -> str:
    """`lǜ` → `lv`, `xíng` → `xing`: tone marks off, ü as v (as writers type it)."""
    decomposed = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=1)
def tables() -> tuple[dict[int, str | None], dict[int, str | None]]:
    """(full, initials) translate tables: Hanzi → syllable / its first letter; punctuation and
    spaces removed; ASCII letters and digits kept (text is lower-cased first)."""
    from pypinyin.pinyin_dict import pinyin_dict

    full: dict[int, str | None] = {}
    initials: dict[int, str | None] = {}
    for code, readings in pinyin_dict.items():
        syllable = _plain(readings.split(",", 1)[0])
        if syllable.isascii() and syllable.isalpha():
            full[code] = syllable
            initials[code] = syllable[0]
    for low, high in _PUNCT_RANGES:
        for code in range(low, high + 1):
            full.setdefault(code, None)
            initials.setdefault(code, None)
    for code in range(128):
        ch = chr(code)
        if not ch.isalnum():
            full[code] = initials[code] = None
    return full, initials


def full_reading(ch: str) -> str | None:
    """The first reading of one character (None for punctuation)."""
    return tables()[0].get(ord(ch))


@lru_cache(maxsize=1)
def heteronym_words() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    """Words (2–3 characters) read otherwise than their characters' first readings, and a
    pattern of the characters where that happens. Cached in the user cache folder per pypinyin
    version: reading pypinyin's phrase dictionary takes a second."""
    import marshal

    import pypinyin

    from drafter.layers import user_data_folder

    cache = user_data_folder("cache") / f"archive-heteronyms-2-{pypinyin.__version__}.marshal"
    words: dict[str, tuple[str, ...]] | None = None
    try:
        words = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        words = None
    if not isinstance(words, dict):
        from pypinyin.phrases_dict import phrases_dict

        full, _ = tables()
        words = {}
        for word, readings in phrases_dict.items():
            if not 2 <= len(word) <= 3 or len(readings) != len(word):
                continue
            syllables = tuple(_plain(r[0]) for r in readings)
            if all(s.isascii() and s.isalpha() for s in syllables) and any(
                full.get(ord(ch)) != syl for ch, syl in zip(word, syllables, strict=True)
            ):
                words[word] = syllables
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(words))
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only home: compute again next time
    chars = {ch for word, syls in words.items() for ch, syl in zip(word, syls, strict=True) if full_reading(ch) != syl}
    pattern = re.compile("[" + "".join(sorted(chars)).replace("\\", "\\\\").replace("]", "\\]") + "]")
    return words, pattern


# Clause marks: no heteronym word contains one and both keys drop them, so a passage's keys are
# its clauses' keys end to end, and a clause seen before (a fixed formulation, a sentence kept
# from last year's passage) is keyed once per process.
_CLAUSE = re.compile("[，。；：！？、]")
_CLAUSE_CACHE: dict[str, tuple[str, str]] = {}
_CLAUSE_CACHE_SIZE = 50_000
_MIN_SPLIT = 16


def passage_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a passage, both without spaces or punctuation.

    Keyed clause by clause through a cache: the heteronym pass costs about 3 µs for each
    character that has another reading in some word (17 in a 200-character passage), and an
    archive's passages repeat their clauses far more often than their whole text."""
    lower = text.lower()
    if len(lower) < _MIN_SPLIT:
        return lowercase_keys(lower)
    cache = _CLAUSE_CACHE
    full_parts: list[str] = []
    initial_parts: list[str] = []
    for clause in _CLAUSE.split(lower):
        keys = cache.get(clause)
        if keys is None:
            keys = lowercase_keys(clause)
            if len(cache) >= _CLAUSE_CACHE_SIZE:
                cache.clear()
            cache[clause] = keys
        full_parts.append(keys[0])
        initial_parts.append(keys[1])
    return "".join(full_parts), "".join(initial_parts)


def lowercase_keys(lower: str) -> tuple[str, str]:
    """passage_keys of lower-cased text (a clause, say), without the cache."""
    full, initials = tables()
    words, pattern = heteronym_words()
    fixes: dict[int, str] = {}
    get = words.get
    for m in pattern.finditer(lower):
        p = m.start()
        if p in fixes:
            continue
        for start in (p - 2, p - 1, p) if p >= 2 else (p - 1, p) if p else (p,):
            for end in (start + 3, start + 2):
                if end > p and end <= len(lower):
                    syllables = get(lower[start:end])
                    if syllables is not None:
                        for k, syl in enumerate(syllables):
                            fixes.setdefault(start + k, syl)
                        break
            else:
                continue
            break
    if not fixes:
        return lower.translate(full), lower.translate(initials)
    # Translate the stretches between corrected characters; put the corrections in between.
    full_parts: list[str] = []
    initial_parts: list[str] = []
    last = 0
    for i in sorted(fixes):
        full_parts.append(lower[last:i].translate(full))
        initial_parts.append(lower[last:i].translate(initials))
        full_parts.append(fixes[i])
        initial_parts.append(fixes[i][0])
        last = i + 1
    full_parts.append(lower[last:].translate(full))
    initial_parts.append(lower[last:].translate(initials))
    return "".join(full_parts), "".join(initial_parts)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """The toneless syllables a typed pinyin query is read with: every first reading (which
    covers the syllables in use) taken from the table already built, so the first pinyin query
    costs nothing more."""
    return frozenset(v for v in tables()[0].values() if v)


def split_syllables(letters: str) -> list[str] | None:
    """`yinhuanpaicha` → [yin, huan, pai, cha]; None if the letters are not pinyin.

    Fewest syllables wins (xian is one syllable, not xi an), the way an IME reads it."""
    known = syllables()
    n = len(letters)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            prefix = best[start]
            piece = letters[start:end]
            if prefix is not None and piece in known:
                candidate = [*prefix, piece]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[n]
