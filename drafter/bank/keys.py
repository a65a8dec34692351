"""Pinyin search keys for entry texts, computed once per file and cached (see cache.py).

For each character of a text: its pinyin syllable if it is Hanzi (pypinyin resolves heteronyms
from its phrase dictionary: 银行 → yin hang), itself lower-cased if it is a letter or digit, and
nothing for punctuation. `lengths` keeps each character's key length so that a match in the
pinyin string maps back to characters of the text, for highlighting.
"""

from __future__ import annotations

from typing import NamedTuple


class PinyinKeys(NamedTuple):
    """Full pinyin, initials, and per-character key lengths (bytes, one per character).

    A tuple, so that the cache's marshalled tuples become keys without a conversion loop."""

    full: str
    initials: str
    lengths: bytes


def _keep(segment: str) -> list[str]:
    return list(segment)


def compute_keys(texts: list[str]) -> list[PinyinKeys]:
    """Keys for many texts at once (pypinyin is imported only here, on a cache miss).

    pypinyin segments a text into words and converts each word on its own, so converting word
    by word through a memo gives the same syllables; a bank repeats its words so much that
    this is several times faster than converting every text whole.
    """
    from pypinyin import lazy_pinyin
    from pypinyin.core import seg

    memo: dict[str, list[str]] = {}
    out = []
    for text in texts:
        syllables: list[str] = []
        for word in seg(text):
            converted = memo.get(word)
            if converted is None:
                converted = memo[word] = lazy_pinyin(word, errors=_keep)
            syllables.extend(converted)
        if len(syllables) != len(text):  # defensive: pypinyin merged or split something
            syllables = [lazy_pinyin(ch, errors=_keep)[0] if ch.strip() else "" for ch in text]
        out.append(keys_from_syllables(text, syllables))
    return out


def keys_from_syllables(text: str, syllables: list[str]) -> PinyinKeys:
    """Assemble keys from one syllable (or the character itself) per character."""
    full: list[str] = []
    initials: list[str] = []
    lengths = bytearray()
    for ch, syl in zip(text, syllables, strict=True):
        key = syl.lower() if syl != ch or ch.isascii() else ""
        if key and not key.isalnum():
            key = ""
        if len(key) > 255:
            key = key[:255]
        full.append(key)
        if key:
            initials.append(key[0])
        lengths.append(len(key))
    return PinyinKeys("".join(full), "".join(initials), bytes(lengths))


def query_keys(query: str) -> tuple[str, str]:
    """The full pinyin and the initials of a query that mixes Hanzi and letters (两个ql)."""
    from pypinyin import lazy_pinyin

    full: list[str] = []
    initials: list[str] = []
    for ch, syl in zip(query, lazy_pinyin(query, errors=_keep), strict=False):
        if ch.isascii():
            if ch.isalnum():
                full.append(ch.lower())
                initials.append(ch.lower())
        elif syl != ch and syl.isalnum():
            full.append(syl)
            initials.append(syl[0])
    return "".join(full), "".join(initials)
