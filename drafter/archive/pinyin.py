"""Pinyin keys for archive passages, fast enough for a million paragraphs.

The phrase bank converts word by word through pypinyin's segmenter (about 5,000 paragraphs a
second here); an archive build must read 10,000 a second, so passages are keyed character by
character with `str.translate` over a table of each character's first (most common) reading,
taken once from pypinyin's dictionary. Queries are keyed the same way, so a Hanzi query always
finds its own characters; only a typed pinyin query for a heteronym in its rarer reading
(银行 typed as yinhang) misses the pinyin tier, and its Hanzi still finds it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_PUNCT_RANGES = ((0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40))


def _plain(syllable: str) -> str:
    """`lǜ` → `lv`, `xíng` → `xing`: tone marks off, ü as v (as writers type it)."""
    decomposed = unicodedata.normalize("NFD", syllable.replace("ü", "v"))
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


def passage_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a passage, both without spaces or punctuation."""
    full, initials = tables()
    lower = text.lower()
    return lower.translate(full), lower.translate(initials)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows (for reading a typed pinyin query)."""
    from pypinyin.pinyin_dict import pinyin_dict

    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = _plain(reading)
            if plain.isascii() and plain.isalpha():
                found.add(plain)
    return frozenset(found)


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
