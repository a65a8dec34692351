"""A Chinese word list, to tell a doubled character that is a typo (的的, 要要) from two words that
meet on the same character (支部|部署, 中石化|化工, 目的|的确) or a word that is itself a doubling
(谢谢, 渐渐, 历历在目, 息息相关).

The list is jieba's dictionary (dict.txt, ~337,000 words from the People's Daily and other
corpora, MIT licence): a real, maintained lexicon rather than a hand list, read directly so that
neither jieba's segmenter nor its start-up log is involved. It is loaded on first use (about
0.25 s), which only happens when a text holds a doubled character worth judging. Without jieba
installed, `words()` is None and the repetition rule never fixes by itself (it only warns).

Parsing dict.txt takes about 0.3 s, more than checking a long speech, and every `drafter check` and
every worker of a folder check would pay it: the words are kept in the user cache
(drafter/datacache.py) grouped by their first character, one newline-joined string a group, which
loads in milliseconds where a set of 335,000 strings takes a sixth of a second to unmarshal.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

MAX_WORD = 6  # longer dictionary words are not consulted: idioms are four characters


CACHE_SHAPE = 1  # bump when what `_groups` stores changes


class Lexicon:
    """Membership in the word list: `word in lexicon`."""

    __slots__ = ("_groups",)

    def __init__(self, groups: dict[str, str]) -> None:
        self._groups = groups  # first character -> "\nword\nword\n"

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        group = self._groups.get(word[0])
        return group is not None and "\n" not in word and f"\n{word}\n" in group

    def __len__(self) -> int:
        return sum(group.count("\n") - 1 for group in self._groups.values())


@lru_cache(maxsize=1)
def words() -> Lexicon | None:
    """Every dictionary word of 2–MAX_WORD characters, or None when jieba is not installed."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    if not path.is_file():
        return None
    from drafter.datacache import cached, file_key

    groups = cached("lexicon", file_key(path, CACHE_SHAPE, MAX_WORD, MIN_DOUBLING_FREQUENCY), lambda: _groups(path))
    return Lexicon(groups) if groups else None


def _groups(path: Path) -> dict[str, str]:
    """The words of dict.txt by first character ({} when the file cannot be read)."""
    found = _read_words(path)
    if found is None:
        return {}
    by_first: dict[str, list[str]] = {}
    for word in sorted(found):
        by_first.setdefault(word[0], []).append(word)
    return {first: "\n" + "\n".join(ws) + "\n" for first, ws in by_first.items()}


def _read_words(path: Path) -> set[str] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    out = set()
    for line in text.splitlines():
        word, _, rest = line.partition(" ")
        if 1 < len(word) <= MAX_WORD:
            # A bare doubling with almost no use in the corpus (对对, 了了, 再再: frequency 3) is
            # noise for this purpose; 等等, 常常, 谢谢 are in the thousands.
            if len(word) == 2 and word[0] == word[1] and _frequency(rest) < MIN_DOUBLING_FREQUENCY:
                continue
            out.add(word)
    return out


MIN_DOUBLING_FREQUENCY = 10


@lru_cache(maxsize=1)
def char_tags() -> dict[str, str]:
    """The part-of-speech tag jieba's dictionary gives each single character (子 ng, 发 v, 份 q):
    a bound morpheme (a tag ending in g, or k for 们) cannot stand alone as a word, which tells a
    stray copy (班子子成员) from a word of its own (省辖市|市|本级). Empty without jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    if not path.is_file():
        return {}
    from drafter.datacache import cached, file_key

    # Parsing dict.txt again would cost a third of a second per process: cached like the words.
    return cached("char-tags", file_key(path, 1), lambda: _read_tags(path))


def _read_tags(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and len(parts[0]) == 1:
            out[parts[0]] = parts[2]
    return out


def _frequency(rest: str) -> int:
    head = rest.partition(" ")[0]
    return int(head) if head.isdigit() else 0
